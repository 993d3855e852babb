import type { ComponentType, FunctionComponent } from "preact";
import { useEffect, useState } from "preact/hooks";
import { t } from "../lib/i18n";
import { Button } from "./Button";

/**
 * A screen whose code is fetched on first use (route-level code splitting): people who never
 * open it never download it. Shows "loading", and a retry when the chunk cannot be fetched
 * (offline, or a new version replaced the old files).
 */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): FunctionComponent<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;

  return function LazyScreen(props: P) {
    const [attempt, setAttempt] = useState(0);
    const [, setReady] = useState(false);
    const [failed, setFailed] = useState(false);

    useEffect(() => {
      if (loaded) return;
      let live = true;
      pending ??= load().then((component) => (loaded = component));
      pending.then(
        () => {
          if (!live) return;
          setReady(true);
          // The router focused the placeholder's heading; hand focus on to the real one.
          requestAnimationFrame(() => {
            const active = document.activeElement;
            if (active === null || active === document.body || active.matches("main h1")) {
              document.querySelector<HTMLElement>("main h1")?.focus();
            }
          });
        },
        () => {
          pending = null;
          if (live) setFailed(true);
        },
      );
      return () => {
        live = false;
      };
    }, [attempt]);

    if (loaded) {
      const Screen = loaded;
      return <Screen {...props} />;
    }
    return (
      <section class="page" aria-busy={!failed}>
        <h1 tabIndex={-1}>{failed ? t("lazy.failed") : t("common.loading")}</h1>
        {failed && (
          <Button
            variant="secondary"
            onClick={() => {
              setFailed(false);
              setAttempt((n) => n + 1);
            }}
          >
            {t("home.retry")}
          </Button>
        )}
      </section>
    );
  };
}

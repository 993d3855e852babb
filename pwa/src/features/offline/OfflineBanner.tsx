import { useEffect, useState } from "preact/hooks";
import { t, useLocale } from "../../lib/i18n";
import { freshness, useFreshness } from "../../lib/freshness";
import { lastUpdatedText } from "./last-updated";
import { probeServer } from "./probe";

/** How often to look for the server while the banner is up (the screen may not ask by itself). */
const PROBE_EVERY_MS = 15_000;

/**
 * "Offline — showing what you had", with when it was last updated: shown whenever the last
 * answer came from the service worker's cache or the server could not be reached. The live
 * region is always in the page so screen readers announce the change.
 */
export function OfflineBanner() {
  const state = useFreshness();
  const locale = useLocale();
  const [now, setNow] = useState(Date.now);

  useEffect(() => {
    const check = () => void probeServer(freshness);
    // The browser is right when it says "offline" (it only lies the other way round).
    const offline = () => freshness.report({ kind: "unreachable" });
    const visible = () => document.visibilityState === "visible" && freshness.get().offline && check();
    addEventListener("online", check);
    addEventListener("offline", offline);
    document.addEventListener("visibilitychange", visible);
    if (!navigator.onLine) offline();
    return () => {
      removeEventListener("online", check);
      removeEventListener("offline", offline);
      document.removeEventListener("visibilitychange", visible);
    };
  }, []);

  useEffect(() => {
    if (!state.offline) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => {
      setNow(Date.now()); // "today" can become "yesterday" while the phone sits on a shelf
      void probeServer(freshness);
    }, PROBE_EVERY_MS);
    return () => clearInterval(timer);
  }, [state.offline]);

  return (
    <div class="offline" role="status" aria-live="polite" data-testid="offline-banner">
      {state.offline && (
        <>
          <strong class="offline__title">{t("offline.title")}</strong>{" "}
          <span class="offline__when" data-testid="offline-last-sync">
            {lastUpdatedText(state.shownAt, locale, now)}
          </span>
        </>
      )}
    </div>
  );
}

import { useEffect, useState } from "preact/hooks";
import { t } from "../../lib/i18n";
import { session } from "../../lib/session";
import { useStoreValue } from "../../lib/use-store";
import { install } from "./install-state";
import { isFormDirty, shouldOfferInstall } from "./install-rules";

const POST_PATH = /^\/news\/\d+\/?$/;
const SIGN_IN_PATH = /^\/(login|join)(\/|$)/;

/** "Install Winkelpraat on your home screen", at the moment install-rules.ts allows. */
export function InstallCard({ path }: { path: string }) {
  useStoreValue(install.version, install.subscribe); // re-render on every change of the install state
  const [formDirty, setFormDirty] = useState(false);

  // Opening a post is reading it: the card comes once the person is back from it.
  useEffect(() => {
    if (POST_PATH.test(path)) install.markPostRead();
  }, [path]);

  // The fields the person changed on this screen; a submitted or reset form starts clean again.
  useEffect(() => {
    const touched = new Set<HTMLInputElement>();
    const check = () => setFormDirty(isFormDirty([...touched].filter((field) => field.isConnected)));
    const changed = (event: Event) => {
      const field = event.target as HTMLInputElement;
      if (!event.isTrusted || !field.form) return;
      touched.add(field);
      check();
    };
    const cleared = (event: Event) => {
      for (const field of touched) if (field.form === event.target) touched.delete(field);
      check();
    };
    check();
    for (const type of ["input", "change"]) document.addEventListener(type, changed, true);
    for (const type of ["reset", "submit"]) document.addEventListener(type, cleared, true);
    return () => {
      for (const type of ["input", "change"]) document.removeEventListener(type, changed, true);
      for (const type of ["reset", "submit"]) document.removeEventListener(type, cleared, true);
    };
  }, [path]);

  const offer = shouldOfferInstall({
    canPrompt: install.canPrompt(),
    standalone: install.standalone(),
    loggedIn: session.isLoggedIn(),
    busyScreen: POST_PATH.test(path) || SIGN_IN_PATH.test(path),
    formDirty,
    dismissedAt: install.dismissedAt(),
    now: Date.now(),
    visits: install.visits(),
    readPost: install.readPost(),
  });
  if (!offer) return null;

  return (
    <section class="install" aria-labelledby="install-title" data-testid="install-card">
      <h2 id="install-title" class="install__title">
        {t("install.title")}
      </h2>
      <p class="install__text">{t("install.text")}</p>
      <div class="install__actions">
        <button type="button" class="btn btn--primary" data-testid="install-accept" onClick={() => void install.prompt()}>
          {t("install.accept")}
        </button>
        <button type="button" class="btn btn--quiet" data-testid="install-dismiss" onClick={() => install.dismiss()}>
          {t("install.dismiss")}
        </button>
      </div>
    </section>
  );
}

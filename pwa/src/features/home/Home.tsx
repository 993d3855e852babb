import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { errorMessage } from "../../api/error-message";
import { LOCALES, roleLabel, t, useLocale, type Locale } from "../../lib/i18n";
import { navigate } from "../../lib/router";
import { Button } from "../../ui/Button";
import { Toast } from "../../ui/Toast";
import { getMe, logout, type Me } from "../auth/auth-api";
import { session } from "../../lib/session";
import { Feed } from "../news/Feed";
import { browserPushDevice, forgetPushOnLogout } from "../push/push-device";
import { adoptUserLanguage, changeLanguage, languageChoiceCount } from "./language";

export function Home() {
  const loggedIn = session.isLoggedIn();
  // The cached answer renders at once, also offline after a reload; the network refreshes it.
  const [me, setMe] = useState<Me | null>(() => session.getCachedMe());
  const [loadError, setLoadError] = useState<string | null>(null);
  const [toast, setToast] = useState<string | null>(null);
  const [loggingOut, setLoggingOut] = useState(false);
  // Titles and bodies come in the person's language, so a saved switch reloads the feed.
  const [feedKey, setFeedKey] = useState(0);
  const locale = useLocale();

  async function load() {
    setLoadError(null);
    try {
      const choicesBefore = languageChoiceCount();
      setMe(await adoptUserLanguage(await getMe(), choicesBefore));
    } catch (error) {
      // 401 is handled by the client (tokens cleared, sent to /login).
      if (!(error instanceof ApiError && error.status === 401)) setLoadError(errorMessage(error));
    }
  }

  useEffect(() => {
    if (!loggedIn) {
      navigate("/login", { replace: true });
      return;
    }
    void load();
  }, [loggedIn]);

  if (!loggedIn) return null;

  async function switchLanguage(next: Locale) {
    if (next === locale) return;
    try {
      const result = await changeLanguage(next);
      if (result.me) setMe(result.me);
      if (result.saved) setFeedKey((k) => k + 1);
      setToast(result.saved ? null : t("home.languageNotSaved"));
    } catch {
      // 401: the client has already sent us to /login.
    }
  }

  async function doLogout() {
    setLoggingOut(true);
    await forgetPushOnLogout(browserPushDevice); // needs the login: before logout()
    await logout();
    navigate("/login", { replace: true });
  }

  return (
    <section class="page" aria-labelledby="home-greeting">
      {me ? (
        <>
          <h1 id="home-greeting" data-testid="home-greeting" tabIndex={-1}>
            {t("home.greeting", { name: me.name })}
          </h1>
          <p class="home__store" data-testid="home-store">
            {me.store?.name ?? roleLabel(me.role)}
          </p>
        </>
      ) : (
        <h1 id="home-greeting" tabIndex={-1}>
          {loadError ? t("home.noData") : t("common.loading")}
        </h1>
      )}

      {loadError && !me && (
        <div class="notice">
          <p class="form-error" role="alert" data-testid="form-error">
            {loadError}
          </p>
          <Button variant="secondary" onClick={() => void load()}>
            {t("home.retry")}
          </Button>
        </div>
      )}

      <Feed me={me} reloadKey={feedKey} />

      <div class="card">
        <h2 id="language-label">{t("home.language")}</h2>
        <div class="segmented" role="group" aria-labelledby="language-label" data-testid="language-switch">
          {LOCALES.map((l) => (
            <button
              key={l}
              type="button"
              lang={l}
              class="segmented__option"
              aria-pressed={l === locale}
              onClick={() => void switchLanguage(l)}
            >
              {t(`lang.${l}`)}
            </button>
          ))}
        </div>
      </div>

      <Button
        variant="secondary"
        data-testid="logout-button"
        busy={loggingOut}
        busyLabel={t("home.loggingOut")}
        onClick={() => void doLogout()}
      >
        {t("home.logout")}
      </Button>

      {toast && <Toast message={toast} onDismiss={() => setToast(null)} />}
    </section>
  );
}

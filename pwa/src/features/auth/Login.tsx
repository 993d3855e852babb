import { useEffect, useState } from "preact/hooks";
import { errorMessage } from "../../api/error-message";
import { t } from "../../lib/i18n";
import { navigate } from "../../lib/router";
import { Button } from "../../ui/Button";
import { Link } from "../../ui/Link";
import { TextField } from "../../ui/TextField";
import { login } from "./auth-api";
import { session } from "../../lib/session";

export function Login() {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [resetCode, setResetCode] = useState("");
  const [resetError, setResetError] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (session.isLoggedIn()) navigate("/", { replace: true });
  }, []);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
      navigate("/", { replace: true });
    } catch (e) {
      // 401 shows the server's own message ("Wrong username or password"); 429 the wait.
      setError(errorMessage(e));
      setBusy(false);
    }
  }

  // A forgotten password: the manager makes a one-time sign-in code (or its QR code, which opens
  // /reset/<code> directly); typed here, it opens the same screen.
  function openReset(event: Event) {
    event.preventDefault();
    const code = resetCode.trim();
    if (!code) {
      setResetError(t("form.required"));
      return;
    }
    navigate(`/reset/${encodeURIComponent(code)}`);
  }

  return (
    <section class="page" aria-labelledby="login-title">
      <h1 id="login-title" tabIndex={-1}>
        {t("login.title")}
      </h1>
      <form class="form" data-testid="login-form" onSubmit={submit}>
        <TextField
          id="login-username"
          name="username"
          label={t("login.username")}
          value={username}
          autoComplete="username"
          verbatim
          onInput={setUsername}
        />
        <TextField
          id="login-password"
          name="password"
          type="password"
          label={t("login.password")}
          value={password}
          autoComplete="current-password"
          verbatim
          onInput={setPassword}
        />
        {error && (
          <p class="form-error" role="alert" data-testid="form-error">
            {error}
          </p>
        )}
        <Button type="submit" busy={busy} busyLabel={t("login.submitting")}>
          {t("login.submit")}
        </Button>
      </form>
      <p class="page__alt">
        <Link href="/join">{t("login.haveInvite")}</Link>
      </p>
      <form class="form card" data-testid="forgot-form" aria-labelledby="forgot-title" onSubmit={openReset} noValidate>
        <h2 id="forgot-title">{t("login.forgotTitle")}</h2>
        <p>{t("login.forgotText")}</p>
        <TextField
          id="forgot-code"
          name="code"
          label={t("reset.code")}
          value={resetCode}
          error={resetError}
          autoComplete="one-time-code"
          verbatim
          onInput={(value) => {
            setResetCode(value);
            setResetError(undefined);
          }}
        />
        <Button type="submit" variant="secondary" data-testid="forgot-submit">
          {t("login.forgotSubmit")}
        </Button>
      </form>
    </section>
  );
}

import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { errorMessage } from "../../api/error-message";
import {
  formatDateTime,
  getLocale,
  isLocale,
  LOCALES,
  roleLabel,
  setLocale,
  t,
  type Locale,
} from "../../lib/i18n";
import { navigate } from "../../lib/router";
import { Button } from "../../ui/Button";
import { Link } from "../../ui/Link";
import { TextField } from "../../ui/TextField";
import { getInvite, join, type Invite } from "./auth-api";

// The server's rules (api/org/schemas.py, api/auth/schemas.py), checked here so a person gets a
// clear message instead of a regex in a 422; the server stays the authority.
const MIN_PASSWORD = 8;
const MAX_PASSWORD = 256;
const MAX_NAME = 100;
const MAX_USERNAME = 40;
const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;

type Field = "code" | "name" | "username" | "password" | "locale";
type FieldErrors = Partial<Record<Field, string>>;
const FIELDS: readonly string[] = ["code", "name", "username", "password", "locale"];

/** /join and /join/<code>: the QR code on the store's poster opens the second. */
export function Join({ code: initialCode = "" }: { code?: string }) {
  const [code, setCode] = useState(initialCode);
  const [invite, setInvite] = useState<Invite | null>(null);
  const [name, setName] = useState("");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [locale, setChosenLocale] = useState<Locale>(getLocale());
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => {
    setCode(initialCode);
    setInvite(null);
    if (initialCode) void checkCode(initialCode);
  }, [initialCode]);

  async function checkCode(value: string) {
    const trimmed = value.trim();
    if (!trimmed) {
      setFieldErrors({ code: t("form.required") });
      return;
    }
    setBusy(true);
    setFieldErrors({});
    setFormError(null);
    try {
      setInvite(await getInvite(trimmed));
    } catch (error) {
      // Next to the field, and in the summary by the button (the field may be scrolled away).
      setInvite(null);
      setFieldErrors({ code: inviteErrorMessage(error) });
      setFormError(inviteErrorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  function validate(): FieldErrors {
    const errors: FieldErrors = {};
    if (!name.trim()) errors.name = t("form.required");
    if (!username.trim()) errors.username = t("form.required");
    else if (!USERNAME.test(username.trim().toLowerCase())) errors.username = t("join.usernameInvalid");
    if (password.length < MIN_PASSWORD) errors.password = t("join.passwordTooShort");
    return errors;
  }

  async function submitJoin() {
    const errors = validate();
    setFieldErrors(errors);
    setFormError(null);
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    try {
      await join({
        code: code.trim(),
        name: name.trim(),
        username: username.trim(),
        password,
        locale,
      });
      navigate("/", { replace: true });
    } catch (error) {
      showJoinError(error);
      setBusy(false);
    }
  }

  function showJoinError(error: unknown) {
    if (!(error instanceof ApiError)) {
      setFormError(errorMessage(error));
      return;
    }
    if (error.status === 409) {
      setFieldErrors({ username: t("join.usernameTaken") });
      setFormError(t("join.usernameTaken"));
    } else if (error.status === 400 || error.status === 410) {
      // The code was used up between checking it and submitting.
      setInvite(null);
      setFieldErrors({ code: inviteErrorMessage(error) });
      setFormError(inviteErrorMessage(error));
    } else if (error.status === 422 && error.fieldErrors.length > 0) {
      const errors: FieldErrors = {};
      const other: string[] = [];
      for (const { field, message } of error.fieldErrors) {
        if (FIELDS.includes(field)) errors[field as Field] ??= message;
        else other.push(message);
      }
      setFieldErrors(errors);
      setFormError([t("join.checkFields"), ...other].join(" "));
    } else {
      setFormError(errorMessage(error));
    }
  }

  function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (invite) void submitJoin();
    else void checkCode(code);
  }

  function chooseLocale(value: string) {
    if (!isLocale(value)) return;
    setChosenLocale(value);
    setLocale(value); // show the rest of the form in the chosen language at once
  }

  return (
    <section class="page" aria-labelledby="join-title">
      <h1 id="join-title" tabIndex={-1}>
        {t("join.title")}
      </h1>
      <p>{t("join.intro")}</p>
      <form class="form" data-testid="join-form" onSubmit={submit} noValidate>
        <TextField
          id="join-code"
          name="code"
          verbatim
          label={t("join.code")}
          value={code}
          error={fieldErrors.code}
          autoComplete="off"
          onInput={(value) => {
            setCode(value);
            setInvite(null);
          }}
        />

        {invite && (
          <div class="invite" data-testid="join-invite-summary">
            <h2>{t("join.summaryTitle")}</h2>
            <dl>
              <dt>{t("join.store")}</dt>
              <dd>{invite.store?.name ?? t("join.noStore")}</dd>
              <dt>{t("join.role")}</dt>
              <dd>{roleLabel(invite.role)}</dd>
              {invite.expires_at && (
                <>
                  <dt>{t("join.validUntil")}</dt>
                  <dd>{formatDateTime(invite.expires_at)}</dd>
                </>
              )}
            </dl>
          </div>
        )}

        {invite && (
          <>
            <TextField
              id="join-name"
              name="name"
              label={t("join.name")}
              value={name}
              error={fieldErrors.name}
              autoComplete="name"
              maxLength={MAX_NAME}
              onInput={setName}
            />
            <TextField
              id="join-username"
              name="username"
              verbatim
              label={t("join.username")}
              value={username}
              error={fieldErrors.username}
              autoComplete="username"
              maxLength={MAX_USERNAME}
              onInput={setUsername}
            />
            <TextField
              id="join-password"
              name="password"
              verbatim
              label={t("join.password")}
              type="password"
              value={password}
              error={fieldErrors.password}
              autoComplete="new-password"
              minLength={MIN_PASSWORD}
              maxLength={MAX_PASSWORD}
              onInput={setPassword}
            />
            <div class="field">
              <label for="join-locale">{t("join.language")}</label>
              <select
                id="join-locale"
                value={locale}
                onChange={(e) => chooseLocale(e.currentTarget.value)}
              >
                {LOCALES.map((l) => (
                  <option key={l} value={l}>
                    {t(`lang.${l}`)}
                  </option>
                ))}
              </select>
              {fieldErrors.locale && <p class="field-error">{fieldErrors.locale}</p>}
            </div>
          </>
        )}

        {formError && (
          <p class="form-error" role="alert" data-testid="form-error">
            {formError}
          </p>
        )}

        {invite ? (
          <Button type="submit" busy={busy} busyLabel={t("join.submitting")}>
            {t("join.submit")}
          </Button>
        ) : (
          <Button type="submit" busy={busy} busyLabel={t("join.checking")}>
            {t("join.checkCode")}
          </Button>
        )}
      </form>
      <p class="page__alt">
        <Link href="/login">{t("join.haveAccount")}</Link>
      </p>
    </section>
  );
}

function inviteErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 400) return t("join.codeUnknown");
  if (error instanceof ApiError && error.status === 410) return t("join.codeExpired");
  return errorMessage(error);
}

import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { t } from "../../lib/i18n";
import { navigate } from "../../lib/router";
import { Button } from "../../ui/Button";
import { Link } from "../../ui/Link";
import { TextField } from "../../ui/TextField";
import { resetPassword } from "./auth-api";
import { resetProblem } from "./reset-error";

// The server's rules (api/auth/schemas.py), checked here for a clear message; the server decides.
const MIN_PASSWORD = 8;
const MAX_PASSWORD = 256;

type Field = "code" | "password" | "repeat";
type FieldErrors = Partial<Record<Field, string>>;

/**
 * /reset and /reset/<code>: a new password with the one-time sign-in code a manager made (its QR
 * code opens the second), then signed in and on home. No sign-in needed to get here.
 */
export function Reset({ code: initialCode = "" }: { code?: string }) {
  const [code, setCode] = useState(initialCode);
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  useEffect(() => setCode(initialCode), [initialCode]);

  function validate(): FieldErrors {
    const errors: FieldErrors = {};
    if (!code.trim()) errors.code = t("form.required");
    if (password.length < MIN_PASSWORD) errors.password = t("join.passwordTooShort");
    else if (repeat !== password) errors.repeat = t("reset.mismatch");
    return errors;
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    const errors = validate();
    setFieldErrors(errors);
    setFormError(Object.keys(errors).length > 0 ? t("reset.checkFields") : null);
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    try {
      await resetPassword(code.trim(), password);
      navigate("/", { replace: true });
    } catch (error) {
      showError(error);
      setBusy(false);
    }
  }

  function showError(error: unknown) {
    if (error instanceof ApiError && error.status === 422 && error.fieldErrors.length > 0) {
      const errors: FieldErrors = {};
      const other: string[] = [];
      for (const { field, message } of error.fieldErrors) {
        if (field === "code" || field === "password") errors[field] ??= message;
        else other.push(message);
      }
      setFieldErrors(errors);
      setFormError([t("reset.checkFields"), ...other].join(" "));
    } else {
      const problem = resetProblem(error);
      setFieldErrors(problem.code ? { code: problem.code } : {});
      setFormError(problem.summary);
    }
  }

  return (
    <section class="page" aria-labelledby="reset-title">
      <h1 id="reset-title" tabIndex={-1}>
        {t("reset.title")}
      </h1>
      <p>{t("reset.intro")}</p>
      <form class="form" data-testid="reset-form" onSubmit={(e) => void submit(e)} noValidate>
        <TextField
          id="reset-code"
          name="code"
          verbatim
          label={t("reset.code")}
          value={code}
          error={fieldErrors.code}
          autoComplete="one-time-code"
          onInput={setCode}
        />
        <TextField
          id="reset-password"
          name="password"
          type="password"
          verbatim
          label={t("reset.password")}
          value={password}
          error={fieldErrors.password}
          autoComplete="new-password"
          minLength={MIN_PASSWORD}
          maxLength={MAX_PASSWORD}
          onInput={setPassword}
        />
        <TextField
          id="reset-repeat"
          name="repeat"
          type="password"
          verbatim
          label={t("reset.repeat")}
          value={repeat}
          error={fieldErrors.repeat}
          autoComplete="new-password"
          maxLength={MAX_PASSWORD}
          onInput={setRepeat}
        />
        {formError && (
          <p class="form-error" role="alert" data-testid="reset-error">
            {formError}
          </p>
        )}
        <Button type="submit" busy={busy} busyLabel={t("reset.submitting")} data-testid="reset-submit">
          {t("reset.submit")}
        </Button>
      </form>
      <p class="page__alt">
        <Link href="/login">{t("reset.toLogin")}</Link>
      </p>
    </section>
  );
}

import { type MessageKey, t } from "../lib/i18n";
import { ApiError } from "./client";

/** Codes whose meaning the app says in the person's own language. */
const BY_CODE: Record<string, MessageKey> = {
  // An Idempotency-Key replayed with a changed text: the first version was already stored.
  idempotency_key_reused: "error.alreadySent",
  idempotency_original_gone: "error.originalGone",
  too_large: "error.tooLarge",
};

/** What to show a person for a failed request: the server's own words for 4xx, ours otherwise. */
export function errorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return t("error.generic", { status: "?" });
  if (error.isNetworkError) return t("error.offline");
  if (error.status === 429) {
    return error.retryAfter !== null
      ? t("error.tooManyAttempts", { minutes: Math.max(1, Math.ceil(error.retryAfter / 60)) })
      : t("error.tooManyAttemptsLater");
  }
  const known = BY_CODE[error.code ?? ""];
  if (known) return t(known);
  if (error.status === 413) return t("error.tooLarge");
  if (error.status >= 400 && error.status < 500 && error.detail) return error.detail;
  return t("error.generic", { status: error.status });
}

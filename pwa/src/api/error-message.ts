import { t } from "../lib/i18n";
import { ApiError } from "./client";

/** What to show a person for a failed request: the server's own words for 4xx, ours otherwise. */
export function errorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return t("error.generic", { status: "?" });
  if (error.isNetworkError) return t("error.offline");
  if (error.status === 429) {
    return error.retryAfter !== null
      ? t("error.tooManyAttempts", { minutes: Math.max(1, Math.ceil(error.retryAfter / 60)) })
      : t("error.tooManyAttemptsLater");
  }
  if (error.status >= 400 && error.status < 500 && error.detail) return error.detail;
  return t("error.generic", { status: error.status });
}

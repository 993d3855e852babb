/** What the reset screen says about a refused sign-in code, and where it says it. */
import { ApiError } from "../../api/client";
import { errorMessage } from "../../api/error-message";
import { t } from "../../lib/i18n";

export interface ResetProblem {
  /** Next to the code field (a wrong, used or expired code), or null. */
  code: string | null;
  /** By the button: the whole story, also when the field is scrolled away. */
  summary: string;
}

/**
 * 400: the code is wrong (a typo: check it); 410: used or expired (ask for a new one); 429: too
 * many tries (how long to wait); offline: say so. Field errors (422) are the screen's to place.
 */
export function resetProblem(error: unknown): ResetProblem {
  if (error instanceof ApiError && error.status === 400) return { code: t("reset.codeWrong"), summary: t("reset.codeWrong") };
  if (error instanceof ApiError && error.status === 410) return { code: t("reset.codeUsed"), summary: t("reset.codeUsed") };
  return { code: null, summary: errorMessage(error) };
}

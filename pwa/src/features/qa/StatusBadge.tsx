import { t } from "../../lib/i18n";
import type { QuestionStatus } from "./qa-api";

/** "Open" or "Answered" as a text label (never colour alone). */
export function StatusBadge({ status }: { status: QuestionStatus }) {
  return (
    <span class={status === "answered" ? "tag tag--done" : "tag tag--must"} data-testid="question-status">
      {status === "answered" ? t("qa.status.answered") : t("qa.status.open")}
    </span>
  );
}

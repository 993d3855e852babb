import type { ComponentChildren } from "preact";
import { formatDateTime, getLocale, t } from "../../lib/i18n";
import { relativeTime } from "../../lib/relative-time";
import { Link } from "../../ui/Link";
import { categoryLabel } from "./category";
import type { QuestionSummary } from "./qa-api";
import { StatusBadge } from "./StatusBadge";

interface Props {
  question: QuestionSummary;
  /** Labels instead of the status and answer count (the unanswered queue shows the age). */
  children?: ComponentChildren;
}

/** One question in a list; the whole card is the link (its title is the accessible name). */
export function QuestionCard({ question, children }: Props) {
  return (
    <li class="item-card" data-testid="question-card" data-id={question.id}>
      <h2 class="item-card__title">
        <Link href={`/questions/${question.id}`} class="item-card__link">
          {question.title}
        </Link>
      </h2>
      <p class="item-card__meta">
        {question.author.name}
        {" · "}
        <time dateTime={question.created_at} title={formatDateTime(question.created_at)}>
          {relativeTime(question.created_at, getLocale())}
        </time>
        {" · "}
        {categoryLabel(question.category)}
        {" · "}
        {question.scope === "company" ? t("qa.scope.company") : t("qa.scope.store")}
      </p>
      <p class="tags">
        {children ?? (
          <>
            <StatusBadge status={question.status} />
            <span class="tag tag--muted" data-testid="question-answer-count">
              {t("qa.answerCount", { count: question.answer_count })}
            </span>
          </>
        )}
      </p>
    </li>
  );
}

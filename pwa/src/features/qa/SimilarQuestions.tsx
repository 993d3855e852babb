import { t } from "../../lib/i18n";
import { useLiveQuery } from "../../lib/use-live-query";
import { Link } from "../../ui/Link";
import { findSimilar } from "./qa-api";
import { StatusBadge } from "./StatusBadge";

/** Below this many characters a title matches too much to be useful. */
const MIN_CHARS = 3;

interface Props {
  title: string;
  /** The id of the status line, for the title field's aria-describedby. */
  statusId: string;
}

/**
 * Questions already asked that look like the title being typed (looked up once typing pauses
 * for 250 ms; older look-ups are cancelled), so the answer is found instead of asked again.
 */
export function SimilarQuestions({ title, statusId }: Props) {
  const { status, result } = useLiveQuery(title, findSimilar, { minLength: MIN_CHARS });
  const items = status === "idle" || status === "error" ? [] : (result ?? []);
  // Read out once per answer, not on every key press: the count, not the whole list.
  const announcement = status === "done" && items.length > 0 ? t("qa.similar.found", { count: items.length }) : "";

  return (
    <>
      <p id={statusId} class="visually-hidden" role="status">
        {announcement}
      </p>
      {items.length > 0 && (
        <div class="similar" data-testid="similar-questions">
          <h2 class="similar__heading" id="similar-heading">
            {t("qa.similar.heading")}
          </h2>
          <p class="hint">{t("qa.similar.hint")}</p>
          <ul class="similar__list" aria-labelledby="similar-heading">
            {items.map((item) => (
              <li key={item.id} class="similar__item" data-testid="similar-question" data-id={item.id}>
                <Link href={`/questions/${item.id}`} class="similar__link">
                  {item.title}
                </Link>
                <span class="tags">
                  <StatusBadge status={item.status} />
                  <span class="tag tag--muted">{t("qa.answerCount", { count: item.answer_count })}</span>
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

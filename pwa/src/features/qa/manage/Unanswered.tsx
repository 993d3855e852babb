import { useState } from "preact/hooks";
import { ApiError } from "../../../api/client";
import { ageDuration, formatAge } from "../../../lib/age";
import { getLocale, t } from "../../../lib/i18n";
import { Forbidden } from "../../../ui/Forbidden";
import { PagedList } from "../../../ui/PagedList";
import { usePagedList } from "../../../ui/use-paged-list";
import { useMe } from "../../auth/use-me";
import { canSeeUnanswered } from "../permissions";
import { getUnanswered, type UnansweredQuestion } from "../qa-api";
import { QuestionCard } from "../QuestionCard";

/**
 * The questions still waiting for a first answer that this manager, head office or expert
 * should pick up, oldest first, each with how long it has waited. A lazy chunk: staff never
 * download it.
 */
export function Unanswered() {
  const me = useMe();
  const [forbidden, setForbidden] = useState(false);
  const list = usePagedList<UnansweredQuestion>(getUnanswered, {
    handled: (e) => {
      if (!(e instanceof ApiError && e.status === 403)) return false;
      setForbidden(true);
      return true;
    },
  });

  // The server has the last word (a role or expert category may have changed since /me).
  if (forbidden || (me && !canSeeUnanswered(me))) return <Forbidden text={t("qa.queue.forbidden")} />;

  const locale = getLocale();
  return (
    <section class="page" aria-labelledby="queue-heading">
      <h1 id="queue-heading" tabIndex={-1}>
        {t("qa.queue.title")}
      </h1>
      <p class="hint">{t("qa.queue.intro")}</p>

      <PagedList
        list={list}
        testId="queue"
        labelledBy="queue-heading"
        ordered
        renderRow={(question) => (
          <QuestionCard key={question.id} question={question}>
            <time class="tag tag--must" dateTime={ageDuration(question.age_seconds)} data-testid="queue-age">
              {t("qa.queue.waiting", { age: formatAge(question.age_seconds, locale) })}
            </time>
          </QuestionCard>
        )}
        emptyText={t("qa.queue.empty")}
        moreText={t("qa.loadMore")}
      />
    </section>
  );
}

import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../../api/client";
import { ageDuration, formatAge } from "../../../lib/age";
import { getLocale, t } from "../../../lib/i18n";
import { Button } from "../../../ui/Button";
import { Forbidden } from "../../../ui/Forbidden";
import { useMe } from "../../auth/use-me";
import { canSeeUnanswered } from "../permissions";
import { getUnanswered, type UnansweredQuestion } from "../qa-api";
import { QuestionCard } from "../QuestionCard";
import { useCursorList } from "../../../ui/use-cursor-list";

/**
 * The questions still waiting for a first answer that this manager, head office or expert
 * should pick up, oldest first, each with how long it has waited. A lazy chunk: staff never
 * download it.
 */
export function Unanswered() {
  const me = useMe();
  const [forbidden, setForbidden] = useState(false);
  const { items, cursor, loading, error, load } = useCursorList<UnansweredQuestion>(
    getUnanswered,
    (e) => {
      if (!(e instanceof ApiError && e.status === 403)) return false;
      setForbidden(true);
      return true;
    },
  );

  useEffect(() => {
    void load(false);
  }, []);

  // The server has the last word (a role or expert category may have changed since /me).
  if (forbidden || (me && !canSeeUnanswered(me))) return <Forbidden text={t("qa.queue.forbidden")} />;

  const locale = getLocale();
  return (
    <section class="page" aria-labelledby="queue-heading">
      <h1 id="queue-heading" tabIndex={-1}>
        {t("qa.queue.title")}
      </h1>
      <p class="hint">{t("qa.queue.intro")}</p>

      {error && (
        <div class="notice">
          <p class="form-error" role="alert" data-testid="queue-error">
            {error}
          </p>
          <Button variant="secondary" onClick={() => void load(false)}>
            {t("home.retry")}
          </Button>
        </div>
      )}

      <ol class="news-list" data-testid="queue-list" aria-busy={loading} aria-labelledby="queue-heading">
        {items.map((question) => (
          <QuestionCard key={question.id} question={question}>
            <time class="tag tag--must" dateTime={ageDuration(question.age_seconds)} data-testid="queue-age">
              {t("qa.queue.waiting", { age: formatAge(question.age_seconds, locale) })}
            </time>
          </QuestionCard>
        ))}
      </ol>
      {loading && items.length === 0 && <p role="status">{t("common.loading")}</p>}
      {!loading && !error && items.length === 0 && (
        <p class="feed__empty" data-testid="queue-empty">
          {t("qa.queue.empty")}
        </p>
      )}
      {cursor && items.length > 0 && (
        <Button
          variant="secondary"
          data-testid="queue-load-more"
          busy={loading}
          busyLabel={t("common.loading")}
          onClick={() => void load(true)}
        >
          {t("qa.loadMore")}
        </Button>
      )}
    </section>
  );
}

import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { errorMessage } from "../../api/error-message";
import { t, type MessageKey } from "../../lib/i18n";
import { Button } from "../../ui/Button";
import { Link } from "../../ui/Link";
import type { Me } from "../auth/session";
import { getFeed, type FeedFilter, type NewsItem } from "./news-api";
import { NewsCard } from "./NewsCard";
import { canPublish } from "./permissions";
import { appendNew, byId } from "../../lib/pages";

const FILTERS: Array<{ value: FeedFilter; label: MessageKey; empty: MessageKey; testId: string }> = [
  { value: "all", label: "news.filter.all", empty: "news.empty.all", testId: "news-filter-all" },
  { value: "unread", label: "news.filter.unread", empty: "news.empty.unread", testId: "news-filter-unread" },
  {
    value: "must_read",
    label: "news.filter.mustRead",
    empty: "news.empty.mustRead",
    testId: "news-filter-must-read",
  },
];

interface Props {
  me: Me | null;
  /** Changing it loads the feed again (e.g. after a language switch: titles come translated). */
  reloadKey?: number;
}

/** The store-news feed: pinned first, then newest; filters; "load more" by cursor. */
export function Feed({ me, reloadKey = 0 }: Props) {
  const [filter, setFilter] = useState<FeedFilter>("all");
  const [items, setItems] = useState<NewsItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Answers for an earlier filter may arrive after a later one's: only the newest request counts.
  const latest = useRef(0);

  async function load(more: boolean) {
    const request = ++latest.current;
    setError(null);
    if (more) setLoadingMore(true);
    else setLoading(true);
    try {
      const page = await getFeed(filter, more ? cursor : null);
      if (request !== latest.current) return;
      setItems((shown) => (more ? appendNew(shown, page.items, byId) : page.items));
      setCursor(page.next_cursor);
    } catch (e) {
      if (request !== latest.current) return;
      // A 401 has already sent the person to /login.
      if (!(e instanceof ApiError && e.status === 401)) setError(errorMessage(e));
    } finally {
      if (request === latest.current) {
        setLoading(false);
        setLoadingMore(false);
      }
    }
  }

  useEffect(() => {
    void load(false);
  }, [filter, reloadKey]);

  const current = FILTERS.find((f) => f.value === filter) ?? FILTERS[0]!;

  return (
    <section class="feed" aria-labelledby="news-heading">
      <div class="feed__head">
        <h2 id="news-heading">{t("news.title")}</h2>
        {canPublish(me) && (
          <Link href="/news/new" class="btn btn--primary" data-testid="news-compose">
            {t("news.compose")}
          </Link>
        )}
      </div>

      <div class="chips" role="group" aria-label={t("news.filter.label")}>
        {FILTERS.map((f) => (
          <button
            key={f.value}
            type="button"
            class="chip"
            aria-pressed={f.value === filter}
            data-testid={f.testId}
            onClick={() => {
              if (f.value === filter) return;
              // Cards of the previous filter would be wrong answers while the new ones load.
              setItems([]);
              setCursor(null);
              setFilter(f.value);
            }}
          >
            {t(f.label)}
          </button>
        ))}
      </div>

      {error && (
        <div class="notice">
          <p class="form-error" role="alert" data-testid="news-error">
            {error}
          </p>
          <Button variant="secondary" onClick={() => void load(false)}>
            {t("home.retry")}
          </Button>
        </div>
      )}

      <ul class="news-list" data-testid="news-feed" aria-busy={loading} aria-labelledby="news-heading">
        {items.map((item) => (
          <NewsCard key={item.id} item={item} />
        ))}
      </ul>
      {loading && items.length === 0 && <p role="status">{t("common.loading")}</p>}
      {!loading && !error && items.length === 0 && (
        <p class="feed__empty" data-testid="news-empty">
          {t(current.empty)}
        </p>
      )}

      {cursor && !loading && (
        <Button
          variant="secondary"
          data-testid="news-load-more"
          busy={loadingMore}
          busyLabel={t("common.loading")}
          onClick={() => void load(true)}
        >
          {t("news.loadMore")}
        </Button>
      )}
    </section>
  );
}

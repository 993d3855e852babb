import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { errorMessage } from "../../api/error-message";
import { t, type MessageKey } from "../../lib/i18n";
import { Button } from "../../ui/Button";
import { Link } from "../../ui/Link";
import type { Me } from "../../lib/session";
import { getFeed, getPost, type FeedFilter, type NewsItem } from "./news-api";
import { NewsCard } from "./NewsCard";
import { canPublish } from "./permissions";
import { appendNew, byId } from "../../lib/pages";
import { subjectIdOf } from "../../lib/live-events";
import { subscribeLive } from "../../api/live";

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
  // Live: posts that went out while the person was scrolled down wait behind a pill, so the
  // card under their thumb does not jump; at the top of the list they appear in place.
  const [waiting, setWaiting] = useState<NewsItem[]>([]);
  const [announcement, setAnnouncement] = useState("");
  const listRef = useRef<HTMLUListElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const shown = useRef({ items, waiting, filter, loading });
  shown.current = { items, waiting, filter, loading };

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
      if (!more) setWaiting([]);
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

  /** New posts for this feed: in place when the top of the list is in view, else behind the pill. */
  function offer(fresh: NewsItem[]) {
    const { items: current, waiting: queued, filter: active } = shown.current;
    const known = new Set([...current, ...queued].map(byId));
    const news = fresh.filter((item) => !known.has(item.id) && fits(item, active));
    if (news.length === 0) return;
    const listTop = listRef.current?.getBoundingClientRect().top ?? 0;
    if (listTop >= 0) {
      setItems((list) => placeOnTop(list, news));
      setAnnouncement(
        news.length === 1 ? t("live.newPost", { title: news[0]!.title }) : t("live.newPosts", { count: news.length }),
      );
    } else {
      const count = queued.length + news.length;
      setWaiting((list) => [...news.filter((item) => !list.some((w) => w.id === item.id)), ...list]);
      setAnnouncement(count === 1 ? t("live.pill.one") : t("live.pill.other", { count }));
    }
  }

  useEffect(
    () =>
      subscribeLive({
        onEvent(message) {
          const id = message.event === "news" ? subjectIdOf(message) : null;
          if (id === null || shown.current.items.some((item) => item.id === id)) return;
          // Loaded with the person's own rights and language; a 404 means it is not for them.
          getPost(id).then((item) => offer([item]), () => undefined);
        },
        onResume() {
          // Events sent while the connection was down are gone: the first page tells.
          if (shown.current.loading) return;
          getFeed(shown.current.filter).then((page) => offer(page.items), () => undefined);
        },
      }),
    [],
  );

  function showWaiting() {
    setItems((list) => placeOnTop(list, waiting));
    setWaiting([]);
    setAnnouncement("");
    const reduce = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
    headingRef.current?.scrollIntoView({ behavior: reduce ? "auto" : "smooth", block: "start" });
    // The pill is gone: focus goes to the feed, where the new posts now are.
    headingRef.current?.focus({ preventScroll: true });
  }

  const current = FILTERS.find((f) => f.value === filter) ?? FILTERS[0]!;

  return (
    <section class="feed" aria-labelledby="news-heading">
      <div class="feed__head">
        <h2 id="news-heading" ref={headingRef} tabIndex={-1}>
          {t("news.title")}
        </h2>
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

      <p class="visually-hidden" role="status" aria-live="polite" data-testid="live-announcement">
        {announcement}
      </p>
      {waiting.length > 0 && (
        <button type="button" class="live-pill" data-testid="live-pill" onClick={showWaiting}>
          <span aria-hidden="true">↑ </span>
          {waiting.length === 1 ? t("live.pill.one") : t("live.pill.other", { count: waiting.length })}
        </button>
      )}

      <ul
        class="news-list"
        ref={listRef}
        data-testid="news-feed"
        aria-busy={loading}
        aria-labelledby="news-heading"
      >
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

/** Whether a post belongs in the feed as filtered now. */
function fits(item: NewsItem, filter: FeedFilter): boolean {
  if (filter === "unread") return !item.read;
  if (filter === "must_read") return item.must_read;
  return true;
}

/** New posts on top, but pinned posts stay first (the feed's own order). */
function placeOnTop(list: NewsItem[], fresh: NewsItem[]): NewsItem[] {
  const known = new Set(list.map(byId));
  const news = fresh.filter((item) => !known.has(item.id));
  const pinned = list.filter((item) => item.pinned);
  const rest = list.filter((item) => !item.pinned);
  return [...news.filter((i) => i.pinned), ...pinned, ...news.filter((i) => !i.pinned), ...rest];
}

import { useEffect, useRef, useState } from "preact/hooks";
import { subscribeLive } from "../../api/live";
import { t, type MessageKey } from "../../lib/i18n";
import { subjectIdOf } from "../../lib/live-events";
import { byId } from "../../lib/pages";
import type { Me } from "../../lib/session";
import { Link } from "../../ui/Link";
import { PagedList } from "../../ui/PagedList";
import { usePagedList } from "../../ui/use-paged-list";
import { getFeed, getPost, type FeedFilter, type NewsItem } from "./news-api";
import { NewsCard } from "./NewsCard";
import { canPublish } from "./permissions";

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
  // Live: posts that went out while the person was scrolled down wait behind a pill, so the
  // card under their thumb does not jump; at the top of the list they appear in place.
  const [waiting, setWaiting] = useState<NewsItem[]>([]);
  const list = usePagedList<NewsItem>((cursor) => getFeed(filter, cursor), {
    deps: [filter, reloadKey],
    // A fresh first page has the waiting posts in it.
    onFirstPage: () => setWaiting([]),
  });
  const [announcement, setAnnouncement] = useState("");
  const listRef = useRef<HTMLElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const shown = useRef({ items: list.items, waiting, filter, loading: list.loading });
  shown.current = { items: list.items, waiting, filter, loading: list.loading };

  /** New posts for this feed: in place when the top of the list is in view, else behind the pill. */
  function offer(fresh: NewsItem[]) {
    const { items: current, waiting: queued, filter: active } = shown.current;
    const known = new Set([...current, ...queued].map(byId));
    const news = fresh.filter((item) => !known.has(item.id) && fits(item, active));
    if (news.length === 0) return;
    const listTop = listRef.current?.getBoundingClientRect().top ?? 0;
    if (listTop >= 0) {
      list.update((items) => placeOnTop(items, news));
      setAnnouncement(
        news.length === 1 ? t("live.newPost", { title: news[0]!.title }) : t("live.newPosts", { count: news.length }),
      );
    } else {
      const count = queued.length + news.length;
      setWaiting((queue) => [...news.filter((item) => !queue.some((w) => w.id === item.id)), ...queue]);
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
    list.update((items) => placeOnTop(items, waiting));
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
              list.clear();
              setFilter(f.value);
            }}
          >
            {t(f.label)}
          </button>
        ))}
      </div>

      <PagedList
        list={list}
        testId="news"
        listTestId="news-feed"
        labelledBy="news-heading"
        listRef={listRef}
        renderRow={(item) => <NewsCard key={item.id} item={item} />}
        emptyText={t(current.empty)}
        moreText={t("news.loadMore")}
        aboveList={
          <>
            <p class="visually-hidden" role="status" aria-live="polite" data-testid="live-announcement">
              {announcement}
            </p>
            {waiting.length > 0 && (
              <button type="button" class="live-pill" data-testid="live-pill" onClick={showWaiting}>
                <span aria-hidden="true">↑ </span>
                {waiting.length === 1 ? t("live.pill.one") : t("live.pill.other", { count: waiting.length })}
              </button>
            )}
          </>
        }
      />
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

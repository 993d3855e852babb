import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { errorMessage } from "../../api/error-message";
import { formatDateTime, getLocale, t } from "../../lib/i18n";
import { appPath } from "../../lib/push-message";
import { relativeTime } from "../../lib/relative-time";
import { followLink } from "../../lib/router";
import { Button } from "../../ui/Button";
import { Link } from "../../ui/Link";
import { PagedList } from "../../ui/PagedList";
import { usePagedList } from "../../ui/use-paged-list";
import { EnablePush } from "../push/EnablePush";
import { getInbox, markAllRead, markRead, type InboxItem } from "./notifications-api";
import { unread } from "./unread";

/** Everything that was sent to this person, pushed or held, newest first. */
export function Inbox() {
  const list = usePagedList<InboxItem>(getInbox);
  const [markingAll, setMarkingAll] = useState(false);

  useEffect(() => {
    void unread.refresh(true);
  }, []);

  function opened(item: InboxItem) {
    if (item.read) return;
    list.update((items) => items.map((i) => (i.id === item.id ? { ...i, read: true } : i)));
    unread.set((unread.get() ?? 1) - 1);
    // The page it leads to opens at once; the mark follows (and a failure only leaves it unread).
    markRead(item.id).then(
      () => unread.refresh(true),
      () => undefined,
    );
  }

  async function readAll() {
    setMarkingAll(true);
    list.setError(null);
    try {
      await markAllRead();
      list.update((items) => items.map((i) => ({ ...i, read: true })));
      unread.set(0);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) list.setError(errorMessage(e));
    } finally {
      setMarkingAll(false);
    }
  }

  const anyUnread = list.items.some((item) => !item.read) || (unread.get() ?? 0) > 0;
  const locale = getLocale();
  return (
    <section class="page" aria-labelledby="inbox-heading">
      <div class="feed__head">
        <h1 id="inbox-heading" tabIndex={-1}>
          {t("inbox.title")}
        </h1>
        {anyUnread && (
          <Button
            variant="secondary"
            data-testid="inbox-mark-all"
            busy={markingAll}
            busyLabel={t("common.saving")}
            onClick={() => void readAll()}
          >
            {t("inbox.markAll")}
          </Button>
        )}
      </div>

      <EnablePush variant="card" />

      <PagedList
        list={list}
        testId="inbox"
        labelledBy="inbox-heading"
        renderRow={(item) => (
          <li
            key={item.id}
            class={item.read ? "news-card" : "news-card news-card--unread"}
            data-testid="inbox-item"
            data-id={item.id}
            data-read={String(item.read)}
          >
            <h2 class="news-card__title">
              {!item.read && (
                <span class="news-card__dot" data-testid="inbox-unread-dot">
                  <span class="visually-hidden">{t("inbox.unread")}: </span>
                </span>
              )}
              <a
                href={appPath(item.url, location.origin)}
                class="news-card__link"
                onClick={(event) => {
                  opened(item);
                  followLink(event);
                }}
              >
                {item.title}
              </a>
            </h2>
            {item.body && <p class="news-card__excerpt">{item.body}</p>}
            <p class="tags">
              <span class="tag">{t(item.category === "qa" ? "inbox.category.qa" : "inbox.category.news")}</span>
              {item.urgency === "urgent" && <span class="tag tag--urgent">{t("news.badge.urgent")}</span>}
              <time class="news-card__meta" dateTime={item.created_at} title={formatDateTime(item.created_at)}>
                {relativeTime(item.created_at, locale)}
              </time>
            </p>
          </li>
        )}
        emptyText={t("inbox.empty")}
        moreText={t("inbox.loadMore")}
      />
      <p class="page__alt">
        <Link href="/settings/notifications" data-testid="inbox-settings">
          {t("settings.title")}
        </Link>
      </p>
    </section>
  );
}

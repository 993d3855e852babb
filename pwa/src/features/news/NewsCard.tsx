import { getLocale, formatDateTime, t } from "../../lib/i18n";
import { relativeTime } from "../../lib/relative-time";
import { Link } from "../../ui/Link";
import { excerpt } from "./excerpt";
import type { NewsItem } from "./news-api";
import { NewsBadges } from "./NewsBadges";

/** One feed item; the whole card is the link (its title is the accessible name). */
export function NewsCard({ item }: { item: NewsItem }) {
  const when = item.published_at ?? item.publish_at;
  const unread = !item.read;
  return (
    <li
      class={unread ? "news-card news-card--unread" : "news-card"}
      data-testid="news-card"
      data-id={item.id}
    >
      <h3 class="news-card__title">
        {unread && (
          <span class="news-card__dot" data-testid="news-unread-dot">
            <span class="visually-hidden">{t("news.unread")}: </span>
          </span>
        )}
        <Link href={`/news/${item.id}`} class="news-card__link">
          {item.title}
        </Link>
      </h3>
      <p class="news-card__meta">
        {item.author.name}
        {when && (
          <>
            {" · "}
            <time dateTime={when} title={formatDateTime(when)}>
              {relativeTime(when, getLocale())}
            </time>
          </>
        )}
      </p>
      <p class="news-card__excerpt">{excerpt(item.body)}</p>
      <NewsBadges item={item} />
      {item.comment_count > 0 && (
        <p class="news-card__meta">{t("news.commentCount", { count: item.comment_count })}</p>
      )}
    </li>
  );
}

import { formatDateTime, t } from "../../lib/i18n";
import type { NewsItem } from "./news-api";

type Props = {
  item: Pick<NewsItem, "pinned" | "must_read" | "acknowledged" | "urgency" | "status" | "publish_at">;
};

/** Status, pinned, must-read (with its acknowledged state) and urgent, as text labels. */
export function NewsBadges({ item }: Props) {
  const badges = [];
  if (item.status === "draft") {
    badges.push(
      <li key="draft" class="tag tag--muted" data-testid="news-badge-draft">
        {t("news.badge.draft")}
      </li>,
    );
  }
  if (item.status === "scheduled") {
    badges.push(
      <li key="scheduled" class="tag tag--muted" data-testid="news-badge-scheduled">
        {item.publish_at
          ? t("news.badge.scheduledFor", { time: formatDateTime(item.publish_at) })
          : t("news.badge.scheduled")}
      </li>,
    );
  }
  if (item.urgency === "urgent") {
    badges.push(
      <li key="urgent" class="tag tag--urgent" data-testid="news-badge-urgent">
        {t("news.badge.urgent")}
      </li>,
    );
  }
  if (item.pinned) {
    badges.push(
      <li key="pinned" class="tag" data-testid="news-badge-pinned">
        {t("news.badge.pinned")}
      </li>,
    );
  }
  if (item.must_read) {
    badges.push(
      <li
        key="must-read"
        class={item.acknowledged ? "tag tag--done" : "tag tag--must"}
        data-testid="news-badge-must-read"
      >
        {t("news.badge.mustRead")}
        {item.acknowledged && ` · ${t("news.badge.acknowledged")}`}
      </li>,
    );
  }
  if (badges.length === 0) return null;
  return (
    <ul class="tags" aria-label={t("news.badges")}>
      {badges}
    </ul>
  );
}

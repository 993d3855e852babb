import { t } from "../../lib/i18n";
import { Link } from "../../ui/Link";
import { useUnreadCount } from "./unread";

/** The header's bell: opens the inbox, with the unread count as a badge. */
export function InboxBell({ current }: { current: boolean }) {
  const count = useUnreadCount();
  const label = count ? t("inbox.bellUnread", { count }) : t("inbox.title");
  return (
    <Link
      href="/inbox"
      class="icon-link"
      aria-label={label}
      aria-current={current ? "page" : undefined}
      data-testid="inbox-bell"
    >
      <svg class="icon-link__icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {count ? (
        <span class="icon-link__badge" data-testid="inbox-badge" aria-hidden="true">
          {count > 99 ? "99+" : count}
        </span>
      ) : null}
    </Link>
  );
}

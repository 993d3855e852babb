import { useEffect } from "preact/hooks";
import { t } from "../../lib/i18n";
import { startOutbox } from "./outbox";
import { useOutbox } from "./use-outbox";
import { Link } from "../../ui/Link";

/**
 * The header's sign that something is queued: a link to /outbox with the number of items, red
 * when one was refused; nothing at all when the outbox is empty. Mounting it also starts the
 * outbox (first send after app start, `online`, other tabs), so it belongs in the logged-in header.
 */
export function OutboxIndicator({ current = false }: { current?: boolean }) {
  useEffect(startOutbox, []);
  const items = useOutbox();
  if (items.length === 0) return null;
  const failed = items.filter((item) => item.state === "failed").length;
  const waiting = items.length - failed;
  return (
    <Link
      href="/outbox"
      class={`icon-link outbox-indicator${failed ? " outbox-indicator--failed" : ""}`}
      aria-label={t("outbox.indicator", { waiting, failed })}
      aria-current={current ? "page" : undefined}
      data-testid="outbox-indicator"
      data-waiting={waiting}
      data-failed={failed}
    >
      <svg class="icon-link__icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 3 4 11h5v6h6v-6h5l-8-8Zm-8 16v2h16v-2H4Z"
        />
      </svg>
      <span class="icon-link__badge" aria-hidden="true">
        {items.length > 99 ? "99+" : items.length}
      </span>
    </Link>
  );
}

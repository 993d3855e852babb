import { useState } from "preact/hooks";
import { t } from "../../lib/i18n";
import { discard, retry, type StoredOutboxItem } from "./outbox";
import { Button } from "../../ui/Button";
import { failureReason, hasText } from "./describe";
import { FixForm } from "./FixForm";

interface Props {
  item: StoredOutboxItem;
  /** Offer Discard for waiting items too (the outbox screen); screens offer it for failed ones. */
  discardWaiting?: boolean;
}

/**
 * A queued item's state ("waiting to send", "sending", "not sent: <reason>") and, once refused,
 * Fix (or Try again, for items without text) and Discard.
 */
export function OutboxStatus({ item, discardWaiting = false }: Props) {
  const [fixing, setFixing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const failed = item.state === "failed";

  async function remove() {
    if (!confirm(t("outbox.discardConfirm"))) return;
    if (!(await discard(item.id))) setNotice(t("outbox.discardBusy"));
  }

  return (
    <div class={`outbox-status outbox-status--${item.state}`}>
      <p class="outbox-status__state" data-testid="outbox-state" data-state={item.state} role={failed ? "alert" : "status"}>
        {failed
          ? t("outbox.state.failed", { reason: failureReason(item) })
          : item.state === "sending"
            ? t("outbox.state.sending")
            : t("outbox.state.waiting")}
      </p>
      {fixing && <FixForm item={item} onDone={() => setFixing(false)} />}
      {!fixing && (failed || (discardWaiting && item.state === "waiting")) && (
        <div class="actions outbox-status__actions">
          {failed &&
            (hasText(item) ? (
              <Button variant="secondary" data-testid="outbox-fix" onClick={() => setFixing(true)}>
                {t("outbox.fix")}
              </Button>
            ) : (
              <Button variant="secondary" data-testid="outbox-retry" onClick={() => void retry(item.id)}>
                {t("outbox.retry")}
              </Button>
            ))}
          <Button variant="quiet" data-testid="outbox-discard" onClick={() => void remove()}>
            {t("outbox.discard")}
          </Button>
        </div>
      )}
      {notice && <p class="hint">{notice}</p>}
    </div>
  );
}

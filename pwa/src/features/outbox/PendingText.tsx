import { t } from "../../lib/i18n";
import type { StoredOutboxItem } from "./outbox";
import { OutboxStatus } from "./OutboxStatus";

interface Props {
  item: StoredOutboxItem;
  /** The list item's class ("comment", "answer"): a queued text looks like the sent ones. */
  kind: string;
  testId: string;
}

/** A comment or answer still in the outbox, shown where it will appear, with its state. */
export function PendingText({ item, kind, testId }: Props) {
  return (
    <li class={`${kind} pending`} data-testid={testId} data-outbox-id={item.id}>
      <p class="comment__meta">
        <strong>{t("outbox.you")}</strong>
      </p>
      <p class="comment__body">{item.context.body}</p>
      <OutboxStatus item={item} />
    </li>
  );
}

/** Words for a queued item: what it is, what it says, where it belongs, why it was refused. */
import { t, type MessageKey } from "../../lib/i18n";
import type { StoredOutboxItem } from "./outbox";

export function kindLabel(item: StoredOutboxItem): string {
  return t(`outbox.kind.${item.kind}` as MessageKey);
}

/** One line saying what the item holds (the text itself for comments, answers and questions). */
export function preview(item: StoredOutboxItem): string {
  if (item.kind === "reaction") {
    const reaction = t(`news.reaction.${item.context.reaction ?? "like"}` as MessageKey);
    return t(item.method === "DELETE" ? "outbox.reactionRemove" : "outbox.reactionAdd", { reaction });
  }
  return [item.context.title, item.context.body].filter(Boolean).join(" — ");
}

/** Where the item belongs in the app, to open it from the outbox screen. */
export function placeOf(item: StoredOutboxItem): { href: string; label: string } | null {
  if (item.context.questionId !== undefined) {
    return { href: `/questions/${item.context.questionId}`, label: t("outbox.onQuestion", { id: item.context.questionId }) };
  }
  if (item.context.postId !== undefined) {
    return { href: `/news/${item.context.postId}`, label: t("outbox.onPost", { id: item.context.postId }) };
  }
  return null;
}

/** Comments, answers and questions have text that can be corrected; the rest can only be retried. */
export function hasText(item: StoredOutboxItem): boolean {
  return item.kind === "comment" || item.kind === "answer" || item.kind === "question";
}

export function failureReason(item: StoredOutboxItem): string {
  const error = item.lastError;
  if (!error) return "";
  return error.detail || t("outbox.refused", { status: error.status });
}

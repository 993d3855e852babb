/**
 * News about the outbox between tabs and from the service worker: "something changed, read the
 * store again" and "this item was sent, here is the server's answer" (so a screen can swap its
 * pending copy for the real comment or answer). BroadcastChannel works in both.
 */
import type { StoredOutboxItem } from "./types";

export const OUTBOX_CHANNEL = "winkelpraat-outbox";
/** Background Sync tag the page registers and src/sw/outbox-sync.ts answers. */
export const OUTBOX_SYNC_TAG = "outbox";

export type OutboxMessage =
  | { type: "outbox-changed" }
  | { type: "outbox-sent"; item: StoredOutboxItem; result: unknown };

export function isOutboxMessage(data: unknown): data is OutboxMessage {
  const type = (data as { type?: unknown } | null)?.type;
  return type === "outbox-changed" || type === "outbox-sent";
}

export function openChannel(): BroadcastChannel | null {
  return typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel(OUTBOX_CHANNEL);
}

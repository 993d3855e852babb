/// <reference lib="webworker" />
/**
 * Background Sync for the offline outbox: when the browser sees a connection again (even with
 * the app closed) it wakes the service worker with the "outbox" tag, and the queued items go
 * out with the access token the page mirrors into IndexedDB. The shared loop in
 * src/lib/outbox/sender.ts holds the same lock as the page, so nothing is sent twice at once.
 * No token refresh here: refresh tokens are single-use and the page owns their rotation, so a
 * 401 leaves the items waiting for the page.
 */
import { kvGet, SW_ACCESS_TOKEN_KEY } from "../lib/idb";
import { openChannel, OUTBOX_SYNC_TAG, type OutboxMessage } from "../lib/outbox/channel";
import { sendWithToken } from "../lib/outbox/http";
import { userIdOfToken } from "../lib/outbox/owner";
import { flushOutbox } from "../lib/outbox/sender";

/** Not in TypeScript's lib yet (Background Sync is a WICG spec, Chromium only). */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
  readonly lastChance: boolean;
}

export function registerOutboxSync(sw: ServiceWorkerGlobalScope): void {
  sw.addEventListener("sync", (event) => {
    const sync = event as SyncEvent;
    if (sync.tag === OUTBOX_SYNC_TAG) sync.waitUntil(sendQueued());
  });
}

async function sendQueued(): Promise<void> {
  const token = await kvGet(SW_ACCESS_TOKEN_KEY).catch(() => undefined);
  const userId = userIdOfToken(token);
  if (!token || userId === null) return; // logged out: the page sends after the next login
  const channel = openChannel();
  const tell = (message: OutboxMessage) => channel?.postMessage(message);
  try {
    const result = await flushOutbox({
      userId,
      send: (item) => sendWithToken(item, token),
      onSent: (item, answer) => tell({ type: "outbox-sent", item, result: answer }),
      onChange: () => tell({ type: "outbox-changed" }),
    });
    // Rejecting asks the browser to fire the sync again later, with its own backoff.
    if (result.stopped === "retry") throw new Error("outbox: not everything could be sent yet");
  } finally {
    channel?.close();
  }
}

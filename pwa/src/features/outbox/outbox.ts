/**
 * The page's side of the offline outbox: queue an action and return at once, send it now when
 * online, and otherwise on the `online` event, after a login, with backoff retries and through
 * Background Sync (src/sw/outbox-sync.ts). Screens read a live list (subscribe / useOutbox)
 * that follows other tabs and the service worker too.
 */
import { api, newIdempotencyKey } from "../../api/client";
import { session } from "../../lib/session";
import { isOutboxMessage, openChannel, OUTBOX_SYNC_TAG, type OutboxMessage } from "../../lib/outbox/channel";
import { userIdOfToken } from "../../lib/outbox/owner";
import { flushOutbox, type FlushResult } from "../../lib/outbox/sender";
import { addItem, clearItems, getItem, listItems, removeItem, updateItem } from "../../lib/outbox/store";
import type { NewOutboxItem, OutboxKind, StoredOutboxItem } from "../../lib/outbox/types";

export type { StoredOutboxItem } from "../../lib/outbox/types";

type ItemsListener = (items: readonly StoredOutboxItem[]) => void;
type SentListener = (item: StoredOutboxItem, result: unknown) => void;

const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 5 * 60_000;

let items: readonly StoredOutboxItem[] = [];
const itemListeners = new Set<ItemsListener>();
const sentListeners = new Set<SentListener>();
let channel: BroadcastChannel | null = null;
let started = false;
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let retryCount = 0;
let flushing: Promise<FlushResult | null> | null = null;
let again = false;
let reloads = 0;

function currentUserId(): number | null {
  return userIdOfToken(session.getAccess());
}

function emitItems(): void {
  for (const listener of itemListeners) listener(items);
}

/** Read the store again and tell every screen. */
async function reload(): Promise<void> {
  const userId = currentUserId();
  const seq = ++reloads;
  const all = await listItems().catch(() => [] as StoredOutboxItem[]);
  if (seq !== reloads) return; // a later read is on its way: never show an older list after it
  items = all.filter((item) => item.userId === userId);
  emitItems();
}

function broadcast(message: OutboxMessage): void {
  channel?.postMessage(message);
}

/** The server accepted an item (here, in another tab or in the service worker). */
function handleSent(item: StoredOutboxItem, result: unknown): void {
  // Drop the pending copy and hand over the real one in the same tick, so a screen renders
  // the swap once: never both copies, never neither.
  items = items.filter((i) => i.id !== item.id);
  for (const listener of sentListeners) listener(item, result);
  emitItems();
}

function onMessage(data: unknown): void {
  if (!isOutboxMessage(data)) return;
  if (data.type === "outbox-sent") handleSent(data.item, data.result);
  void reload();
}

/** Start listening (idempotent): other tabs, the service worker, `online`, logins. */
export function startOutbox(): void {
  if (started || typeof window === "undefined") return;
  started = true;
  channel = openChannel();
  if (channel) channel.onmessage = (event: MessageEvent) => onMessage(event.data);
  addEventListener("online", () => {
    retryCount = 0;
    void flush();
  });
  // After a login (or /me reloaded) the queued items of that person can go out.
  session.onMeChange((me) => {
    if (me) void flush();
    else void reload();
  });
  void reload().then(() => flush());
}

async function registerBackgroundSync(): Promise<void> {
  if (!("serviceWorker" in navigator)) return;
  const registration = (await navigator.serviceWorker.getRegistration()) as
    | (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } })
    | undefined;
  // Background Sync is Chromium-only; elsewhere the page's own triggers do the work.
  await registration?.sync?.register(OUTBOX_SYNC_TAG);
}

function scheduleRetry(result: FlushResult): void {
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
  if (result.stopped !== "retry") {
    retryCount = 0;
    return;
  }
  // Exponential backoff with jitter, so many phones coming back online do not hit the server at once.
  const backoff = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** retryCount);
  const delay = result.retryAfter !== null ? result.retryAfter * 1000 : backoff * (0.5 + Math.random() / 2);
  retryCount += 1;
  retryTimer = setTimeout(() => void flush(), delay);
}

/**
 * Send what is waiting (one round at a time; a call during a round asks for one more round).
 * Resolves with the round's result, or null when there is no login to send with.
 */
export function flush(): Promise<FlushResult | null> {
  if (flushing) {
    again = true;
    return flushing;
  }
  flushing = (async () => {
    let result: FlushResult | null = null;
    do {
      again = false;
      const userId = currentUserId();
      if (userId === null) return null;
      // Left by a login that was lost for good and replaced by someone else's: never theirs to send.
      await clearItems((item) => item.userId !== userId);
      result = await flushOutbox({
        userId,
        send: (item) =>
          api.request(item.method, item.path, {
            json: item.body,
            idempotencyKey: item.idempotencyKey,
          }),
        onSent: (item, answer) => {
          handleSent(item, answer);
          broadcast({ type: "outbox-sent", item, result: answer });
        },
        onChange: () => {
          void reload();
          broadcast({ type: "outbox-changed" });
        },
      });
      scheduleRetry(result);
      // The page could not deliver: let the browser wake the service worker when the connection
      // is back, even if this tab is closed by then.
      if (result.stopped === "retry") registerBackgroundSync().catch(() => undefined);
    } while (again && result.stopped === null);
    return result;
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

export interface EnqueueInput {
  kind: OutboxKind;
  method: NewOutboxItem["method"];
  path: string;
  body?: unknown;
  context: NewOutboxItem["context"];
}

/**
 * Queue an action and return the stored item at once; it is sent straight away when online.
 * Rejects only when there is no login (or no IndexedDB at all).
 */
export async function enqueue(input: EnqueueInput): Promise<StoredOutboxItem> {
  const userId = currentUserId();
  if (userId === null) throw new Error("Not logged in");
  startOutbox();
  const item = await addItem({ ...input, userId }, newIdempotencyKey());
  await reload();
  broadcast({ type: "outbox-changed" });
  // Online, the page sends it right now (below); asking for a sync as well would only make the
  // service worker race the page for the lock. Offline, the sync is what delivers it later.
  if (!navigator.onLine) registerBackgroundSync().catch(() => undefined);
  void flush();
  return item;
}

export type Delivery =
  | { outcome: "sent"; item: StoredOutboxItem; result: unknown }
  | { outcome: "failed"; item: StoredOutboxItem }
  | { outcome: "queued"; item: StoredOutboxItem };

/**
 * Queue an action and wait a little (at most `waitMs`) for it to go out: a screen that would
 * rather open the created thing when online (a new question) learns whether it was sent, was
 * refused (the item then says why), or is still queued (offline, slow network).
 */
export async function enqueueAndSend(input: EnqueueInput, waitMs = 4000): Promise<Delivery> {
  const answers = new Map<number, unknown>();
  const stop = onSent((item, result) => answers.set(item.id, result));
  try {
    const item = await enqueue(input);
    await Promise.race([flush(), new Promise((resolve) => setTimeout(resolve, waitMs))]);
    if (answers.has(item.id)) return { outcome: "sent", item, result: answers.get(item.id) };
    const now = await getItem(item.id);
    if (now?.state === "failed") return { outcome: "failed", item: now };
    return { outcome: "queued", item: now ?? item };
  } finally {
    stop();
  }
}

/** Forget an item (waiting or failed) without sending it. False when it is being sent right now. */
export async function discard(id: number): Promise<boolean> {
  const removed = await removeItem(id);
  await reload();
  broadcast({ type: "outbox-changed" });
  return removed;
}

/**
 * Send a refused item again with corrected text. Changed text is a different request, so it
 * gets a new Idempotency-Key (the old key may already be bound to nothing, or to the refusal).
 */
export async function fix(id: number, text: { title?: string; body: string }): Promise<void> {
  await updateItem(id, (item) => {
    if (item.state === "sending") return null;
    const body: Record<string, unknown> = { ...(item.body as Record<string, unknown>), body: text.body };
    const context = { ...item.context, body: text.body };
    if (text.title !== undefined) body.title = context.title = text.title;
    return {
      ...item,
      body,
      context,
      idempotencyKey: newIdempotencyKey(),
      state: "waiting",
      attempts: 0,
      lastError: undefined,
    };
  });
  await afterManualChange();
}

/** Try a refused item again unchanged (reactions, acknowledgements: nothing to edit). */
export async function retry(id: number): Promise<void> {
  await updateItem(id, (item) => (item.state === "failed" ? { ...item, state: "waiting", lastError: undefined } : null));
  await afterManualChange();
}

async function afterManualChange(): Promise<void> {
  await reload();
  broadcast({ type: "outbox-changed" });
  retryCount = 0;
  void flush();
}

/** Logout: one person's queued posts must never go out as the next person's (shared phones). */
export async function clearOutbox(): Promise<void> {
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
  await clearItems().catch(() => undefined);
  items = [];
  emitItems();
  broadcast({ type: "outbox-changed" });
}

export function getItems(): readonly StoredOutboxItem[] {
  return items;
}

/** Listen to the list of this user's items; returns the unsubscribe function. */
export function subscribe(listener: ItemsListener): () => void {
  itemListeners.add(listener);
  return () => itemListeners.delete(listener);
}

/** Listen to items the server accepted, with its answer (the real comment, answer, question). */
export function onSent(listener: SentListener): () => void {
  sentListeners.add(listener);
  return () => sentListeners.delete(listener);
}

export const outbox = { enqueue, flush, discard, fix, retry, clear: clearOutbox, subscribe, onSent, getItems, start: startOutbox };

/**
 * The outbox's IndexedDB store: add (with coalescing), read, change, remove. Used by the page
 * and the service worker alike, so nothing here touches the DOM or localStorage.
 */
import { openAppDb } from "../idb";
import type { NewOutboxItem, OutboxItem, StoredOutboxItem } from "./types";

/** Every item, oldest first (the auto-increment key is the order they were taken in). */
export async function listItems(): Promise<StoredOutboxItem[]> {
  return (await (await openAppDb()).getAll("outbox")) as StoredOutboxItem[];
}

export async function getItem(id: number): Promise<StoredOutboxItem | undefined> {
  return (await (await openAppDb()).get("outbox", id)) as StoredOutboxItem | undefined;
}

/** Two queued actions that mean the same thing, so only the last one needs to go out. */
function sameTarget(a: OutboxItem, b: NewOutboxItem): boolean {
  if (a.userId !== b.userId || a.kind !== b.kind || a.context.postId !== b.context.postId) return false;
  return a.kind !== "reaction" || a.context.reaction === b.context.reaction;
}

/**
 * Store a new item and return it. Reactions coalesce by (post, kind): the newer wish replaces
 * an older one not yet in flight (on then off while offline sends only "off"; both calls are
 * idempotent PUT/DELETE, so the last one alone gives the right end state). Ack and read are
 * idempotent too: a second one for the same post is dropped and the queued one returned.
 */
export async function addItem(
  input: NewOutboxItem,
  idempotencyKey: string,
  now: number = Date.now(),
): Promise<StoredOutboxItem> {
  const db = await openAppDb();
  const tx = db.transaction("outbox", "readwrite");
  const existing = (await tx.store.getAll()) as StoredOutboxItem[];
  const same = existing.filter((item) => sameTarget(item, input));
  if (input.kind === "reaction") {
    for (const item of same) if (item.state !== "sending") await tx.store.delete(item.id);
  } else if (input.kind === "ack" || input.kind === "read") {
    const queued = same.find((item) => item.state !== "failed");
    if (queued) {
      await tx.done;
      return queued;
    }
    for (const item of same) await tx.store.delete(item.id);
  }
  const item: OutboxItem = { ...input, idempotencyKey, createdAt: now, state: "waiting", attempts: 0 };
  const id = (await tx.store.add(item)) as number;
  await tx.done;
  return { ...item, id };
}

/**
 * Change one item in a transaction: `change` gets the stored item and returns the new one, or
 * null to leave it as it is. Returns the stored result (undefined when the item is gone).
 */
export async function updateItem(
  id: number,
  change: (item: StoredOutboxItem) => StoredOutboxItem | null,
): Promise<StoredOutboxItem | undefined> {
  const db = await openAppDb();
  const tx = db.transaction("outbox", "readwrite");
  const item = (await tx.store.get(id)) as StoredOutboxItem | undefined;
  const next = item ? change(item) : null;
  if (next) await tx.store.put(next);
  await tx.done;
  return next ?? item;
}

/** Remove an item; one being sent right now is left alone (false) so it cannot go out unseen. */
export async function removeItem(id: number, { evenIfSending = false } = {}): Promise<boolean> {
  const db = await openAppDb();
  const tx = db.transaction("outbox", "readwrite");
  const item = (await tx.store.get(id)) as StoredOutboxItem | undefined;
  const removable = item !== undefined && (evenIfSending || item.state !== "sending");
  if (removable) await tx.store.delete(id);
  await tx.done;
  return removable;
}

/** Remove every item, or those `which` picks. */
export async function clearItems(which?: (item: StoredOutboxItem) => boolean): Promise<void> {
  const db = await openAppDb();
  const tx = db.transaction("outbox", "readwrite");
  if (!which) {
    await tx.store.clear();
  } else {
    for (const item of (await tx.store.getAll()) as StoredOutboxItem[]) {
      if (which(item)) await tx.store.delete(item.id);
    }
  }
  await tx.done;
}

/**
 * The outbox's sending loop, shared by the page (src/features/outbox/outbox.ts, through the API
 * client that refreshes tokens) and the service worker (src/sw/outbox-sync.ts, with the
 * mirrored access token and no refresh). Only the `send` function differs.
 */
import { listItems, removeItem, updateItem } from "./store";
import type { OutboxError, OutboxFieldError, StoredOutboxItem } from "./types";

/** Name of the Web Lock held while sending, by every tab and the service worker. */
export const OUTBOX_LOCK = "winkelpraat-outbox";

/**
 * Sends one item and resolves with the server's JSON (undefined for 204). Rejects with
 * something carrying `status` (0 for a network failure or timeout), like the client's ApiError.
 */
export type Send = (item: StoredOutboxItem) => Promise<unknown>;

export interface FlushOptions {
  send: Send;
  /** Only this user's items are sent: a queued post never goes out under another login. */
  userId: number;
  /** Called after an item was accepted (and removed), with the server's answer. */
  onSent?: (item: StoredOutboxItem, result: unknown) => void;
  /** Called whenever an item changed state (for live screens). */
  onChange?: () => void;
}

export interface FlushResult {
  sent: number;
  failed: number;
  /** Why the round stopped early: "retry" (offline, 5xx, 408, 429), "auth" (401), or null. */
  stopped: "retry" | "auth" | null;
  /** Seconds the server asked us to wait (429 Retry-After), when it said. */
  retryAfter: number | null;
}

type Verdict =
  | { outcome: "retry"; error: OutboxError; retryAfter: number | null }
  | { outcome: "auth"; error: OutboxError }
  | { outcome: "failed"; error: OutboxError };

/** How a rejection of `send` is treated: try again later, wait for a login, or give up on it. */
export function judge(rejection: unknown): Verdict {
  const raw = (typeof rejection === "object" && rejection !== null ? rejection : {}) as {
    status?: unknown;
    detail?: unknown;
    fieldErrors?: unknown;
    retryAfter?: unknown;
  };
  // Anything that is not an HTTP answer (a thrown TypeError, a quota error) counts as "not
  // sent yet": losing someone's message to a bug on our side is worse than trying again.
  const status = typeof raw.status === "number" ? raw.status : 0;
  const error: OutboxError = {
    status,
    detail: typeof raw.detail === "string" ? raw.detail : "",
    fieldErrors: Array.isArray(raw.fieldErrors) ? raw.fieldErrors.flatMap(toFieldError) : [],
  };
  if (status === 401) return { outcome: "auth", error };
  if (status === 0 || status === 408 || status === 429 || status >= 500) {
    return { outcome: "retry", error, retryAfter: typeof raw.retryAfter === "number" ? raw.retryAfter : null };
  }
  return { outcome: "failed", error };
}

function toFieldError(value: unknown): OutboxFieldError[] {
  const { field, message } = (value ?? {}) as { field?: unknown; message?: unknown };
  return typeof field === "string" && typeof message === "string" ? [{ field, message }] : [];
}

/**
 * Send this user's waiting items oldest first, one at a time, under the outbox lock. An item
 * found "sending" is the leftover of a crash or reload mid-send (only the lock holder sends):
 * it is sent again with the same Idempotency-Key, so the server returns what it already made.
 */
export function flushOutbox(options: FlushOptions): Promise<FlushResult> {
  return withOutboxLock(() => sendAll(options));
}

async function sendAll({ send, userId, onSent, onChange }: FlushOptions): Promise<FlushResult> {
  const result: FlushResult = { sent: 0, failed: 0, stopped: null, retryAfter: null };
  // Items that failed in this round are not looked at again, whatever happens meanwhile.
  const tried = new Set<number>();
  for (;;) {
    const next = (await listItems()).find(
      (item) => item.userId === userId && item.state !== "failed" && !tried.has(item.id),
    );
    if (!next) return result;
    tried.add(next.id);
    const sending = await updateItem(next.id, (item) => ({ ...item, state: "sending", attempts: item.attempts + 1 }));
    if (!sending || sending.state !== "sending") continue; // discarded meanwhile
    onChange?.();

    let answer: unknown;
    try {
      answer = await send(sending);
    } catch (rejection) {
      const verdict = judge(rejection);
      if (verdict.outcome === "failed" && sending.kind === "read") {
        // Nobody chose to send a read mark (opening a post does) and nothing in it can be fixed:
        // a refused one (the post was deleted meanwhile) is dropped instead of shown as failed.
        await removeItem(next.id, { evenIfSending: true });
        result.failed += 1;
        onChange?.();
        continue;
      }
      const state = verdict.outcome === "failed" ? "failed" : "waiting";
      await updateItem(next.id, (item) => ({ ...item, state, lastError: verdict.error }));
      onChange?.();
      if (verdict.outcome === "failed") {
        result.failed += 1;
        continue;
      }
      result.stopped = verdict.outcome;
      if (verdict.outcome === "retry") result.retryAfter = verdict.retryAfter;
      return result;
    }
    await removeItem(next.id, { evenIfSending: true });
    result.sent += 1;
    onSent?.(sending, answer);
    onChange?.();
  }
}

type LockManagerLike = { request<T>(name: string, task: () => Promise<T>): Promise<T> };

let localQueue: Promise<unknown> = Promise.resolve();

/**
 * Run `task` holding the outbox lock: a Web Lock shared by every tab and the service worker
 * where the browser has them; otherwise (old browsers, unit tests on Node 20) at least one
 * sender at a time in this context.
 */
export function withOutboxLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
  if (locks) return locks.request(OUTBOX_LOCK, task);
  const run = localQueue.then(task, task);
  localQueue = run.catch(() => undefined);
  return run;
}

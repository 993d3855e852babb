/**
 * The unread count behind the bell: asked when the app starts, when it comes back to the
 * screen (focus, visibility), when the service worker says a push arrived, and after the inbox
 * changes it. Never on a timer: a phone in a pocket should not wake up to ask.
 */

export interface UnreadCounter {
  get(): number | null;
  /** A count the app knows without asking (after "mark all read"). */
  set(count: number): void;
  /** Ask the server, unless it was asked less than `minIntervalMs` ago (`force` asks anyway). */
  refresh(force?: boolean): Promise<void>;
  subscribe(listener: (count: number | null) => void): () => void;
  /** Forget the count (logout). */
  reset(): void;
}

export interface CounterOptions {
  fetch: () => Promise<number>;
  now?: () => number;
  /** Focus and visibility events come in bursts; one request per burst is enough. */
  minIntervalMs?: number;
}

export function createUnreadCounter({ fetch, now = Date.now, minIntervalMs = 10_000 }: CounterOptions): UnreadCounter {
  let value: number | null = null;
  let askedAt = Number.NEGATIVE_INFINITY;
  let pending: Promise<void> | null = null;
  let generation = 0;
  const listeners = new Set<(count: number | null) => void>();

  function set(count: number | null): void {
    if (count === value) return;
    value = count;
    for (const listener of listeners) listener(count);
  }

  return {
    get: () => value,
    set: (count) => set(Math.max(0, count)),
    refresh(force = false) {
      if (pending) return pending;
      if (!force && now() - askedAt < minIntervalMs) return Promise.resolve();
      askedAt = now();
      const asked = generation;
      pending = fetch()
        .then(
          (count) => {
            if (asked === generation) set(Math.max(0, count));
          },
          () => undefined, // offline or logged out: keep the last count
        )
        .finally(() => {
          pending = null;
        });
      return pending;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reset() {
      generation += 1;
      askedAt = Number.NEGATIVE_INFINITY;
      set(null);
    },
  };
}

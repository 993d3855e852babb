/**
 * Whether what is on screen is fresh or the cache's copy, and when this phone last reached the
 * server. The fetch wrapper (api/client.ts) reports every answer here; the offline banner reads
 * it. The last sync is kept in localStorage so the banner can name it after a reload offline.
 */
import type { ResponseSource } from "./cache-stamp";
import { useStoreValue } from "./use-store";

export interface Freshness {
  /** True when the last answer came from the cache, or the server could not be reached. */
  offline: boolean;
  /** When the copy on screen was stored (the cache's stamp), or the last sync when unknown. */
  shownAt: number | null;
  /** The last time an answer came from the server itself. */
  lastSync: number | null;
}

export function nextFreshness(state: Freshness, source: ResponseSource, now: number): Freshness {
  if (source.kind === "network") return { offline: false, shownAt: null, lastSync: now };
  const storedAt = source.kind === "cache" ? source.storedAt : null;
  // A cached copy can be newer than the last sync this page saw (stored while it was closed).
  const lastSync = storedAt !== null && (state.lastSync === null || storedAt > state.lastSync) ? storedAt : state.lastSync;
  return { offline: true, shownAt: storedAt ?? state.shownAt ?? lastSync, lastSync };
}

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Forgotten on logout (session.ts): the next person on a shared phone starts without one. */
export const LAST_SYNC_KEY = "wp.last_sync";

export interface FreshnessStore {
  get(): Freshness;
  report(source: ResponseSource): void;
  subscribe(listener: (state: Freshness) => void): () => void;
}

export function createFreshnessStore(
  storage: KeyValueStorage | null,
  clock: () => number = Date.now,
): FreshnessStore {
  const stored = Number(safely(() => storage?.getItem(LAST_SYNC_KEY)) ?? "");
  let state: Freshness = { offline: false, shownAt: null, lastSync: stored > 0 ? stored : null };
  const listeners = new Set<(state: Freshness) => void>();
  return {
    get: () => state,
    report(source) {
      const next = nextFreshness(state, source, clock());
      if (next.lastSync !== state.lastSync && next.lastSync !== null) {
        const value = String(next.lastSync);
        safely(() => storage?.setItem(LAST_SYNC_KEY, value));
      }
      const changed = next.offline !== state.offline || next.shownAt !== state.shownAt;
      state = next;
      // A fresh answer on every request would re-render the banner for nothing.
      if (changed) for (const listener of listeners) listener(state);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function safely<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null; // storage disabled (private mode on some browsers) or full
  }
}

export const freshness = createFreshnessStore(typeof localStorage === "undefined" ? null : localStorage);

export function useFreshness(): Freshness {
  return useStoreValue(freshness.get, freshness.subscribe);
}

/**
 * The login on this device: the token pair and the last `me` answer, in localStorage so the
 * shell renders offline after a reload. The access token is mirrored into IndexedDB because
 * the service worker (push re-subscription) cannot read localStorage.
 */
import type { paths } from "../api/schema";
import { API_CACHE_NAME } from "./cache-stamp";
import { LAST_SYNC_KEY } from "./freshness";
import { setDisplayTimeZone } from "./i18n";
import { kvDelete, kvSet, SW_ACCESS_TOKEN_KEY } from "./idb";

/** The signed-in person as `GET /api/v1/me` answers (the generated schema, read by path). */
export type Me = paths["/api/v1/me"]["get"]["responses"][200]["content"]["application/json"];

export interface TokenPair {
  access_token: string;
  refresh_token: string;
}

/** Where the API client keeps the token pair (`session` in the app, memory in tests). */
export interface TokenStore {
  getAccess(): string | null;
  getRefresh(): string | null;
  save(pair: TokenPair): void;
  clear(): void;
}

const ACCESS_KEY = "wp.access_token";
const REFRESH_KEY = "wp.refresh_token";
const ME_KEY = "wp.me";
/** A language chosen offline that the server has not stored yet. */
const PENDING_LOCALE_KEY = "wp.locale_pending";

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage disabled (private mode on some browsers)
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Quota or disabled storage: the session then lasts as long as the page.
  }
}

const meListeners = new Set<(me: Me | null) => void>();

function ignore(promise: Promise<unknown>): void {
  promise.catch(() => undefined);
}

export const session: TokenStore & {
  isLoggedIn(): boolean;
  getCachedMe(): Me | null;
  cacheMe(me: Me): void;
  /** Called with the new `me` when it is cached, and with null on logout. */
  onMeChange(listener: (me: Me | null) => void): () => void;
  getPendingLocale(): string | null;
  setPendingLocale(locale: string | null): void;
} = {
  getAccess: () => read(ACCESS_KEY),
  getRefresh: () => read(REFRESH_KEY),

  save(pair: TokenPair) {
    write(ACCESS_KEY, pair.access_token);
    write(REFRESH_KEY, pair.refresh_token);
    ignore(kvSet(SW_ACCESS_TOKEN_KEY, pair.access_token));
  },

  clear() {
    write(ACCESS_KEY, null);
    write(REFRESH_KEY, null);
    write(ME_KEY, null);
    write(PENDING_LOCALE_KEY, null);
    write(LAST_SYNC_KEY, null);
    setDisplayTimeZone(null);
    ignore(kvDelete(SW_ACCESS_TOKEN_KEY));
    // API answers cached by the service worker belong to this user (shared shop phones).
    if (typeof caches !== "undefined") ignore(caches.delete(API_CACHE_NAME));
    for (const listener of meListeners) listener(null);
  },

  isLoggedIn: () => read(ACCESS_KEY) !== null || read(REFRESH_KEY) !== null,

  getCachedMe() {
    const raw = read(ME_KEY);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as Me;
    } catch {
      return null;
    }
  },

  cacheMe(me: Me) {
    write(ME_KEY, JSON.stringify(me));
    setDisplayTimeZone(me.store?.timezone);
    for (const listener of meListeners) listener(me);
  },

  onMeChange(listener) {
    meListeners.add(listener);
    return () => meListeners.delete(listener);
  },

  getPendingLocale: () => read(PENDING_LOCALE_KEY),
  setPendingLocale: (locale) => write(PENDING_LOCALE_KEY, locale),
};

// Times are shown in the store's zone from the first render, also offline (the cached /me).
setDisplayTimeZone(session.getCachedMe()?.store?.timezone);

/**
 * How a page can tell an API answer the service worker took from its cache from a fresh one:
 * the worker stamps each copy with the time it stored it (src/sw/sw.ts), and the fetch wrapper
 * reads the stamp back. `navigator.onLine` cannot answer this: in a stockroom with Wi-Fi but no
 * internet it says "online" while every answer comes from the cache.
 */

/** The worker's cache for API GETs; emptied on logout (session.ts): another user must not see it. */
export const API_CACHE_NAME = "api";

/** Set only on answers served from the worker's cache; an ISO time, or "" when unknown. */
export const CACHED_AT_HEADER = "X-Winkelpraat-Cached-At";

export type ResponseSource =
  | { kind: "network" }
  | { kind: "cache"; storedAt: number | null }
  | { kind: "unreachable" };

/**
 * The copy of a network answer to keep, stamped with the time it is stored; null (keep nothing)
 * for anything but a 200, so errors and 401s never land in the cache. Workbox's NetworkFirst
 * drops its own "200 or opaque" check as soon as a plugin has cacheWillUpdate, hence the test.
 */
export function stampForCache(response: Response, now: number = Date.now()): Response | null {
  if (response.status !== 200) return null;
  return withHeader(response, new Date(now).toISOString());
}

/**
 * A cached answer as the page should get it: always carrying the stamp. Copies stored before the
 * stamp existed fall back to their Date header (when the server sent it), else "" (time unknown).
 */
export function markAsCached(cached: Response | null | undefined): Response | null {
  if (!cached) return null;
  if (cached.headers.has(CACHED_AT_HEADER)) return cached;
  const date = Date.parse(cached.headers.get("Date") ?? "");
  return withHeader(cached, Number.isNaN(date) ? "" : new Date(date).toISOString());
}

/** Where an answer the page received came from. */
export function sourceOf(response: Response): ResponseSource {
  const stamp = response.headers.get(CACHED_AT_HEADER);
  if (stamp === null) return { kind: "network" };
  const storedAt = Date.parse(stamp);
  return { kind: "cache", storedAt: Number.isNaN(storedAt) ? null : storedAt };
}

function withHeader(response: Response, stamp: string): Response {
  const headers = new Headers(response.headers);
  headers.set(CACHED_AT_HEADER, stamp);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/// <reference lib="webworker" />
/**
 * The service worker: precached shell, SPA navigations served from index.html, API GETs
 * network-first (3 s, then the last answer), images cache-first. A new version waits until
 * the page posts {type: "SKIP_WAITING"} (the "update available" toast).
 */
import { clientsClaim } from "workbox-core";
import type { WorkboxPlugin } from "workbox-core/types";
import { ExpirationPlugin } from "workbox-expiration";
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
  type PrecacheEntry,
} from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";
import { CacheFirst, NetworkFirst } from "workbox-strategies";
import { API_CACHE_NAME, markAsCached, stampForCache } from "../lib/cache-stamp";
import { registerOutboxSync } from "./outbox-sync";
import { registerPushHandlers } from "./push";

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<PrecacheEntry | string>;
};

const IMAGE_CACHE = "images";
const CHUNK_CACHE = "manage-chunks";

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every in-app URL (/login, /join/<code>, ...) is the same single-page shell.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL("index.html"), {
    denylist: [/^\/api\//, /^\/docs/, /^\/redoc/, /^\/openapi\.json/],
  }),
);

/**
 * Each stored copy carries the time it was stored, and every copy served says so: that is how the
 * page knows it shows the cache's answer (the offline banner), whatever navigator.onLine claims.
 * stampForCache keeps only 200s, so errors and 401s never land in the cache.
 */
const stampCachedAt: WorkboxPlugin = {
  cacheWillUpdate: async ({ response }) => stampForCache(response),
  cachedResponseWillBeUsed: async ({ cachedResponse }) => markAsCached(cachedResponse),
};

// The offline banner's probe (src/features/offline/probe.ts) must reach the server or fail.
const HEALTH_PATH = "/api/health";
// Live updates: an endless stream, never cached nor cut off by the 3 s timeout (lib/live-events.ts).
const EVENTS_PATH = "/api/v1/events";

// Fresh data when the network answers in time, the last good answer when it does not.
registerRoute(
  ({ url, request }) =>
    url.origin === self.location.origin &&
    url.pathname.startsWith("/api/") &&
    url.pathname !== HEALTH_PATH &&
    url.pathname !== EVENTS_PATH &&
    request.method === "GET",
  new NetworkFirst({
    cacheName: API_CACHE_NAME,
    networkTimeoutSeconds: 3,
    plugins: [
      // Expiration first: it may drop a copy that is too old before it is stamped and used.
      new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 7 * 24 * 60 * 60, purgeOnQuotaError: true }),
      stampCachedAt,
    ],
  }),
);

registerRoute(
  ({ url, request }) => request.destination === "image" && !url.pathname.startsWith("/api/"),
  new CacheFirst({
    cacheName: IMAGE_CACHE,
    plugins: [
      new ExpirationPlugin({ maxEntries: 100, maxAgeSeconds: 30 * 24 * 60 * 60, purgeOnQuotaError: true }),
    ],
  }),
);

// Publishers' screens (assets/manage-*, not precached so staff never download them) are kept
// once used, so a manager can open them again offline. Hashed names never change content.
registerRoute(
  ({ url }) => url.origin === self.location.origin && /^\/assets\/manage-[^/]+\.js$/.test(url.pathname),
  new CacheFirst({
    cacheName: CHUNK_CACHE,
    plugins: [new ExpirationPlugin({ maxEntries: 20, maxAgeSeconds: 60 * 24 * 60 * 60, purgeOnQuotaError: true })],
  }),
);

self.addEventListener("message", (event) => {
  if ((event.data as { type?: unknown } | null)?.type === "SKIP_WAITING") void self.skipWaiting();
});

clientsClaim();
registerPushHandlers(self);
registerOutboxSync(self);

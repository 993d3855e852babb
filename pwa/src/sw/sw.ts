/// <reference lib="webworker" />
/**
 * The service worker: precached shell, SPA navigations served from index.html, API GETs
 * network-first (3 s, then the last answer), images cache-first. A new version waits until
 * the page posts {type: "SKIP_WAITING"} (the "update available" toast).
 */
import { clientsClaim } from "workbox-core";
import { ExpirationPlugin } from "workbox-expiration";
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
  type PrecacheEntry,
} from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";
import { CacheFirst, NetworkFirst } from "workbox-strategies";
import { registerPushHandlers } from "./push";

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<PrecacheEntry | string>;
};

/** Must match API_CACHE_NAME in src/features/auth/session.ts (cleared on logout). */
const API_CACHE = "api";
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

// Fresh data when the network answers in time, the last good answer when it does not.
// NetworkFirst only stores 200 responses, so errors and 401s never land in the cache.
registerRoute(
  ({ url, request }) =>
    url.origin === self.location.origin && url.pathname.startsWith("/api/") && request.method === "GET",
  new NetworkFirst({
    cacheName: API_CACHE,
    networkTimeoutSeconds: 3,
    plugins: [
      new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 7 * 24 * 60 * 60, purgeOnQuotaError: true }),
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

/// <reference lib="webworker" />
/**
 * Web Push in the service worker: show what the server sent (a newer summary replaces an older
 * one through its tag), open its page on a tap, and re-subscribe when the browser rotates the
 * subscription. What to show and where a tap may lead are pure helpers in lib/push-message.ts.
 */
import { base64urlToBytes } from "../lib/base64url";
import { kvGet, SW_ACCESS_TOKEN_KEY, SW_LOCALE_KEY } from "../lib/idb";
import {
  APP_NAME,
  appPath,
  notificationBody,
  notificationTarget,
  PUSH_RECEIVED,
  readPushPayload,
  subscriptionBody,
  type NavigateMessage,
  type PushPayload,
} from "../lib/push-message";

/** Not in TypeScript's webworker lib; only Firefox fills in the subscriptions. */
interface PushSubscriptionChangeEvent extends ExtendableEvent {
  readonly newSubscription?: PushSubscription | null;
  readonly oldSubscription?: PushSubscription | null;
}

/** `renotify` (Chromium) is missing from TypeScript's NotificationOptions. */
type ShowOptions = NotificationOptions & { renotify?: boolean };

const ICON = "/icons/icon-192.png";
/** The language a summary's fallback line is written in when the page never said (Dutch first). */
const DEFAULT_LOCALE = "nl";

export function parsePayload(data: PushMessageData | null): PushPayload {
  if (!data) return readPushPayload(null);
  try {
    return readPushPayload(data.json());
  } catch {
    return readPushPayload({ title: APP_NAME, body: data.text() });
  }
}

export function registerPushHandlers(sw: ServiceWorkerGlobalScope): void {
  sw.addEventListener("push", (event) => {
    // Every push must end in a notification (userVisibleOnly): nothing here may skip it.
    event.waitUntil(showPush(sw, parsePayload(event.data)));
  });

  sw.addEventListener("notificationclick", (event) => {
    event.notification.close();
    const data = event.notification.data as { url?: unknown } | null;
    event.waitUntil(openOrFocus(sw, notificationTarget(data?.url, sw.location.origin)));
  });

  sw.addEventListener("pushsubscriptionchange", (event) => {
    const change = event as PushSubscriptionChangeEvent;
    change.waitUntil(resubscribe(sw, change.newSubscription ?? null));
  });
}

async function showPush(sw: ServiceWorkerGlobalScope, payload: PushPayload): Promise<void> {
  const locale = await withTimeout(kvGet(SW_LOCALE_KEY), 500).catch(() => undefined);
  const options: ShowOptions = {
    body: notificationBody(payload, locale ?? DEFAULT_LOCALE),
    icon: ICON,
    data: { url: payload.url, count: payload.count },
  };
  if (payload.tag) {
    // Same tag: the newer notification replaces the older one, and still alerts the person.
    options.tag = payload.tag;
    options.renotify = true;
  }
  await sw.registration.showNotification(payload.title, options);

  // Extras after the notification is up; none of them may fail the push.
  await Promise.allSettled([
    payload.count !== undefined && typeof sw.navigator.setAppBadge === "function"
      ? sw.navigator.setAppBadge(payload.count)
      : Promise.resolve(),
    tellWindows(sw),
  ]);
}

/** Open windows refresh their unread badge at once instead of at the next focus. */
async function tellWindows(sw: ServiceWorkerGlobalScope): Promise<void> {
  const windows = await sw.clients.matchAll({ type: "window", includeUncontrolled: true });
  for (const client of windows) client.postMessage({ type: PUSH_RECEIVED });
}

/**
 * Show `url` in the app: a window of the app that is already open is asked to route there
 * (src/main.tsx listens; it works for windows this worker does not control too, unlike
 * WindowClient.navigate) and focused; with none open, a new window opens at `url`.
 */
async function openOrFocus(sw: ServiceWorkerGlobalScope, url: string): Promise<void> {
  const origin = sw.location.origin;
  const windows = await sw.clients.matchAll({ type: "window", includeUncontrolled: true });
  const app = windows.filter((client) => new URL(client.url).origin === origin);
  const client = app.find((c) => c.url === url) ?? app.find((c) => c.focused) ?? app[0];
  if (!client) {
    await sw.clients.openWindow(url);
    return;
  }
  if (client.url !== url) {
    const message: NavigateMessage = { type: "navigate", path: appPath(url, origin) };
    client.postMessage(message);
  }
  // Focusing needs the click's permission to raise a window; without it, routing is enough.
  await client.focus().catch(() => undefined);
}

/**
 * Subscribe again with the server's current key and store the new subscription. Needs the
 * access token the page mirrors into IndexedDB; without one (logged out) there is nothing to do.
 */
async function resubscribe(sw: ServiceWorkerGlobalScope, fresh: PushSubscription | null): Promise<void> {
  const token = await kvGet(SW_ACCESS_TOKEN_KEY).catch(() => undefined);
  if (!token) return;

  let subscription = fresh;
  if (!subscription) {
    const keyResponse = await fetch("/api/v1/push/key");
    if (!keyResponse.ok) return;
    const { public_key } = (await keyResponse.json()) as { public_key: string };
    subscription = await sw.registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: base64urlToBytes(public_key),
    });
  }

  const body = subscriptionBody(subscription.toJSON());
  if (!body) return;
  // A refused token (401) is not retried from here: the worker cannot refresh the login.
  await fetch("/api/v1/push/subscriptions", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

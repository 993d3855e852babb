/// <reference lib="webworker" />
/**
 * Web Push in the service worker: show what the server sent, open its URL on a tap, and
 * re-subscribe when the browser rotates the subscription.
 */
import { base64urlToBytes } from "../lib/base64url";
import { kvGet, SW_ACCESS_TOKEN_KEY } from "../lib/idb";

/** The payload the server encrypts into every push (see API.md, "Push and shifts"). */
export interface PushPayload {
  title: string;
  body: string;
  url: string;
  tag?: string;
  count?: number;
}

/** Not in TypeScript's webworker lib; only Firefox fills in the subscriptions. */
interface PushSubscriptionChangeEvent extends ExtendableEvent {
  readonly newSubscription?: PushSubscription | null;
  readonly oldSubscription?: PushSubscription | null;
}

const APP_NAME = "Winkelpraat";
const ICON = "/icons/icon-192.png";

export function parsePayload(data: PushMessageData | null): PushPayload {
  if (!data) return { title: APP_NAME, body: "", url: "/" };
  try {
    const raw = data.json() as Partial<PushPayload>;
    return {
      title: typeof raw.title === "string" && raw.title ? raw.title : APP_NAME,
      body: typeof raw.body === "string" ? raw.body : "",
      url: typeof raw.url === "string" && raw.url ? raw.url : "/",
      tag: typeof raw.tag === "string" ? raw.tag : undefined,
      count: typeof raw.count === "number" ? raw.count : undefined,
    };
  } catch {
    return { title: APP_NAME, body: data.text(), url: "/" };
  }
}

export function registerPushHandlers(sw: ServiceWorkerGlobalScope): void {
  sw.addEventListener("push", (event) => {
    const payload = parsePayload(event.data);
    event.waitUntil(
      sw.registration.showNotification(payload.title, {
        body: payload.body,
        tag: payload.tag,
        icon: ICON,
        data: { url: payload.url, count: payload.count },
      }),
    );
  });

  sw.addEventListener("notificationclick", (event) => {
    event.notification.close();
    const target = sameOriginUrl(sw, (event.notification.data as { url?: unknown } | null)?.url);
    event.waitUntil(openOrFocus(sw, target));
  });

  sw.addEventListener("pushsubscriptionchange", (event) => {
    const change = event as PushSubscriptionChangeEvent;
    change.waitUntil(resubscribe(sw, change.newSubscription ?? null));
  });
}

/** Only open URLs of this app: a push payload must not send people elsewhere. */
function sameOriginUrl(sw: ServiceWorkerGlobalScope, url: unknown): string {
  const origin = sw.location.origin;
  try {
    const parsed = new URL(typeof url === "string" ? url : "/", origin);
    return parsed.origin === origin ? parsed.href : `${origin}/`;
  } catch {
    return `${origin}/`;
  }
}

async function openOrFocus(sw: ServiceWorkerGlobalScope, url: string): Promise<void> {
  const windows = await sw.clients.matchAll({ type: "window", includeUncontrolled: true });
  const exact = windows.find((client) => client.url === url);
  if (exact) {
    await exact.focus();
    return;
  }
  const open = windows.find((client) => new URL(client.url).origin === sw.location.origin);
  if (open) {
    const focused = await open.focus();
    // navigate() only works on windows this worker controls; otherwise a focused app is enough.
    await focused.navigate(url).catch(() => undefined);
    return;
  }
  await sw.clients.openWindow(url);
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

  const json = subscription.toJSON();
  if (!json.endpoint || !json.keys?.p256dh || !json.keys.auth) return;
  // A refused token (401) is not retried from here: the worker cannot refresh the login.
  await fetch("/api/v1/push/subscriptions", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ endpoint: json.endpoint, keys: { p256dh: json.keys.p256dh, auth: json.keys.auth } }),
  });
}

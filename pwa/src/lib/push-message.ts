/**
 * Pure helpers shared by the service worker (src/sw/push.ts) and the page: reading a push
 * payload, what the notification shows, where a tap on it may lead, and the body the API wants
 * for a subscription. No DOM or worker globals here, so Vitest runs them as they are.
 */

/** The payload the server encrypts into every push (see API.md, "Push and shifts"). */
export interface PushPayload {
  title: string;
  body: string;
  url: string;
  tag?: string;
  count?: number;
}

export const APP_NAME = "Winkelpraat";

/** A payload as sent, checked field by field: a bad field falls back instead of losing the push. */
export function readPushPayload(raw: unknown): PushPayload {
  const data = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const count = data.count;
  return {
    title: typeof data.title === "string" && data.title.trim() ? data.title : APP_NAME,
    body: typeof data.body === "string" ? data.body : "",
    url: typeof data.url === "string" && data.url ? data.url : "/",
    tag: typeof data.tag === "string" && data.tag ? data.tag : undefined,
    count: typeof count === "number" && Number.isInteger(count) && count > 0 ? count : undefined,
  };
}

const COUNT_TEXT: Record<"nl" | "en", (count: number) => string> = {
  nl: (n) => (n === 1 ? "1 nieuw bericht" : `${n} nieuwe berichten`),
  en: (n) => (n === 1 ? "1 new message" : `${n} new messages`),
};

/**
 * The notification's body. A summary (`count`) always says how many items it stands for: the
 * server's title normally does ("3 nieuwe berichten sinds je laatste dienst"); when neither the
 * title nor the body names the number, a line such as "3 nieuwe berichten" is added.
 */
export function notificationBody(payload: PushPayload, locale: string): string {
  const { count, title, body } = payload;
  if (count === undefined) return body;
  const named = new RegExp(`(^|\\D)${count}(\\D|$)`);
  if (named.test(title) || named.test(body)) return body;
  const line = COUNT_TEXT[locale.toLowerCase().startsWith("en") ? "en" : "nl"](count);
  return body ? `${body}\n${line}` : line;
}

/**
 * The absolute URL a tap on a notification opens: the payload's URL when it is a page of this
 * app (same origin), the start page otherwise; a push must not send anyone to another site.
 */
export function notificationTarget(url: unknown, origin: string): string {
  const home = new URL("/", origin).href;
  if (typeof url !== "string" || !url) return home;
  try {
    const parsed = new URL(url, origin);
    if (parsed.origin !== new URL(origin).origin) return home;
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return home;
    return parsed.href;
  } catch {
    return home;
  }
}

/** An in-app path (pathname, query, hash) for a same-origin URL, for the page's router. */
export function appPath(href: string, origin: string): string {
  const url = new URL(notificationTarget(href, origin));
  return url.pathname + url.search + url.hash;
}

/** The message the service worker posts to an open window to show a notification's page. */
export interface NavigateMessage {
  type: "navigate";
  path: string;
}

export function isNavigateMessage(data: unknown): data is NavigateMessage {
  const message = data as Partial<NavigateMessage> | null;
  return message?.type === "navigate" && typeof message.path === "string" && message.path.startsWith("/");
}

/** The service worker tells open windows a push arrived (the page refreshes its unread count). */
export const PUSH_RECEIVED = "push-received";

/** `POST /api/v1/push/subscriptions`'s body from `subscription.toJSON()`; null when incomplete. */
export function subscriptionBody(
  json: { endpoint?: string; keys?: Record<string, string> } | null | undefined,
): { endpoint: string; keys: { p256dh: string; auth: string } } | null {
  const endpoint = json?.endpoint;
  const p256dh = json?.keys?.p256dh;
  const auth = json?.keys?.auth;
  if (!endpoint || !p256dh || !auth) return null;
  return { endpoint, keys: { p256dh, auth } };
}

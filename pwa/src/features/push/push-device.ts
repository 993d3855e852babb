/**
 * Push on this device: can it get notifications at all, and turning them on (permission, then a
 * subscription with the server's VAPID key, then POST to the API) and off (DELETE, unsubscribe).
 * The browser is reached through `PushDevice`, so the decisions are tested without one.
 */
import { ApiError } from "../../api/client";
import { base64urlToBytes } from "../../lib/base64url";
import { subscriptionBody } from "../../lib/push-message";
import { deleteSubscription, getPushKey, saveSubscription, type SubscriptionCreate } from "./push-api";

/**
 * - "unsupported": no service worker, Push API or notifications in this browser;
 * - "install-first": an iPhone or iPad in Safari: push only works in the app added to the
 *   home screen (iOS 16.4 and later), so the person has to install it first;
 * - otherwise the notification permission: "default" (not asked yet), "granted", "denied".
 */
export type PushAvailability = "unsupported" | "install-first" | NotificationPermission;

export interface PushEnvironment {
  serviceWorker: boolean;
  pushManager: boolean;
  notification: boolean;
  permission: NotificationPermission;
  appleMobile: boolean;
  standalone: boolean;
}

export function pushAvailability(env: PushEnvironment): PushAvailability {
  // Safari on iOS hides the Push API outside the installed app, so this comes first.
  if (env.appleMobile && !env.standalone) return "install-first";
  if (!env.serviceWorker || !env.pushManager || !env.notification) return "unsupported";
  return env.permission;
}

/** iPhone, iPod, and iPads (which say they are Macs, but have a touch screen). */
export function isAppleMobile(userAgent: string, platform: string, maxTouchPoints: number): boolean {
  return /iPhone|iPad|iPod/.test(userAgent) || (platform === "MacIntel" && maxTouchPoints > 1);
}

/** True when a subscription was made with this VAPID key (a new key needs a new subscription). */
export function sameKey(current: ArrayBuffer | null | undefined, key: Uint8Array): boolean {
  if (!current) return false;
  const bytes = new Uint8Array(current);
  return bytes.length === key.length && bytes.every((byte, i) => byte === key[i]);
}

export type TurnOnResult =
  | { status: "on" }
  | { status: "unsupported" | "install-first" | "denied" | "dismissed" }
  | { status: "failed"; step: "key" | "worker" | "subscribe" | "server"; error: unknown };

/** What turning push on and off needs from the browser and the API. */
export interface PushDevice {
  availability(): PushAvailability;
  requestPermission(): Promise<NotificationPermission>;
  /** The active service worker registration, waiting (bounded) for one being installed. */
  registration(): Promise<Pick<ServiceWorkerRegistration, "pushManager"> | null>;
  /** The registration there is now, without waiting (reading the state, turning off). */
  currentRegistration(): Promise<Pick<ServiceWorkerRegistration, "pushManager"> | null>;
  getKey(): Promise<string>;
  save(body: SubscriptionCreate): Promise<void>;
  remove(endpoint: string): Promise<void>;
}

/**
 * Turn push on. Call it straight from a tap: the permission prompt is asked first, before any
 * other wait, because Safari only shows it inside the tap's handler.
 */
export async function turnOnPush(device: PushDevice): Promise<TurnOnResult> {
  let permission = device.availability();
  if (permission === "unsupported" || permission === "install-first") return { status: permission };
  if (permission === "default") permission = await device.requestPermission();
  if (permission === "denied") return { status: "denied" };
  if (permission !== "granted") return { status: "dismissed" };

  let key: Uint8Array<ArrayBuffer>;
  try {
    key = base64urlToBytes(await device.getKey());
  } catch (error) {
    return { status: "failed", step: "key", error };
  }
  const registration = await device.registration();
  if (!registration) return { status: "failed", step: "worker", error: null };

  let subscription: PushSubscription;
  try {
    let existing = await registration.pushManager.getSubscription();
    if (existing && !sameKey(existing.options.applicationServerKey, key)) {
      // Made with an old server key: pushes signed with the new one would be refused.
      await existing.unsubscribe();
      existing = null;
    }
    subscription =
      existing ?? (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }));
  } catch (error) {
    return { status: "failed", step: "subscribe", error };
  }
  const saved = await saveOnServer(device, subscription);
  if (saved.status === "failed" && saved.step === "server" && isConflict(saved.error)) {
    return saveAFreshSubscription(device, registration, subscription, key);
  }
  return saved;
}

function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409;
}

/**
 * POST the subscription. Upsert by endpoint: sending it again is harmless. A failed save keeps
 * the browser's subscription, so the next tap only has to send it again.
 */
async function saveOnServer(device: PushDevice, subscription: PushSubscription): Promise<TurnOnResult> {
  const body = subscriptionBody(subscription.toJSON());
  if (!body) return { status: "failed", step: "subscribe", error: null };
  try {
    await device.save(body);
  } catch (error) {
    return { status: "failed", step: "server", error };
  }
  return { status: "on" };
}

/**
 * The server keeps this browser's endpoint for another account (someone used this phone and did
 * not sign out, and the subscription's keys changed since): a new subscription has a new endpoint.
 * A second 409 is reported, never looped on.
 */
async function saveAFreshSubscription(
  device: PushDevice,
  registration: Pick<ServiceWorkerRegistration, "pushManager">,
  taken: PushSubscription,
  key: Uint8Array<ArrayBuffer>,
): Promise<TurnOnResult> {
  let fresh: PushSubscription;
  try {
    await taken.unsubscribe();
    fresh = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  } catch (error) {
    return { status: "failed", step: "subscribe", error };
  }
  return saveOnServer(device, fresh);
}

/**
 * Turn push off on this device: the server forgets the subscription and the browser drops it.
 * The browser's part happens even when the server cannot be reached (the push service then
 * answers 410 to the server's next push, and the server deletes it itself). Returns the
 * server's error, if any, for the screen to mention.
 */
export async function turnOffPush(device: PushDevice): Promise<unknown> {
  const registration = await device.currentRegistration();
  const subscription = await registration?.pushManager.getSubscription();
  if (!subscription) return null;
  let serverError: unknown = null;
  try {
    await device.remove(subscription.endpoint);
  } catch (error) {
    // 404: the server had already forgotten it, which is what we want.
    if (!(error instanceof ApiError && error.status === 404)) serverError = error;
  }
  await subscription.unsubscribe().catch(() => false);
  return serverError;
}

/**
 * Forget this device's subscription when someone logs out: on a shared shop phone the next
 * person must not get the previous one's notifications. Bounded, so logging out never hangs.
 */
export async function forgetPushOnLogout(device: PushDevice, timeoutMs = 3000): Promise<void> {
  if (device.availability() !== "granted") return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  try {
    await Promise.race([turnOffPush(device).catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether this browser holds a push subscription for the app. */
export async function isSubscribed(device: PushDevice): Promise<boolean> {
  const registration = await device.currentRegistration();
  return (await registration?.pushManager.getSubscription().catch(() => null)) != null;
}

const READY_TIMEOUT_MS = 10_000;

function browserEnvironment(): PushEnvironment {
  const nav = navigator as Navigator & { standalone?: boolean };
  return {
    serviceWorker: "serviceWorker" in nav,
    pushManager: typeof PushManager !== "undefined",
    notification: typeof Notification !== "undefined",
    permission: typeof Notification !== "undefined" ? Notification.permission : "default",
    appleMobile: isAppleMobile(nav.userAgent, nav.platform, nav.maxTouchPoints ?? 0),
    standalone: nav.standalone === true || matchMedia("(display-mode: standalone)").matches,
  };
}

function requestPermission(): Promise<NotificationPermission> {
  return new Promise((resolve) => {
    // Older Safari only takes a callback; newer browsers return a promise.
    const answer = Notification.requestPermission(resolve) as Promise<NotificationPermission> | undefined;
    answer?.then(resolve, () => resolve(Notification.permission));
  });
}

/** The active registration: `ready` when turning on (waits for the worker), bounded in time. */
async function readyRegistration(): Promise<ServiceWorkerRegistration | null> {
  if (!("serviceWorker" in navigator)) return null;
  const existing = await navigator.serviceWorker.getRegistration().catch(() => undefined);
  if (existing?.active) return existing;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), READY_TIMEOUT_MS)));
  try {
    return await Promise.race([navigator.serviceWorker.ready, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** This browser and the app's API. */
export const browserPushDevice: PushDevice = {
  availability: () => pushAvailability(browserEnvironment()),
  requestPermission,
  registration: readyRegistration,
  currentRegistration: async () =>
    "serviceWorker" in navigator ? ((await navigator.serviceWorker.getRegistration().catch(() => undefined)) ?? null) : null,
  getKey: getPushKey,
  save: saveSubscription,
  remove: (endpoint) => deleteSubscription(endpoint, 5000),
};

/** The browser's own words for a failed subscribe ("Registration failed - permission denied"). */
export function browserErrorText(error: unknown): string {
  if (error && typeof error === "object" && "message" in error) {
    const { name, message } = error as { name?: unknown; message?: unknown };
    return [name, message].filter((part) => typeof part === "string" && part).join(": ");
  }
  return "";
}

/** Calls for Web Push: the server's VAPID key and this device's subscription. */
import { api, type JsonBody, type JsonResponse } from "../../api/client";

export type PushKey = JsonResponse<"/api/v1/push/key", "get">;
export type SubscriptionCreate = JsonBody<"/api/v1/push/subscriptions", "post">;

let key: Promise<string> | null = null;

/**
 * The VAPID applicationServerKey (base64url), asked once a page load. Screens that offer the
 * switch ask early, so the tap itself waits for as little as possible: browsers only allow the
 * permission prompt close to the tap.
 */
export function getPushKey(): Promise<string> {
  key ??= api.get<PushKey>("/push/key", { auth: false }).then(
    (answer) => answer.public_key,
    (error: unknown) => {
      key = null; // try again next time
      throw error;
    },
  );
  return key;
}

export function saveSubscription(body: SubscriptionCreate): Promise<void> {
  return api.post<void>("/push/subscriptions", { json: body });
}

export function deleteSubscription(endpoint: string, timeoutMs?: number): Promise<void> {
  return api.delete<void>("/push/subscriptions", { json: { endpoint }, timeoutMs });
}

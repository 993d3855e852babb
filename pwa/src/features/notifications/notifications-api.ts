/** Calls for the notification inbox (with its unread count) and notification preferences. */
import { api, type JsonBody, type JsonResponse } from "../../api/client";

export type InboxPage = JsonResponse<"/api/v1/me/notifications", "get">;
export type InboxItem = InboxPage["items"][number];
export type UnreadCount = JsonResponse<"/api/v1/me/notifications/unread-count", "get">;
export type Preferences = JsonResponse<"/api/v1/me/preferences", "get">;
export type PreferencesIn = JsonBody<"/api/v1/me/preferences", "put">;
export type OffShift = Preferences["off_shift"];
export type Category = InboxItem["category"];

/** Every category a person can switch off, in the order the settings screen lists them. */
export const CATEGORIES = ["news", "qa"] as const satisfies readonly Category[];

export const INBOX_PAGE_SIZE = 20;

export function getInbox(cursor: string | null = null): Promise<InboxPage> {
  const query = new URLSearchParams({ limit: String(INBOX_PAGE_SIZE) });
  if (cursor) query.set("cursor", cursor);
  return api.get<InboxPage>(`/me/notifications?${query.toString()}`);
}

export async function getUnreadCount(): Promise<number> {
  return (await api.get<UnreadCount>("/me/notifications/unread-count")).unread;
}

export function markRead(id: number): Promise<void> {
  return api.post<void>(`/me/notifications/${id}/read`);
}

export function markAllRead(): Promise<void> {
  return api.post<void>("/me/notifications/read-all");
}

export function getPreferences(): Promise<Preferences> {
  return api.get<Preferences>("/me/preferences");
}

export function savePreferences(data: PreferencesIn): Promise<Preferences> {
  return api.request<Preferences>("PUT", "/me/preferences", { json: data });
}

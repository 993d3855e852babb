/** Calls only publishers need: create and edit posts, read rates, and the store/region lists. */
import { api, type JsonBody, type JsonResponse } from "../../../api/client";
import type { NewsItem } from "../news-api";

export type NewsCreate = JsonBody<"/api/v1/news", "post">;
export type NewsUpdate = JsonBody<"/api/v1/news/{post_id}", "patch">;
export type NewsStats = JsonResponse<"/api/v1/news/{post_id}/stats", "get">;
/** A post as its editor wrote it: original language and text, and every translation. */
export type NewsSource = JsonResponse<"/api/v1/news/{post_id}/source", "get">;
export type Store = JsonResponse<"/api/v1/stores", "get">["items"][number];
export type Region = JsonResponse<"/api/v1/regions", "get">["items"][number];
export type Audience = NonNullable<NewsCreate["audience"]>;
export type AudienceRole = NonNullable<Audience["roles"]>[number];
export type Urgency = NonNullable<NewsCreate["urgency"]>;

export const AUDIENCE_ROLES = ["staff", "store_manager", "hq", "admin"] as const satisfies readonly AudienceRole[];
export const URGENCIES = ["normal", "low", "urgent"] as const satisfies readonly Urgency[];

/** `key` is the Idempotency-Key: a retry after a lost answer returns the same post. */
export function createPost(data: NewsCreate, key: string): Promise<NewsItem> {
  return api.post<NewsItem>("/news", { json: data, idempotencyKey: key });
}

export function updatePost(id: number, changes: NewsUpdate): Promise<NewsItem> {
  return api.patch<NewsItem>(`/news/${id}`, { json: changes });
}

export function getSource(id: number): Promise<NewsSource> {
  return api.get<NewsSource>(`/news/${id}/source`);
}

export function getStats(id: number): Promise<NewsStats> {
  return api.get<NewsStats>(`/news/${id}/stats`);
}

interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/** Every page of a list (a chain has tens to hundreds of stores, so a few requests at most). */
async function all<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page += 1) {
    const query = new URLSearchParams({ limit: "100" });
    if (cursor) query.set("cursor", cursor);
    const answer: Page<T> = await api.get<Page<T>>(`${path}?${query.toString()}`);
    items.push(...answer.items);
    cursor = answer.next_cursor;
    if (!cursor) break;
  }
  return items;
}

export function getAllStores(): Promise<Store[]> {
  return all<Store>("/stores");
}

export function getAllRegions(): Promise<Region[]> {
  return all<Region>("/regions");
}

/** Whole percent of `part` in `whole`; 0 for an empty audience. */
export function percent(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.min(100, Math.round((part / whole) * 100));
}

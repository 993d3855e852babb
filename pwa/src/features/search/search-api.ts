/** The global search across store news and questions. */
import { api, type JsonResponse } from "../../api/client";

export type SearchPage = JsonResponse<"/api/v1/search", "get">;
export type SearchHit = SearchPage["items"][number];

export const SEARCH_PAGE_SIZE = 20;

export function search(text: string, cursor: string | null, signal?: AbortSignal): Promise<SearchPage> {
  const query = new URLSearchParams({ q: text, limit: String(SEARCH_PAGE_SIZE) });
  if (cursor) query.set("cursor", cursor);
  return api.get<SearchPage>(`/search?${query.toString()}`, { signal });
}

/** Where a hit opens in the app, built from its type and id (never a URL from elsewhere). */
export function hitPath(hit: Pick<SearchHit, "type" | "id">): string {
  return hit.type === "news" ? `/news/${hit.id}` : `/questions/${hit.id}`;
}

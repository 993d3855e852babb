/** Calls for reading store news: the feed, one post, read/ack marks, reactions and comments. */
import { api, newIdempotencyKey, type JsonResponse } from "../../api/client";

export type FeedPage = JsonResponse<"/api/v1/news", "get">;
export type NewsItem = JsonResponse<"/api/v1/news/{post_id}", "get">;
export type ReactionKind = NewsItem["my_reactions"][number];
export type Reactions = JsonResponse<"/api/v1/news/{post_id}/reactions/{kind}", "put">;
export type CommentPage = JsonResponse<"/api/v1/news/{post_id}/comments", "get">;
export type Comment = JsonResponse<"/api/v1/news/{post_id}/comments", "post", 201>;

/** Every kind the API accepts, in the order the reactions bar shows them. */
export const REACTION_KINDS = [
  "like",
  "heart",
  "clap",
  "laugh",
  "wow",
  "thanks",
] as const satisfies readonly ReactionKind[];

export type FeedFilter = "all" | "unread" | "must_read";

export const FEED_PAGE_SIZE = 20;

export function getFeed(filter: FeedFilter, cursor: string | null = null): Promise<FeedPage> {
  const query = new URLSearchParams({ limit: String(FEED_PAGE_SIZE) });
  if (filter === "unread") query.set("unread", "true");
  if (filter === "must_read") query.set("must_read", "true");
  if (cursor) query.set("cursor", cursor);
  return api.get<FeedPage>(`/news?${query.toString()}`);
}

export function getPost(id: number): Promise<NewsItem> {
  return api.get<NewsItem>(`/news/${id}`);
}

export function markRead(id: number): Promise<void> {
  return api.post<void>(`/news/${id}/read`);
}

export function acknowledge(id: number): Promise<void> {
  return api.post<void>(`/news/${id}/ack`);
}

export function deletePost(id: number): Promise<void> {
  return api.delete<void>(`/news/${id}`);
}

export function setReaction(id: number, kind: ReactionKind, on: boolean): Promise<Reactions> {
  return api.request<Reactions>(on ? "PUT" : "DELETE", `/news/${id}/reactions/${kind}`);
}

export function getComments(id: number, cursor: string | null = null): Promise<CommentPage> {
  const query = new URLSearchParams({ limit: "50" });
  if (cursor) query.set("cursor", cursor);
  return api.get<CommentPage>(`/news/${id}/comments?${query.toString()}`);
}

/** `key` stays the same when the same comment is sent again after a failure. */
export function addComment(id: number, body: string, key: string = newIdempotencyKey()): Promise<Comment> {
  return api.post<Comment>(`/news/${id}/comments`, { json: { body }, idempotencyKey: key });
}

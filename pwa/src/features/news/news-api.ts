/** Calls for reading store news: the feed, one post, read/ack marks, reactions and comments. */
import { api, newIdempotencyKey, type JsonResponse } from "../../api/client";
import { enqueue, type StoredOutboxItem } from "../outbox/outbox";

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

/** Queued in the outbox (sent at once when online): opening a post offline still counts. */
export function markRead(id: number): Promise<StoredOutboxItem> {
  return enqueue({ kind: "read", method: "POST", path: `/news/${id}/read`, context: { postId: id } });
}

/** Queued in the outbox: "I have read this" tapped in a stockroom without signal still counts. */
export function acknowledge(id: number): Promise<StoredOutboxItem> {
  return enqueue({ kind: "ack", method: "POST", path: `/news/${id}/ack`, context: { postId: id } });
}

export function deletePost(id: number): Promise<void> {
  return api.delete<void>(`/news/${id}`);
}

/** Queued in the outbox; a newer toggle of the same kind replaces one not yet sent. */
export function setReaction(id: number, kind: ReactionKind, on: boolean): Promise<StoredOutboxItem> {
  return enqueue({
    kind: "reaction",
    method: on ? "PUT" : "DELETE",
    path: `/news/${id}/reactions/${kind}`,
    context: { postId: id, reaction: kind },
  });
}

export function getComments(id: number, cursor: string | null = null): Promise<CommentPage> {
  const query = new URLSearchParams({ limit: "50" });
  if (cursor) query.set("cursor", cursor);
  return api.get<CommentPage>(`/news/${id}/comments?${query.toString()}`);
}

/** Queue a comment in the outbox; the server's copy arrives through onSent (useOutboxSent). */
export function enqueueComment(postId: number, body: string): Promise<StoredOutboxItem> {
  return enqueue({ kind: "comment", method: "POST", path: `/news/${postId}/comments`, body: { body }, context: { postId, body } });
}

/** `key` stays the same when the same comment is sent again after a failure. */
export function addComment(id: number, body: string, key: string = newIdempotencyKey()): Promise<Comment> {
  return api.post<Comment>(`/news/${id}/comments`, { json: { body }, idempotencyKey: key });
}

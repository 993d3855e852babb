/** The shape of an outbox item, shared by the page, the service worker and src/lib/idb.ts. */

export type OutboxKind = "comment" | "reaction" | "question" | "answer" | "ack" | "read";
export type OutboxState = "waiting" | "sending" | "failed";
export type OutboxMethod = "POST" | "PUT" | "DELETE";

export interface OutboxFieldError {
  field: string;
  message: string;
}

/** Why the server refused an item (a 4xx other than 401/408/429), kept to show and to fix. */
export interface OutboxError {
  status: number;
  detail: string;
  fieldErrors: OutboxFieldError[];
}

/** What the screens need to show a queued item without asking the server. */
export interface OutboxContext {
  postId?: number;
  questionId?: number;
  /** Reactions: which one, and whether it is being added (PUT) or taken back (DELETE). */
  reaction?: string;
  title?: string;
  body?: string;
}

export interface OutboxItem {
  /** Auto-increment key: the order the actions were taken in. Absent only before it is stored. */
  id?: number;
  kind: OutboxKind;
  method: OutboxMethod;
  /** Relative to /api/v1, e.g. "/news/12/comments". */
  path: string;
  body?: unknown;
  /** The same key on every retry: the server then returns what the first attempt made. */
  idempotencyKey: string;
  /** The user the item belongs to (the access token's `sub`): never sent as anyone else. */
  userId: number;
  createdAt: number;
  state: OutboxState;
  attempts: number;
  lastError?: OutboxError;
  context: OutboxContext;
}

export type StoredOutboxItem = OutboxItem & { id: number };

/** What a new item needs; the outbox fills in the rest. */
export type NewOutboxItem = Pick<OutboxItem, "kind" | "method" | "path" | "body" | "context" | "userId">;

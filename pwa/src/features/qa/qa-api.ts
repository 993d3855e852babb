/** Calls for questions and answers: lists, similar questions, asking, answering, votes, accepting. */
import { api, newIdempotencyKey, type JsonBody, type JsonResponse } from "../../api/client";
import { enqueue, enqueueAndSend, type Delivery, type StoredOutboxItem } from "../outbox/outbox";

export type QuestionPage = JsonResponse<"/api/v1/questions", "get">;
export type QuestionSummary = QuestionPage["items"][number];
export type Question = JsonResponse<"/api/v1/questions/{question_id}", "get">;
export type Answer = Question["answers"][number];
export type QuestionStatus = Question["status"];
export type Scope = Question["scope"];
export type SimilarQuestion = JsonResponse<"/api/v1/questions/similar", "get">["items"][number];
export type UnansweredPage = JsonResponse<"/api/v1/questions/unanswered", "get">;
export type UnansweredQuestion = UnansweredPage["items"][number];
export type QuestionCreate = JsonBody<"/api/v1/questions", "post">;
export type QuestionUpdate = JsonBody<"/api/v1/questions/{question_id}", "patch">;

export const SCOPES = ["store", "company"] as const satisfies readonly Scope[];
export const PAGE_SIZE = 20;
/** As many matches as fit under the title field on a phone without pushing the form away. */
export const SIMILAR_LIMIT = 5;

export interface QuestionFilter {
  status: QuestionStatus | null;
  category: string | null;
  mine: boolean;
}

export function listQuestions(filter: QuestionFilter, cursor: string | null = null): Promise<QuestionPage> {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (filter.status) query.set("status", filter.status);
  if (filter.category) query.set("category", filter.category);
  if (filter.mine) query.set("mine", "true");
  if (cursor) query.set("cursor", cursor);
  return api.get<QuestionPage>(`/questions?${query.toString()}`);
}

/** The configured categories; the same for everyone and rarely changed, so asked once a page load. */
let categories: Promise<string[]> | null = null;
export function getCategories(): Promise<string[]> {
  categories ??= api.get<{ items: string[] }>("/questions/categories").then(
    (answer) => answer.items,
    (error: unknown) => {
      categories = null; // try again next time
      throw error;
    },
  );
  return categories;
}

export async function findSimilar(text: string, signal: AbortSignal): Promise<SimilarQuestion[]> {
  const query = new URLSearchParams({ q: text, limit: String(SIMILAR_LIMIT) });
  const answer = await api.get<{ items: SimilarQuestion[] }>(`/questions/similar?${query.toString()}`, { signal });
  return answer.items;
}

/** `key` stays the same when the same question is sent again after a failure. */
export function askQuestion(data: QuestionCreate, key: string = newIdempotencyKey()): Promise<Question> {
  return api.post<Question>("/questions", { json: data, idempotencyKey: key });
}

/**
 * Ask through the outbox: sent at once when online (resolves with the outcome after at most a
 * few seconds), kept and shown as "waiting to send" in the list when not.
 */
export function enqueueQuestion(data: QuestionCreate): Promise<Delivery> {
  return enqueueAndSend({
    kind: "question",
    method: "POST",
    path: "/questions",
    body: data,
    context: { title: data.title, body: data.body ?? "" },
  });
}

export function getQuestion(id: number): Promise<Question> {
  return api.get<Question>(`/questions/${id}`);
}

export function updateQuestion(id: number, changes: QuestionUpdate): Promise<Question> {
  return api.patch<Question>(`/questions/${id}`, { json: changes });
}

export function deleteQuestion(id: number): Promise<void> {
  return api.delete<void>(`/questions/${id}`);
}

export function addAnswer(questionId: number, body: string, key: string = newIdempotencyKey()): Promise<Answer> {
  return api.post<Answer>(`/questions/${questionId}/answers`, { json: { body }, idempotencyKey: key });
}

/** Queue an answer in the outbox; the server's copy comes through onSent (useOutboxSent). */
export function enqueueAnswer(questionId: number, body: string): Promise<StoredOutboxItem> {
  return enqueue({
    kind: "answer",
    method: "POST",
    path: `/questions/${questionId}/answers`,
    body: { body },
    context: { questionId, body },
  });
}

export function updateAnswer(id: number, body: string): Promise<Answer> {
  return api.patch<Answer>(`/answers/${id}`, { json: { body } });
}

export function deleteAnswer(id: number): Promise<void> {
  return api.delete<void>(`/answers/${id}`);
}

/** Marks the best answer; the server answers with the whole question, re-ordered. */
export function acceptAnswer(questionId: number, answerId: number): Promise<Question> {
  return api.post<Question>(`/questions/${questionId}/accept`, { json: { answer_id: answerId } });
}

export function setVote(answerId: number, on: boolean): Promise<void> {
  return api.request<void>(on ? "PUT" : "DELETE", `/answers/${answerId}/vote`);
}

export function getUnanswered(cursor: string | null = null): Promise<UnansweredPage> {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (cursor) query.set("cursor", cursor);
  return api.get<UnansweredPage>(`/questions/unanswered?${query.toString()}`);
}

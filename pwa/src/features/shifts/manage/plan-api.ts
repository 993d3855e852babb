/** Calls only shift planners need: a store's schedule, its people, adding, removing, importing. */
import { api, newIdempotencyKey, type JsonBody, type JsonResponse } from "../../../api/client";
import type { Shift } from "../shifts-api";

export type ShiftCreate = JsonBody<"/api/v1/shifts", "post">;
export type ImportResult = JsonResponse<"/api/v1/shifts/import", "post", 201>;
export type Person = JsonResponse<"/api/v1/users", "get">["items"][number];
export type SchedulePage = JsonResponse<"/api/v1/shifts", "get">;

export const SCHEDULE_PAGE_SIZE = 100;

/** The store's shifts from now for 14 days (the server's default window), by start time. */
export function getSchedule(storeId: number, cursor: string | null = null): Promise<SchedulePage> {
  const query = new URLSearchParams({ store_id: String(storeId), limit: String(SCHEDULE_PAGE_SIZE) });
  if (cursor) query.set("cursor", cursor);
  return api.get<SchedulePage>(`/shifts?${query.toString()}`);
}

/** The store's active people, by name (a store has tens of people: a few pages at most). */
export async function getStorePeople(storeId: number): Promise<Person[]> {
  const people: Person[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 20; page += 1) {
    const query = new URLSearchParams({ store_id: String(storeId), limit: "100" });
    if (cursor) query.set("cursor", cursor);
    const answer: { items: Person[]; next_cursor: string | null } = await api.get(`/users?${query.toString()}`);
    people.push(...answer.items);
    cursor = answer.next_cursor;
    if (!cursor) break;
  }
  return people.filter((person) => person.is_active).sort((a, b) => a.name.localeCompare(b.name));
}

/** `key` is the Idempotency-Key: a retry after a lost answer does not plan the shift twice. */
export function addShift(data: ShiftCreate, key: string = newIdempotencyKey()): Promise<Shift> {
  return api.post<Shift>("/shifts", { json: data, idempotencyKey: key });
}

export function deleteShift(id: number): Promise<void> {
  return api.delete<void>(`/shifts/${id}`);
}

/** All shifts of the file, or none (422 with one error per bad line). Files are small: 30 s is plenty. */
export function importShifts(file: File): Promise<ImportResult> {
  const formData = new FormData();
  formData.set("file", file, file.name);
  return api.post<ImportResult>("/shifts/import", { formData, timeoutMs: 30_000 });
}

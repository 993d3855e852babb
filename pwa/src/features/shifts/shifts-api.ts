/** Calls for a person's own shifts. */
import { api, type JsonResponse } from "../../api/client";

export type ShiftPage = JsonResponse<"/api/v1/me/shifts", "get">;
export type Shift = ShiftPage["items"][number];

export const SHIFT_PAGE_SIZE = 50;

export function getMyShifts(cursor: string | null = null): Promise<ShiftPage> {
  const query = new URLSearchParams({ limit: String(SHIFT_PAGE_SIZE) });
  if (cursor) query.set("cursor", cursor);
  return api.get<ShiftPage>(`/me/shifts?${query.toString()}`);
}

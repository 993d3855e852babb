/** Calls only the audit log needs: its entries, and the people an admin can filter them by. */
import { api, type JsonResponse } from "../../../api/client";
import type { CursorPage } from "../../../ui/paged-list";
import { auditQuery, type AuditFilter } from "./audit-filter";

export type AuditEntry = JsonResponse<"/api/v1/audit", "get">["items"][number];
type User = JsonResponse<"/api/v1/users/{user_id}", "get">;
export type PersonChoice = Pick<User, "id" | "name" | "username">;

/** Newest first; `everyone` (admins) sends the chosen person, head office gets its own. */
export function listAudit(
  filter: AuditFilter,
  everyone: boolean,
  cursor: string | null,
): Promise<CursorPage<AuditEntry>> {
  return api.get<CursorPage<AuditEntry>>(`/audit?${auditQuery(filter, everyone, cursor).toString()}`);
}

/** People whose name or username holds `q`, those who left included: their actions stay. */
export async function findPeople(q: string, signal: AbortSignal): Promise<PersonChoice[]> {
  const query = new URLSearchParams({ limit: "20" });
  if (q.trim()) query.set("q", q.trim());
  const page = await api.get<CursorPage<User>>(`/users?${query.toString()}`, { signal });
  return page.items;
}

/** The person a filter in the address names, for the select's label. */
export function getPerson(id: number): Promise<PersonChoice> {
  return api.get<User>(`/users/${id}`);
}

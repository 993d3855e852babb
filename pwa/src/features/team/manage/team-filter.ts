/**
 * The team list's filter: what is typed and chosen, kept in the address (so coming back from a
 * person shows the same list), and the `GET /api/v1/users` query it makes.
 */
import type { Me } from "../../../lib/session";

export type Role = Me["role"];
export type Status = "active" | "inactive" | "all";

export interface TeamFilter {
  q: string;
  role: Role | null;
  status: Status;
  /** Head office only: a region, a store, or neither (everyone). */
  regionId: number | null;
  storeId: number | null;
}

const ROLES: readonly string[] = ["staff", "store_manager", "hq", "admin"];
const STATUSES: readonly string[] = ["active", "inactive", "all"];
export const TEAM_PAGE_SIZE = 50;

function positive(value: string | null): number | null {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : null;
}

export function filterFromQuery(query: URLSearchParams): TeamFilter {
  const role = query.get("role");
  const status = query.get("status");
  return {
    q: (query.get("q") ?? "").slice(0, 100),
    role: role && ROLES.includes(role) ? (role as Role) : null,
    // Active people by default: the deactivated are looked up on purpose.
    status: status && STATUSES.includes(status) ? (status as Status) : "active",
    regionId: positive(query.get("region")),
    storeId: positive(query.get("store")),
  };
}

export function filterToQuery(filter: TeamFilter): URLSearchParams {
  const query = new URLSearchParams();
  if (filter.q.trim()) query.set("q", filter.q.trim());
  if (filter.role) query.set("role", filter.role);
  if (filter.status !== "active") query.set("status", filter.status);
  if (filter.regionId) query.set("region", String(filter.regionId));
  if (filter.storeId) query.set("store", String(filter.storeId));
  return query;
}

/**
 * The list request. `ownStoreId` is a manager's store (the server limits them to it anyway);
 * head office sends the chosen store or region, or neither for the whole chain.
 */
export function usersQuery(
  filter: TeamFilter,
  ownStoreId: number | null,
  cursor: string | null,
  limit: number = TEAM_PAGE_SIZE,
): URLSearchParams {
  const query = new URLSearchParams({ limit: String(limit) });
  const storeId = ownStoreId ?? filter.storeId;
  if (storeId) query.set("store_id", String(storeId));
  else if (filter.regionId) query.set("region_id", String(filter.regionId));
  if (filter.q.trim()) query.set("q", filter.q.trim());
  if (filter.role) query.set("role", filter.role);
  if (filter.status !== "all") query.set("active", filter.status === "active" ? "true" : "false");
  if (cursor) query.set("cursor", cursor);
  return query;
}

/** Whether anything narrows the list (the empty text then says "nobody matches"). */
export function isFiltered(filter: TeamFilter): boolean {
  return filter.q.trim() !== "" || filter.role !== null || filter.status !== "active";
}

/** The list's address as last shown, so "back to the team" on a person returns to the same list. */
let lastListSearch = "";

export function rememberListSearch(search: string): void {
  lastListSearch = search;
}

export function teamListHref(): string {
  return `/team${lastListSearch}`;
}

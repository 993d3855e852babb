/**
 * The audit log's filter: what is chosen, kept in the address (`?action=&actor=`), and the
 * `GET /api/v1/audit` query it makes.
 */

/** Every action the server writes (README "Running the team"), in the order the select offers. */
export const AUDIT_ACTIONS = [
  "user.deactivate",
  "user.reactivate",
  "user.change",
  "user.sign_in_code",
  "user.password_reset",
  "store.change",
  "invite.create",
  "invite.revoke",
  "invites.import",
  "users.import",
  "news.urgent",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const AUDIT_PAGE_SIZE = 30;

export interface AuditFilter {
  action: AuditAction | null;
  /** Admins only: one person's doing. */
  actorId: number | null;
}

export function isAuditAction(value: string | null): value is AuditAction {
  return value !== null && (AUDIT_ACTIONS as readonly string[]).includes(value);
}

function positive(value: string | null): number | null {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : null;
}

export function filterFromQuery(query: URLSearchParams): AuditFilter {
  const action = query.get("action");
  return { action: isAuditAction(action) ? action : null, actorId: positive(query.get("actor")) };
}

export function filterToQuery(filter: AuditFilter): URLSearchParams {
  const query = new URLSearchParams();
  if (filter.action) query.set("action", filter.action);
  if (filter.actorId) query.set("actor", String(filter.actorId));
  return query;
}

/**
 * The list request. Head office reads only its own entries (the server sees to that): a person
 * is sent only for admins (`everyone`), since asking for someone else is a 403 for head office.
 */
export function auditQuery(
  filter: AuditFilter,
  everyone: boolean,
  cursor: string | null,
  limit: number = AUDIT_PAGE_SIZE,
): URLSearchParams {
  const query = new URLSearchParams({ limit: String(limit) });
  if (filter.action) query.set("action", filter.action);
  if (everyone && filter.actorId) query.set("actor_id", String(filter.actorId));
  if (cursor) query.set("cursor", cursor);
  return query;
}

export function isFiltered(filter: AuditFilter, everyone: boolean): boolean {
  return filter.action !== null || (everyone && filter.actorId !== null);
}

/**
 * Who may do what on the team screens (mirrors api/policy.py: users_store_filter,
 * ensure_can_deactivate, ensure_can_edit_user). The server has the last word; these only decide
 * what the screens offer, so nobody is shown a button the server would refuse.
 */
import type { Me } from "../../lib/session";

type Role = Me["role"];
type Actor = Pick<Me, "id" | "role" | "store_id">;
/** The person on the screen: enough of a `GET /users` item to decide. */
export type Target = { id: number; role: Role; store_id: number | null };

const TEAM_ROLES: readonly Role[] = ["store_manager", "hq", "admin"];
const STORE_ROLES: readonly Role[] = ["staff", "store_manager"];

/** The team screens: store managers (their store), head office and admins (every store). */
export function canSeeTeam(me: Pick<Me, "role"> | null): boolean {
  return me !== null && TEAM_ROLES.includes(me.role);
}

/** Head office and admins pick a region and store; a manager sees their own store. */
export function choosesTeamStore(me: Pick<Me, "role"> | null): boolean {
  return me !== null && (me.role === "hq" || me.role === "admin");
}

/**
 * Deactivate, reactivate and make a sign-in code: never yourself; a manager only the staff and
 * managers of their own store; head office anyone but an admin; an admin anyone.
 */
export function canManageAccount(me: Actor | null, target: Target): boolean {
  if (me === null || me.id === target.id) return false;
  if (me.role === "admin") return true;
  if (me.role === "hq") return target.role !== "admin";
  if (me.role === "store_manager") return STORE_ROLES.includes(target.role) && target.store_id === me.store_id;
  return false;
}

/** Role, home store and expertise: head office and admins; head office never for an admin. */
export function canEditPerson(me: Actor | null, target: Target): boolean {
  if (me === null) return false;
  if (me.role === "admin") return true;
  return me.role === "hq" && target.role !== "admin";
}

/** The roles this person may give `target`; empty when the role is not theirs to change (their own). */
export function assignableRoles(me: Actor | null, target: Target): Role[] {
  if (me === null || me.id === target.id || !canEditPerson(me, target)) return [];
  return me.role === "admin" ? ["staff", "store_manager", "hq", "admin"] : ["staff", "store_manager", "hq"];
}

/** Staff and store managers belong to a store; head office and admins to none. */
export function roleHasStore(role: Role): boolean {
  return STORE_ROLES.includes(role);
}

/** The roles to filter the list by: a manager's store has staff and managers only. */
export function filterableRoles(me: Pick<Me, "role"> | null): Role[] {
  return choosesTeamStore(me) ? ["staff", "store_manager", "hq", "admin"] : ["staff", "store_manager"];
}

/**
 * Who invites whom (mirrors api/policy.py can_invite): store managers invite staff and fellow
 * managers to their own store; head office anyone but admins, to any store; admins anyone.
 * Bulk onboarding (CSV imports) is for head office and admins only.
 */
import type { Me } from "../../lib/session";

export type Role = Me["role"];

const INVITERS: readonly Role[] = ["store_manager", "hq", "admin"];
const IMPORTERS: readonly Role[] = ["hq", "admin"];
/** Roles that belong to a store (the others, hq and admin, have none). */
export const STORE_ROLES: readonly Role[] = ["staff", "store_manager"];

export function canManageInvites(me: Pick<Me, "role"> | null): boolean {
  return me !== null && INVITERS.includes(me.role);
}

export function canImportPeople(me: Pick<Me, "role"> | null): boolean {
  return me !== null && IMPORTERS.includes(me.role);
}

/** The roles this person may hand out, in the order the form offers them. */
export function invitableRoles(me: Pick<Me, "role"> | null): Role[] {
  switch (me?.role) {
    case "admin":
      return ["staff", "store_manager", "hq", "admin"];
    case "hq":
      return ["staff", "store_manager", "hq"];
    case "store_manager":
      return ["staff", "store_manager"];
    default:
      return [];
  }
}

/** Head office and admins pick the store; a manager's invites are always for their own. */
export function choosesInviteStore(me: Pick<Me, "role"> | null): boolean {
  return canImportPeople(me);
}

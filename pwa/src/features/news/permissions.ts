/**
 * What the news screens offer to whom. The server decides (these mirror api/policy.py); the app
 * only leaves out buttons that would end in a 403.
 */
import type { Me } from "../../lib/session";

type Role = Me["role"];
type Person = Pick<Me, "id" | "role">;

const PUBLISHERS: readonly Role[] = ["store_manager", "hq", "admin"];
const CHAIN_WIDE: readonly Role[] = ["hq", "admin"];

/** HQ and admins publish to anyone, a store manager to their own store. */
export function canPublish(me: Pick<Me, "role"> | null): boolean {
  return me !== null && PUBLISHERS.includes(me.role);
}

/** HQ and admins choose stores and regions; a store manager's audience is their store. */
export function choosesAudience(me: Pick<Me, "role"> | null): boolean {
  return me !== null && CHAIN_WIDE.includes(me.role);
}

/** Edit and delete: the author, HQ and admins. */
export function canManagePost(me: Person | null, authorId: number): boolean {
  return me !== null && (CHAIN_WIDE.includes(me.role) || me.id === authorId);
}

/** Read rates: managers (their own store's row), HQ, admins, and the author. */
export function canSeeStats(me: Person | null, authorId: number): boolean {
  return me !== null && (PUBLISHERS.includes(me.role) || me.id === authorId);
}

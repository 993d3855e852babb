/**
 * Who reads the audit log (mirrors api/policy.py audit_actor_filter): admins everyone's
 * entries, head office only their own. The server enforces it whatever the screen asks.
 */
import type { Me } from "../../lib/session";

type Role = Me["role"];

const READERS: readonly Role[] = ["hq", "admin"];

export function canReadAudit(me: Pick<Me, "role"> | null): boolean {
  return me !== null && READERS.includes(me.role);
}

/** Admins read everyone's entries and may filter them by person; head office sees its own. */
export function readsEveryonesAudit(me: Pick<Me, "role"> | null): boolean {
  return me?.role === "admin";
}

/**
 * Who runs the chain's regions and stores (mirrors api/policy.py ensure_can_manage_org): head
 * office and admins. The server has the last word; this only decides what the screens offer.
 */
import type { Me } from "../../lib/session";

type Role = Me["role"];

const ORG_ROLES: readonly Role[] = ["hq", "admin"];

/** Create and rename regions; create stores and change their name, region and time zone. */
export function canManageOrg(me: Pick<Me, "role"> | null): boolean {
  return me !== null && ORG_ROLES.includes(me.role);
}

/** Who plans shifts (mirrors api/policy.py): store managers for their store, HQ and admins. */
import type { Me } from "../../lib/session";

const PLANNERS: readonly Me["role"][] = ["store_manager", "hq", "admin"];

export function canPlanShifts(me: Pick<Me, "role"> | null): boolean {
  return me !== null && PLANNERS.includes(me.role);
}

/** HQ and admins plan for any store and choose one; a manager plans for their own. */
export function choosesStore(me: Pick<Me, "role"> | null): boolean {
  return me !== null && (me.role === "hq" || me.role === "admin");
}

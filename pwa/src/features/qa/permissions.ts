/**
 * What the Q&A screens offer to whom. The server decides (these mirror api/policy.py) and says
 * per question and answer what the reader may do (`can_edit`, `can_accept`); the app only
 * leaves out entry points that would end in a 403.
 */
import type { Me } from "../../lib/session";

type Role = Me["role"];

const ANSWERING_ROLES: readonly Role[] = ["store_manager", "hq", "admin"];

/** The unanswered queue: managers, HQ, admins, and anyone who is an expert in a category. */
export function canSeeUnanswered(me: Pick<Me, "role" | "expert_categories"> | null): boolean {
  return me !== null && (ANSWERING_ROLES.includes(me.role) || me.expert_categories.length > 0);
}

/** "My store" needs a store: head office and admins ask the whole company. */
export function canAskStore(me: Pick<Me, "store_id"> | null): boolean {
  return me === null || me.store_id !== null;
}

/** Nobody votes for their own answer. */
export function canVote(me: Pick<Me, "id"> | null, answerAuthorId: number): boolean {
  return me !== null && me.id !== answerAuthorId;
}

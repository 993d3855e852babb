import { describe, expect, it } from "vitest";
import { canAskStore, canSeeUnanswered, canVote } from "./permissions";

const person = (role: "staff" | "store_manager" | "hq" | "admin", expert_categories: string[] = []) => ({
  role,
  expert_categories,
});

describe("Q&A permissions", () => {
  it("offers the unanswered queue to managers, HQ, admins and experts, not to other staff", () => {
    expect(["staff", "store_manager", "hq", "admin"].map((r) => canSeeUnanswered(person(r as "staff")))).toEqual([
      false,
      true,
      true,
      true,
    ]);
    expect(canSeeUnanswered(person("staff", ["it"]))).toBe(true);
    expect(canSeeUnanswered(null)).toBe(false);
  });

  it("lets only people with a store ask their store", () => {
    expect(canAskStore({ store_id: 7 })).toBe(true);
    expect(canAskStore({ store_id: null })).toBe(false);
    expect(canAskStore(null)).toBe(true); // not known yet: the server decides
  });

  it("never offers a vote on your own answer", () => {
    expect(canVote({ id: 1 }, 2)).toBe(true);
    expect(canVote({ id: 1 }, 1)).toBe(false);
    expect(canVote(null, 1)).toBe(false);
  });
});

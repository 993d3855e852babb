import { describe, expect, it } from "vitest";
import { canPlanShifts, choosesStore } from "./permissions";

describe("shift planning permissions", () => {
  it.each([
    ["staff", false, false],
    ["store_manager", true, false],
    ["hq", true, true],
    ["admin", true, true],
  ] as const)("%s: plans %s, chooses a store %s", (role, plans, chooses) => {
    expect(canPlanShifts({ role })).toBe(plans);
    expect(choosesStore({ role })).toBe(chooses);
  });

  it("offers nothing before /me is known", () => {
    expect(canPlanShifts(null)).toBe(false);
  });
});

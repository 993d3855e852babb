import { describe, expect, it } from "vitest";
import { canManageOrg } from "./permissions";

describe("org permissions (as api/policy.py)", () => {
  it("lets head office and admins run regions and stores, nobody else", () => {
    expect(canManageOrg(null)).toBe(false);
    expect(canManageOrg({ role: "staff" })).toBe(false);
    expect(canManageOrg({ role: "store_manager" })).toBe(false);
    expect(canManageOrg({ role: "hq" })).toBe(true);
    expect(canManageOrg({ role: "admin" })).toBe(true);
  });
});

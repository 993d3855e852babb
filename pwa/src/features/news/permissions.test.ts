import { describe, expect, it } from "vitest";
import { canManagePost, canPublish, canSeeStats, choosesAudience } from "./permissions";

const staff = { id: 1, role: "staff" as const };
const manager = { id: 2, role: "store_manager" as const };
const hq = { id: 3, role: "hq" as const };
const admin = { id: 4, role: "admin" as const };

describe("news permissions", () => {
  it("lets managers, HQ and admins publish, and nobody when unknown", () => {
    expect([staff, manager, hq, admin].map(canPublish)).toEqual([false, true, true, true]);
    expect(canPublish(null)).toBe(false);
  });

  it("lets only HQ and admins choose the audience", () => {
    expect([staff, manager, hq, admin].map(choosesAudience)).toEqual([false, false, true, true]);
  });

  it("lets the author, HQ and admins edit a post", () => {
    expect(canManagePost(manager, manager.id)).toBe(true);
    expect(canManagePost(manager, 99)).toBe(false);
    expect(canManagePost(hq, 99)).toBe(true);
    expect(canManagePost(staff, 99)).toBe(false);
    expect(canManagePost(null, 1)).toBe(false);
  });

  it("shows read rates to managers, HQ, admins and the author", () => {
    expect([staff, manager, hq, admin].map((p) => canSeeStats(p, 99))).toEqual([false, true, true, true]);
    expect(canSeeStats(staff, staff.id)).toBe(true);
  });
});

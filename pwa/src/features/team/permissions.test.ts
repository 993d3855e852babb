import { describe, expect, it } from "vitest";
import {
  assignableRoles,
  canEditPerson,
  canManageAccount,
  canSeeTeam,
  choosesTeamStore,
  filterableRoles,
  roleHasStore,
  type Target,
} from "./permissions";

const STORE = 7;
const staff = { id: 1, role: "staff", store_id: STORE } as const;
const manager = { id: 2, role: "store_manager", store_id: STORE } as const;
const hq = { id: 4, role: "hq", store_id: null } as const;
const admin = { id: 5, role: "admin", store_id: null } as const;
const otherStaff = { id: 6, role: "staff", store_id: 8 } as const;
const colleague = { id: 9, role: "store_manager", store_id: STORE } as const;
const otherHq = { id: 10, role: "hq", store_id: null } as const;
const otherAdmin = { id: 11, role: "admin", store_id: null } as const;

describe("team permissions (as api/policy.py)", () => {
  it("offers the team screens to managers, head office and admins only", () => {
    expect(canSeeTeam(null)).toBe(false);
    expect(canSeeTeam(staff)).toBe(false);
    expect([manager, hq, admin].map(canSeeTeam)).toEqual([true, true, true]);
    expect([manager, hq, admin].map(choosesTeamStore)).toEqual([false, true, true]);
  });

  it.each<[string, typeof manager | typeof hq | typeof admin | typeof staff, Target, boolean]>([
    ["manager: own store's staff", manager, staff, true],
    ["manager: own store's other manager", manager, colleague, true],
    ["manager: another store's staff", manager, otherStaff, false],
    ["manager: head office", manager, hq, false],
    ["manager: themselves", manager, manager, false],
    ["hq: any store's staff", hq, otherStaff, true],
    ["hq: other head office", hq, otherHq, true],
    ["hq: an admin", hq, admin, false],
    ["hq: themselves", hq, hq, false],
    ["admin: another admin", admin, otherAdmin, true],
    ["admin: themselves", admin, admin, false],
    ["staff: a colleague", staff, { ...staff, id: 99 }, false],
  ])("deactivate, reactivate, sign-in code: %s -> %s", (_case, me, target, allowed) => {
    expect(canManageAccount(me, target)).toBe(allowed);
  });

  it("lets head office and admins change people, but never head office an admin", () => {
    expect(canEditPerson(manager, staff)).toBe(false);
    expect(canEditPerson(hq, staff)).toBe(true);
    expect(canEditPerson(hq, admin)).toBe(false);
    expect(canEditPerson(admin, otherAdmin)).toBe(true);
    expect(canEditPerson(null, staff)).toBe(false);
  });

  it("never offers your own role, nor admin to head office", () => {
    expect(assignableRoles(hq, staff)).toEqual(["staff", "store_manager", "hq"]);
    expect(assignableRoles(admin, staff)).toEqual(["staff", "store_manager", "hq", "admin"]);
    expect(assignableRoles(hq, hq)).toEqual([]);
    expect(assignableRoles(admin, admin)).toEqual([]);
    expect(assignableRoles(hq, admin)).toEqual([]);
    expect(assignableRoles(manager, staff)).toEqual([]);
  });

  it("knows which roles have a home store and which roles a list can be filtered by", () => {
    expect(roleHasStore("staff")).toBe(true);
    expect(roleHasStore("store_manager")).toBe(true);
    expect(roleHasStore("hq")).toBe(false);
    expect(roleHasStore("admin")).toBe(false);
    expect(filterableRoles(manager)).toEqual(["staff", "store_manager"]);
    expect(filterableRoles(hq)).toEqual(["staff", "store_manager", "hq", "admin"]);
  });
});

import { describe, expect, it } from "vitest";
import { canImportPeople, canManageInvites, choosesInviteStore, invitableRoles } from "./permissions";

describe("invite permissions", () => {
  it.each([
    ["staff", false, false, []],
    ["store_manager", true, false, ["staff", "store_manager"]],
    ["hq", true, true, ["staff", "store_manager", "hq"]],
    ["admin", true, true, ["staff", "store_manager", "hq", "admin"]],
  ] as const)("%s: invites %s, imports %s, roles %j", (role, invites, imports, roles) => {
    const me = { role };
    expect(canManageInvites(me)).toBe(invites);
    expect(canImportPeople(me)).toBe(imports);
    expect(choosesInviteStore(me)).toBe(imports);
    expect(invitableRoles(me)).toEqual(roles);
  });

  it("offers nothing before /me is known", () => {
    expect(canManageInvites(null)).toBe(false);
    expect(canImportPeople(null)).toBe(false);
    expect(invitableRoles(null)).toEqual([]);
  });
});

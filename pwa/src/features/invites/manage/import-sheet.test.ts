import { describe, expect, it } from "vitest";
import type { ImportedAccount, Invite } from "./invites-api";
import { accountEntries, inviteEntries, sheetSections } from "./import-sheet";

const invite = (id: number, storeId: number | null): Invite => ({
  id,
  code: `CODE${id}`,
  url: `https://w.example/join/CODE${id}`,
  qr_svg: "<svg/>",
  store_id: storeId,
  role: storeId === null ? "hq" : "staff",
  max_uses: 3,
  use_count: 0,
  uses_left: 3,
  expires_at: "2026-06-08T12:00:00Z",
  created_at: "2026-06-01T12:00:00Z",
  is_revoked: false,
});

describe("sheetSections", () => {
  it("makes one section per store, in the order given, head office last", () => {
    const entries = inviteEntries(
      [invite(10, 1), invite(11, null), invite(12, 2), invite(13, 1)],
      (i) => `${i.max_uses}x`,
      (i) => i.role,
    );
    const sections = sheetSections(entries);
    expect(sections.map((s) => s.storeId)).toEqual([1, 2, null]);
    expect(sections[0]?.entries.map((e) => e.key)).toEqual(["invite-10", "invite-13"]);
    expect(sections[1]?.entries[0]).toEqual({
      key: "invite-12",
      storeId: 2,
      title: "staff",
      detail: "3x",
      code: "CODE12",
      url: "https://w.example/join/CODE12",
      qrSvg: "<svg/>",
      expiresAt: "2026-06-08T12:00:00Z",
    });
  });

  it("lists accounts with their sign-in codes", () => {
    const account = (id: number, storeId: number): ImportedAccount => ({
      // Only the fields the sheet reads (the user schema grows with the team screens).
      user: { id, username: `u${id}`, name: `Naam ${id}`, role: "staff", store_id: storeId } as ImportedAccount["user"],
      sign_in_code: {
        code: `S${id}`,
        expires_at: "2026-06-02T12:00:00Z",
        url: `https://w.example/reset/S${id}`,
        qr_svg: "<svg/>",
      },
    });
    const sections = sheetSections(
      accountEntries([account(1, 3), account(2, 2)], (a) => a.user.username),
    );
    expect(sections.map((s) => [s.storeId, s.entries.map((e) => [e.title, e.detail, e.code])])).toEqual([
      [3, [["Naam 1", "u1", "S1"]]],
      [2, [["Naam 2", "u2", "S2"]]],
    ]);
  });
});

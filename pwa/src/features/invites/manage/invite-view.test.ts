import { describe, expect, it } from "vitest";
import {
  dateInputValue,
  expiryInDays,
  expiryOnDate,
  groupCode,
  isOpen,
  usesLeft,
} from "./invite-view";

describe("usesLeft", () => {
  it("takes the server's figure when it sends one", () => {
    expect(usesLeft({ max_uses: 5, use_count: 1, uses_left: 2 })).toBe(2);
  });

  it("computes it from max_uses and use_count otherwise, never below zero", () => {
    expect(usesLeft({ max_uses: 5, use_count: 1 })).toBe(4);
    expect(usesLeft({ max_uses: 1, use_count: 3 })).toBe(0);
  });
});

describe("isOpen", () => {
  const now = Date.parse("2026-06-01T12:00:00Z");
  const invite = { max_uses: 2, use_count: 0, is_revoked: false, expires_at: "2026-06-08T12:00:00Z" };

  it("is open until revoked, expired or used up", () => {
    expect(isOpen(invite, now)).toBe(true);
    expect(isOpen({ ...invite, is_revoked: true }, now)).toBe(false);
    expect(isOpen({ ...invite, expires_at: "2026-06-01T11:59:00Z" }, now)).toBe(false);
    expect(isOpen({ ...invite, use_count: 2 }, now)).toBe(false);
  });
});

describe("groupCode", () => {
  it("shows ten characters as two groups of five", () => {
    expect(groupCode("7kq2mx9d4p")).toBe("7KQ2M-X9D4P");
    expect(groupCode("7KQ2M-X9D4P")).toBe("7KQ2M-X9D4P");
    expect(groupCode(" 7kq2m x9d4p ")).toBe("7KQ2M-X9D4P");
  });

  it("groups codes of other lengths by five too", () => {
    expect(groupCode("ABCDEFGH")).toBe("ABCDE-FGH");
    expect(groupCode("ABCDEFGHIJKLMNO")).toBe("ABCDE-FGHIJ-KLMNO");
    expect(groupCode("")).toBe("");
  });
});

describe("expiry", () => {
  const now = new Date(2026, 5, 1, 12, 0).getTime(); // 1 June 2026, 12:00 on this machine

  it("counts presets in days from now", () => {
    expect(Date.parse(expiryInDays(7, now)) - now).toBe(7 * 24 * 60 * 60 * 1000);
    expect(dateInputValue(7, now)).toBe("2026-06-08");
  });

  it("takes a chosen date as the end of that day", () => {
    const result = expiryOnDate("2026-06-08", now);
    expect(result).toEqual({ iso: new Date(2026, 5, 8, 23, 59).toISOString() });
    const today = new Date(2026, 5, 1, 23, 59).toISOString();
    expect(expiryOnDate("2026-06-01", now)).toEqual({ iso: today });
  });

  it("refuses a day gone by, more than a year ahead, or no date at all", () => {
    expect(expiryOnDate("2026-05-31", now)).toEqual({ error: "past" });
    expect(expiryOnDate("2027-06-05", now)).toEqual({ error: "tooFar" });
    expect(expiryOnDate("", now)).toEqual({ error: "invalid" });
    expect(expiryOnDate("2026-02-30", now)).toEqual({ error: "invalid" });
  });
});

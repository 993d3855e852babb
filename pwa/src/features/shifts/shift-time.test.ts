import { describe, expect, it } from "vitest";
import {
  dateKey,
  formatShiftDay,
  formatShiftTimes,
  isOnShift,
  knownTimeZone,
  splitShifts,
} from "./shift-time";

// Intl puts narrow no-break spaces in some English times; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, " ");

describe("shift times", () => {
  const start = "2026-12-01T08:00:00Z"; // 09:00 in Amsterdam
  const end = "2026-12-01T16:30:00Z"; // 17:30 in Amsterdam

  it("shows the store's wall clock in the UI language", () => {
    expect(formatShiftDay(start, "nl", "Europe/Amsterdam")).toBe("di 1 dec");
    expect(formatShiftTimes(start, end, "nl", "Europe/Amsterdam")).toBe("09:00 – 17:30");
    expect(plain(formatShiftDay(start, "en", "Europe/Amsterdam"))).toBe("Tue, Dec 1");
    expect(plain(formatShiftTimes(start, end, "en", "Europe/Amsterdam"))).toBe("09:00 AM – 05:30 PM");
  });

  it("shows the same moment in another store's zone", () => {
    expect(formatShiftTimes(start, end, "nl", "America/New_York")).toBe("03:00 – 11:30");
  });

  it("names the day a night shift ends", () => {
    expect(formatShiftTimes("2026-12-01T21:00:00Z", "2026-12-02T05:00:00Z", "nl", "Europe/Amsterdam")).toBe(
      "22:00 – wo 2 dec 06:00",
    );
  });

  it("finds the calendar day in the zone", () => {
    expect(dateKey(new Date("2026-12-01T23:30:00Z"), "Europe/Amsterdam")).toBe("2026-12-02");
    expect(dateKey(new Date("2026-12-01T23:30:00Z"), "UTC")).toBe("2026-12-01");
  });

  it("accepts only zones the browser knows", () => {
    expect(knownTimeZone("Europe/Amsterdam")).toBe("Europe/Amsterdam");
    expect(knownTimeZone("Mars/Olympus_Mons")).toBeUndefined();
    expect(knownTimeZone(null)).toBeUndefined();
  });

  it("knows when someone is on shift", () => {
    const at = (iso: string) => Date.parse(iso);
    expect(isOnShift(start, end, at("2026-12-01T08:00:00Z"))).toBe(true);
    expect(isOnShift(start, end, at("2026-12-01T16:30:00Z"))).toBe(false);
    expect(isOnShift(start, end, at("2026-12-01T07:59:00Z"))).toBe(false);
  });

  it("splits upcoming shifts (soonest first) from past ones (latest first)", () => {
    const shift = (id: number, s: string, e: string) => ({ id, starts_at: s, ends_at: e });
    const now = Date.parse("2026-12-03T12:00:00Z");
    const { upcoming, past } = splitShifts(
      [
        shift(1, "2026-12-01T08:00:00Z", "2026-12-01T16:00:00Z"),
        shift(4, "2026-12-05T08:00:00Z", "2026-12-05T16:00:00Z"),
        shift(3, "2026-12-03T08:00:00Z", "2026-12-03T16:00:00Z"), // under way
        shift(2, "2026-12-02T08:00:00Z", "2026-12-02T16:00:00Z"),
      ],
      now,
    );
    expect(upcoming.map((s) => s.id)).toEqual([3, 4]);
    expect(past.map((s) => s.id)).toEqual([2, 1]);
  });
});

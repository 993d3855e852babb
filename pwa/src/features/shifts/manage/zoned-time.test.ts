import { describe, expect, it } from "vitest";
import { wallTimeToIso, zoneOffsetMinutes } from "./zoned-time";

describe("wallTimeToIso", () => {
  it("writes store time with the store's offset, whatever zone the phone is in", () => {
    expect(wallTimeToIso("2026-12-01T09:00", "Europe/Amsterdam")).toEqual({ iso: "2026-12-01T09:00:00+01:00" });
    expect(wallTimeToIso("2026-07-01T09:00", "Europe/Amsterdam")).toEqual({ iso: "2026-07-01T09:00:00+02:00" });
    expect(wallTimeToIso("2026-07-01T09:00", "America/New_York")).toEqual({ iso: "2026-07-01T09:00:00-04:00" });
    expect(wallTimeToIso("2026-07-01T09:00", "Asia/Kolkata")).toEqual({ iso: "2026-07-01T09:00:00+05:30" });
    expect(wallTimeToIso("2026-07-01T23:30", "UTC")).toEqual({ iso: "2026-07-01T23:30:00+00:00" });
  });

  it("refuses a time the clocks skip, like the server does for CSV files", () => {
    expect(wallTimeToIso("2026-03-29T02:30", "Europe/Amsterdam")).toEqual({ error: "skipped" });
    expect(wallTimeToIso("2026-03-29T03:00", "Europe/Amsterdam")).toEqual({ iso: "2026-03-29T03:00:00+02:00" });
  });

  it("takes the first of a time the clocks show twice", () => {
    expect(wallTimeToIso("2026-10-25T02:30", "Europe/Amsterdam")).toEqual({ iso: "2026-10-25T02:30:00+02:00" });
    expect(wallTimeToIso("2026-10-25T03:30", "Europe/Amsterdam")).toEqual({ iso: "2026-10-25T03:30:00+01:00" });
  });

  it("refuses what is not a date and time", () => {
    expect(wallTimeToIso("", "Europe/Amsterdam")).toEqual({ error: "invalid" });
    expect(wallTimeToIso("2026-02-30T09:00", "Europe/Amsterdam")).toEqual({ error: "invalid" });
    expect(wallTimeToIso("2026-12-01 09:00", "Europe/Amsterdam")).toEqual({ error: "invalid" });
  });

  it("uses the phone's zone when the store's is unknown", () => {
    const result = wallTimeToIso("2026-12-01T09:00", undefined);
    expect(result).toMatchObject({ iso: expect.stringMatching(/^2026-12-01T09:00:00[+-]\d{2}:\d{2}$/) });
    if ("iso" in result) expect(new Date(result.iso).getHours()).toBe(9);
  });
});

describe("zoneOffsetMinutes", () => {
  it("knows summer and winter time", () => {
    expect(zoneOffsetMinutes(Date.UTC(2026, 0, 15, 12), "Europe/Amsterdam")).toBe(60);
    expect(zoneOffsetMinutes(Date.UTC(2026, 6, 15, 12), "Europe/Amsterdam")).toBe(120);
    expect(zoneOffsetMinutes(Date.UTC(2026, 6, 15, 12, 0, 0, 500), "Asia/Kolkata")).toBe(330);
  });
});

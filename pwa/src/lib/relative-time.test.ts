import { describe, expect, it } from "vitest";
import { relativeTime } from "./relative-time";

const now = Date.parse("2026-03-10T12:00:00Z");
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

describe("relativeTime", () => {
  it("says now for the last minute and for small clock drift", () => {
    expect(relativeTime(ago(20), "nl", now)).toBe("nu");
    expect(relativeTime(ago(-20), "en", now)).toBe("now");
  });

  it("counts whole minutes, hours and days back", () => {
    expect(relativeTime(ago(5 * 60 + 40), "nl", now)).toBe("5 minuten geleden");
    expect(relativeTime(ago(3 * 3600), "en", now)).toBe("3 hours ago");
    expect(relativeTime(ago(26 * 3600), "en", now)).toBe("yesterday");
  });

  it("gives a date from a week back, and the input when it is not a date", () => {
    expect(relativeTime(ago(8 * 24 * 3600), "en", now)).toMatch(/Mar 2, 2026/);
    expect(relativeTime("gisteren", "nl", now)).toBe("gisteren");
  });
});

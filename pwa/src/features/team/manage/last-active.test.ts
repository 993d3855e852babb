import { describe, expect, it } from "vitest";
import { lastActiveText, parseDay } from "./last-active";

const AMS = "Europe/Amsterdam";
// Wednesday 14 January 2026, 10:00 in Amsterdam.
const NOW = Date.parse("2026-01-14T09:00:00Z");

describe("lastActiveText", () => {
  it.each([
    ["2026-01-14", "vandaag", "today"],
    ["2026-01-13", "gisteren", "yesterday"],
    ["2026-01-12", "eergisteren", "2 days ago"],
    ["2026-01-11", "3 dagen geleden", "3 days ago"],
    ["2026-01-08", "6 dagen geleden", "6 days ago"],
  ])("%s reads as %s / %s", (day, nl, en) => {
    expect(lastActiveText(day, "nl", NOW, AMS)).toBe(nl);
    expect(lastActiveText(day, "en", NOW, AMS)).toBe(en);
  });

  it("shows the date from a week back", () => {
    expect(lastActiveText("2026-01-07", "nl", NOW, AMS)).toBe("7 jan 2026");
    expect(lastActiveText("2026-01-07", "en", NOW, AMS)).toBe("Jan 7, 2026");
    expect(lastActiveText("2025-03-30", "en", NOW, AMS)).toBe("Mar 30, 2025");
  });

  it("says never for someone who never signed in", () => {
    expect(lastActiveText(null, "nl", NOW, AMS)).toBe("nooit");
    expect(lastActiveText(undefined, "en", NOW, AMS)).toBe("never");
  });

  it("counts calendar days in the store's zone, not 24-hour periods", () => {
    // 00:30 in Amsterdam on the 14th is still the 13th in UTC.
    const justAfterMidnight = Date.parse("2026-01-13T23:30:00Z");
    expect(lastActiveText("2026-01-13", "en", justAfterMidnight, AMS)).toBe("yesterday");
    expect(lastActiveText("2026-01-13", "en", justAfterMidnight, "UTC")).toBe("today");
    // Across the spring clock change (a 23-hour day) yesterday is still yesterday.
    const afterChange = Date.parse("2026-03-30T06:00:00Z");
    expect(lastActiveText("2026-03-29", "en", afterChange, AMS)).toBe("yesterday");
  });

  it("counts the server's days (UTC) by default", () => {
    const justAfterMidnight = Date.parse("2026-01-13T23:30:00Z");
    expect(lastActiveText("2026-01-13", "en", justAfterMidnight)).toBe("today");
    expect(lastActiveText("2026-01-12", "en", Date.parse("2026-01-13T00:30:00Z"))).toBe("yesterday");
  });

  it("treats a day ahead of the phone's clock as today, and shows anything else as it came", () => {
    expect(lastActiveText("2026-01-15", "en", NOW, AMS)).toBe("today");
    expect(lastActiveText("yesterday-ish", "en", NOW, AMS)).toBe("yesterday-ish");
    expect(lastActiveText("2026-02-30", "en", NOW, AMS)).toBe("2026-02-30");
  });
});

describe("parseDay", () => {
  it("reads ISO dates only", () => {
    expect(parseDay("2026-01-14")).toBe(Date.UTC(2026, 0, 14));
    expect(parseDay("2026-1-14")).toBeNull();
    expect(parseDay("2026-13-01")).toBeNull();
  });
});

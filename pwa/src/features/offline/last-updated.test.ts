import { describe, expect, it } from "vitest";
import { lastUpdatedText } from "./last-updated";

const ZONE = "Europe/Amsterdam";
// 26 Nov 2026, 15:00 in Amsterdam (UTC+1).
const NOW = Date.UTC(2026, 10, 26, 14, 0);

describe("lastUpdatedText", () => {
  it("today: just the time, 24-hour clock in both languages", () => {
    const at = Date.UTC(2026, 10, 26, 9, 42); // 10:42 in Amsterdam
    expect(lastUpdatedText(at, "nl", NOW, ZONE)).toBe("bijgewerkt om 10:42");
    expect(lastUpdatedText(at, "en", NOW, ZONE)).toBe("last updated 10:42");
  });

  it("uses the calendar day of the zone, not of UTC", () => {
    const justAfterMidnight = Date.UTC(2026, 10, 25, 23, 5); // 00:05 on the 26th in Amsterdam
    expect(lastUpdatedText(justAfterMidnight, "nl", NOW, ZONE)).toBe("bijgewerkt om 00:05");
  });

  it("yesterday", () => {
    const at = Date.UTC(2026, 10, 25, 21, 30); // 22:30 on the 25th
    expect(lastUpdatedText(at, "nl", NOW, ZONE)).toBe("bijgewerkt gisteren om 22:30");
    expect(lastUpdatedText(at, "en", NOW, ZONE)).toBe("last updated yesterday at 22:30");
  });

  it("older: the date", () => {
    const at = Date.UTC(2026, 10, 20, 7, 5); // 08:05 on the 20th
    expect(lastUpdatedText(at, "nl", NOW, ZONE)).toBe("bijgewerkt op 20 nov om 08:05");
    expect(lastUpdatedText(at, "en", NOW, ZONE)).toBe("last updated Nov 20 at 08:05");
  });

  it("never synced on this phone", () => {
    expect(lastUpdatedText(null, "nl", NOW, ZONE)).toBe("nog niet bijgewerkt op deze telefoon");
    expect(lastUpdatedText(null, "en", NOW, ZONE)).toBe("not updated on this phone yet");
  });
});

import { describe, expect, it } from "vitest";
import { ageDuration, formatAge } from "./age";

const MIN = 60;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe("formatAge", () => {
  it("counts whole minutes, hours and days in the UI language", () => {
    expect(formatAge(5 * MIN + 59, "nl")).toBe("5 min");
    expect(formatAge(3 * HOUR + 59 * MIN, "nl")).toBe("3 uur");
    expect(formatAge(3 * HOUR, "en")).toBe("3 hr");
    expect(formatAge(2 * DAY + 23 * HOUR, "nl")).toBe("2 dagen");
    expect(formatAge(2 * DAY, "en")).toBe("2 days");
    expect(formatAge(1 * DAY, "nl")).toBe("1 dag");
  });

  it("switches unit at the boundary", () => {
    expect(formatAge(HOUR - 1, "en")).toBe("59 min");
    expect(formatAge(HOUR, "en")).toBe("1 hr");
    expect(formatAge(DAY - 1, "en")).toBe("23 hr");
    expect(formatAge(DAY, "en")).toBe("1 day");
  });

  it("shows at least one minute, also for clock drift and nonsense", () => {
    expect(formatAge(0, "nl")).toBe("1 min");
    expect(formatAge(-30, "en")).toBe("1 min");
    expect(formatAge(Number.NaN, "en")).toBe("1 min");
  });
});

describe("ageDuration", () => {
  it("writes the shown age as an ISO 8601 duration", () => {
    expect(ageDuration(5 * MIN)).toBe("PT5M");
    expect(ageDuration(3 * HOUR + 10)).toBe("PT3H");
    expect(ageDuration(40 * DAY)).toBe("P40D");
  });
});

import { describe, expect, it } from "vitest";
import { isoToLocalInput, localInputToIso, toIsoWithOffset } from "./local-datetime";

describe("local date-times", () => {
  it("turns a datetime-local value into ISO with the phone's offset, same instant", () => {
    const iso = localInputToIso("2026-05-01T09:30");
    expect(iso).toMatch(/^2026-05-01T09:30:00[+-]\d{2}:\d{2}$/);
    expect(new Date(iso!).getTime()).toBe(new Date(2026, 4, 1, 9, 30).getTime());
  });

  it("refuses empty and malformed values", () => {
    expect(localInputToIso("")).toBeNull();
    expect(localInputToIso("1 mei 9 uur")).toBeNull();
  });

  it("shows an API time (UTC) as local wall time for the input", () => {
    const instant = new Date(2026, 11, 24, 17, 5);
    expect(isoToLocalInput(instant.toISOString())).toBe("2026-12-24T17:05");
    expect(isoToLocalInput(null)).toBe("");
    expect(localInputToIso(isoToLocalInput(instant.toISOString()))).toBe(toIsoWithOffset(instant));
  });
});

import { describe, expect, it } from "vitest";
import { catalogues } from "../../lib/i18n";
import { preferenceErrors, validatePreferences } from "./preferences-form";

const nl = catalogues.nl;
const prefs = (start: string, end: string) => ({
  quiet_hours: { start, end },
  off_shift: "hold" as const,
  categories: { news: true, qa: true },
});

describe("validatePreferences", () => {
  it("accepts HH:MM times, also across midnight", () => {
    expect(validatePreferences(prefs("21:00", "08:00"))).toEqual({});
    expect(validatePreferences(prefs("00:00", "23:59"))).toEqual({});
  });

  it("asks for a missing or malformed time next to its field", () => {
    expect(validatePreferences(prefs("", "8:00"))).toEqual({
      start: nl["form.required"],
      end: nl["settings.badTime"],
    });
    expect(validatePreferences(prefs("24:00", "08:00"))).toEqual({ start: nl["settings.badTime"] });
  });
});

describe("preferenceErrors", () => {
  it("puts each server message next to its field", () => {
    expect(
      preferenceErrors([
        { field: "start", loc: ["body", "quiet_hours", "start"], message: "String should match pattern" },
        { field: "quiet_hours", loc: ["body", "quiet_hours"], message: "quiet hours need different start and end times" },
        { field: "off_shift", loc: ["body", "off_shift"], message: "Input should be 'hold' or 'deliver'" },
        { field: "sms", loc: ["body", "categories", "sms", "[key]"], message: "Input should be 'news' or 'qa'" },
        { field: "extra", loc: ["body", "extra"], message: "Extra inputs are not permitted" },
      ]),
    ).toEqual({
      start: "String should match pattern",
      quietHours: "quiet hours need different start and end times",
      offShift: "Input should be 'hold' or 'deliver'",
      categories: "Input should be 'news' or 'qa'",
      form: "Extra inputs are not permitted",
    });
  });
});

import { describe, expect, it } from "vitest";
import { dateTimeFormat, relativeTimeFormat } from "./intl-cache";

describe("intl-cache", () => {
  it("makes a formatter once per language and options", () => {
    const short = dateTimeFormat("nl", { timeStyle: "short", timeZone: "Europe/Amsterdam" });
    expect(dateTimeFormat("nl", { timeStyle: "short", timeZone: "Europe/Amsterdam" })).toBe(short);
    expect(dateTimeFormat("en", { timeStyle: "short", timeZone: "Europe/Amsterdam" })).not.toBe(short);
    expect(dateTimeFormat("nl", { timeStyle: "short", timeZone: "UTC" })).not.toBe(short);
    expect(short.format(Date.UTC(2026, 10, 26, 13, 5))).toBe("14:05");
  });

  it("keeps one relative-time formatter per language", () => {
    expect(relativeTimeFormat("nl")).toBe(relativeTimeFormat("nl"));
    expect(relativeTimeFormat("en").format(-1, "day")).toBe("yesterday");
    expect(relativeTimeFormat("nl").format(-1, "day")).toBe("gisteren");
  });
});

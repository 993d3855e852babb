import { describe, expect, it } from "vitest";
import { percent } from "./manage-api";

describe("percent", () => {
  it("rounds to whole percents and never divides by zero", () => {
    expect(percent(1, 3)).toBe(33);
    expect(percent(2, 3)).toBe(67);
    expect(percent(0, 0)).toBe(0);
    expect(percent(5, 5)).toBe(100);
  });
});

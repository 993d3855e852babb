import { describe, expect, it } from "vitest";
import { hitPath } from "./search-api";

describe("hitPath", () => {
  it("opens news posts and questions on their own screens", () => {
    expect(hitPath({ type: "news", id: 12 })).toBe("/news/12");
    expect(hitPath({ type: "question", id: 7 })).toBe("/questions/7");
  });
});

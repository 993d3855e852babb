import { describe, expect, it } from "vitest";
import { appendNew, byId } from "./pages";

describe("appendNew", () => {
  it("appends the next page, leaving out rows already shown", () => {
    const shown = [{ id: 3 }, { id: 2 }];
    expect(appendNew(shown, [{ id: 2 }, { id: 1 }], byId)).toEqual([{ id: 3 }, { id: 2 }, { id: 1 }]);
  });

  it("keys by anything, e.g. type and id of search hits", () => {
    const key = (hit: { type: string; id: number }) => `${hit.type}:${hit.id}`;
    const shown = [{ type: "news", id: 1 }];
    const page = [{ type: "question", id: 1 }, { type: "news", id: 1 }];
    expect(appendNew(shown, page, key)).toEqual([
      { type: "news", id: 1 },
      { type: "question", id: 1 },
    ]);
  });
});

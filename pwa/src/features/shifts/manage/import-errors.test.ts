import { describe, expect, it } from "vitest";
import { importErrorRows } from "./import-errors";

describe("importErrorRows", () => {
  it("gives each bad line its line, column and message, in line order", () => {
    const rows = importErrorRows([
      { field: "ends_at", loc: ["body", "file", 4, "ends_at"], message: "Must be after starts_at" },
      { field: "username", loc: ["body", "file", 2, "username"], message: "Unknown username" },
      { field: "3", loc: ["body", "file", 3], message: "Expected 3 values, found 2" },
    ]);
    expect(rows).toEqual([
      { line: 2, column: "username", message: "Unknown username" },
      { line: 3, column: null, message: "Expected 3 values, found 2" },
      { line: 4, column: "ends_at", message: "Must be after starts_at" },
    ]);
  });

  it("puts errors about the whole file first, without a line", () => {
    const rows = importErrorRows([
      { field: "file", loc: ["body", "file"], message: "The file is empty" },
    ]);
    expect(rows).toEqual([{ line: null, column: null, message: "The file is empty" }]);
  });
});

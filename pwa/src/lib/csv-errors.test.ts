import { describe, expect, it } from "vitest";
import { badLines, lineErrors } from "./csv-errors";

describe("lineErrors", () => {
  it("gives each bad line its line, column and message, in line order", () => {
    const rows = lineErrors([
      { loc: ["body", "file", 4, "role"], message: "Unknown role 'boss'" },
      { loc: ["body", "file", 2, "store_code"], message: "No store with code X" },
      { loc: ["body", "file", 3], message: "Expected 3 values, found 2" },
    ]);
    expect(rows).toEqual([
      { line: 2, column: "store_code", message: "No store with code X" },
      { line: 3, column: null, message: "Expected 3 values, found 2" },
      { line: 4, column: "role", message: "Unknown role 'boss'" },
    ]);
    expect(badLines(rows)).toEqual([2, 3, 4]);
  });

  it("gives each bad line of a shift file its line, column and message, in line order", () => {
    const rows = lineErrors([
      { loc: ["body", "file", 4, "ends_at"], message: "Must be after starts_at" },
      { loc: ["body", "file", 2, "username"], message: "Unknown username" },
      { loc: ["body", "file", 3], message: "Expected 3 values, found 2" },
    ]);
    expect(rows).toEqual([
      { line: 2, column: "username", message: "Unknown username" },
      { line: 3, column: null, message: "Expected 3 values, found 2" },
      { line: 4, column: "ends_at", message: "Must be after starts_at" },
    ]);
  });

  it("reads a column given as a number and a line given as text", () => {
    expect(lineErrors([{ loc: ["body", "file", "5", 2], message: "Bad" }])).toEqual([
      { line: 5, column: "2", message: "Bad" },
    ]);
  });

  it("puts problems with the whole file first, without a line", () => {
    const rows = lineErrors([
      { loc: ["body", "file", 3, "uses"], message: "Must be 1 or more" },
      { loc: ["body", "file"], message: "The header must be store_code,role,uses" },
      { loc: ["query", "x"], message: "Other" },
    ]);
    expect(rows.map((r) => r.line)).toEqual([null, null, 3]);
    expect(rows[0]).toEqual({ line: null, column: null, message: "The header must be store_code,role,uses" });
    expect(badLines(rows)).toEqual([3]);
  });

  it("gives an error about the whole file alone no line", () => {
    const rows = lineErrors([{ loc: ["body", "file"], message: "The file is empty" }]);
    expect(rows).toEqual([{ line: null, column: null, message: "The file is empty" }]);
    expect(badLines(rows)).toEqual([]);
  });

  it("names each line once", () => {
    expect(
      badLines([
        { line: 2, column: "a", message: "x" },
        { line: 2, column: "b", message: "y" },
      ]),
    ).toEqual([2]);
  });
});

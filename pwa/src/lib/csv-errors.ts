/**
 * A refused CSV upload's 422 as per-line messages: the errors whose `loc` is
 * ["body", "file", <line>, <column>?] (the shift plan import, bulk invites and accounts).
 */

/** The part of an API field error this reads (lib/ knows no API client: see api/client's FieldError). */
export interface CsvFieldError {
  message: string;
  loc: ReadonlyArray<string | number>;
}

export interface LineError {
  /** The file's line (1 is the header); null for a problem with the whole file. */
  line: number | null;
  /** The column's name (or number) when the server names one. */
  column: string | null;
  message: string;
}

/**
 * The errors of a 422 with `loc` = ["body", "file", <line>, <column>?], in line order with the
 * whole-file problems (["body", "file"]: not UTF-8, no or a wrong header) first. A line may come
 * as a number or as numeric text. Errors about something else than the file keep their message
 * without a line.
 */
export function lineErrors(errors: readonly CsvFieldError[]): LineError[] {
  return errors
    .map(({ loc, message }) => {
      const inFile = loc[0] === "body" && loc[1] === "file";
      const rawLine = inFile ? loc[2] : undefined;
      const line =
        typeof rawLine === "number" ? rawLine : /^\d+$/.test(String(rawLine ?? "")) ? Number(rawLine) : null;
      const rawColumn = inFile && line !== null ? loc[3] : undefined;
      const column = rawColumn === undefined ? null : String(rawColumn);
      return { line, column, message };
    })
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** The bad lines' numbers, each once, in order (for "Fix lines 3 and 7"). */
export function badLines(errors: readonly LineError[]): number[] {
  return [...new Set(errors.flatMap((e) => (e.line === null ? [] : [e.line])))];
}

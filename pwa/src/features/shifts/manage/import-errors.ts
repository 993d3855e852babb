/** A refused shift file's 422 as table rows: line, column, message. */
import type { FieldError } from "../../../api/client";

export interface ImportRow {
  line: number | null;
  column: string | null;
  message: string;
}

/**
 * Rows for the errors of `["body", "file", <line>, <column>?]`; an error about the whole file
 * (`["body", "file"]`: not UTF-8, no header) has no line. Sorted by line, whole-file first.
 */
export function importErrorRows(errors: readonly FieldError[]): ImportRow[] {
  return errors
    .map(({ loc, message }) => {
      const inFile = loc[0] === "body" && loc[1] === "file";
      const line = inFile && typeof loc[2] === "number" ? loc[2] : null;
      const column = inFile && typeof loc[3] === "string" ? loc[3] : null;
      return { line, column, message };
    })
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

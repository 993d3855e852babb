import type { ComponentChildren } from "preact";
import type { LineError } from "../lib/csv-errors";
import { t } from "../lib/i18n";

/**
 * A refused CSV file's problems (see lib/csv-errors' lineErrors): a summary, then a table of
 * line, column and problem, whole-file problems first. The rows' and cells' test ids
 * (import-error-row, -line, -column, -message) are the same on every screen; the table's and
 * the summary's are the screen's.
 */
export function CsvErrorTable({
  rows,
  summary,
  testId,
  summaryTestId,
}: {
  rows: readonly LineError[];
  /** What to do about it, above the table (e.g. "Fix lines 3, 7"). */
  summary: ComponentChildren;
  /** The table's data-testid. */
  testId: string;
  /** The summary's data-testid, if it has one. */
  summaryTestId?: string;
}) {
  return (
    <div class="import-errors" role="alert">
      <p class="form-error" data-testid={summaryTestId}>
        {summary}
      </p>
      <div class="table-scroll">
        <table data-testid={testId}>
          <thead>
            <tr>
              <th scope="col">{t("plan.line")}</th>
              <th scope="col">{t("plan.column")}</th>
              <th scope="col">{t("plan.problem")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i} data-testid="import-error-row" data-line={row.line ?? ""}>
                <td data-testid="import-error-line">{row.line ?? t("plan.wholeFile")}</td>
                <td data-testid="import-error-column">{row.column ?? "–"}</td>
                <td data-testid="import-error-message">{row.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

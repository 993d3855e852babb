import { useState } from "preact/hooks";
import { ApiError } from "../../../api/client";
import { errorMessage } from "../../../api/error-message";
import { lineErrors, type LineError } from "../../../lib/csv-errors";
import { t } from "../../../lib/i18n";
import { Button } from "../../../ui/Button";
import { CsvErrorTable } from "../../../ui/CsvErrorTable";
import { importShifts } from "./plan-api";

/**
 * A roster file in one go: every line is imported, or none and a table of what to fix (line,
 * column, problem), so a planner never has to work out which half of a file went in.
 */
export function ImportShifts({ onImported }: { onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [rows, setRows] = useState<LineError[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    setRows(null);
    setError(null);
    setDone(null);
    if (!file) {
      setError(t("plan.chooseFile"));
      return;
    }
    setBusy(true);
    try {
      const result = await importShifts(file);
      setDone(t("plan.imported", { count: result.imported }));
      onImported();
    } catch (e) {
      if (e instanceof ApiError && e.status === 422 && e.fieldErrors.length > 0) {
        setRows(lineErrors(e.fieldErrors));
      } else if (!(e instanceof ApiError && e.status === 401)) {
        setError(errorMessage(e));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="fieldset form" noValidate onSubmit={(e) => void submit(e)} data-testid="plan-import-form">
      <h2>{t("plan.import")}</h2>
      <p class="hint" id="plan-file-hint">
        {t("plan.importHint")}
      </p>
      <pre class="sample" aria-label={t("plan.sample")}>
        {"username,starts_at,ends_at\nsam.vermeer,2026-12-01 09:00,2026-12-01 17:00"}
      </pre>
      <div class="field">
        <label for="plan-file">{t("plan.file")}</label>
        <input
          id="plan-file"
          type="file"
          accept=".csv,text/csv"
          data-testid="plan-file"
          aria-describedby="plan-file-hint"
          onChange={(e) => {
            setFile(e.currentTarget.files?.[0] ?? null);
            setRows(null);
            setDone(null);
            setError(null);
          }}
        />
      </div>
      {error && (
        <p class="form-error" role="alert" data-testid="plan-import-error">
          {error}
        </p>
      )}
      {done && (
        <p class="push__status" role="status" data-testid="plan-imported">
          {done}
        </p>
      )}
      {rows && <CsvErrorTable rows={rows} summary={t("plan.importErrors")} testId="plan-import-errors" />}
      <div class="actions">
        <Button type="submit" variant="secondary" data-testid="plan-import" busy={busy} busyLabel={t("plan.importing")}>
          {t("plan.importSubmit")}
        </Button>
      </div>
    </form>
  );
}

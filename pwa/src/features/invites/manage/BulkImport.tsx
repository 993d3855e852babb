import { useState } from "preact/hooks";
import { ApiError } from "../../../api/client";
import { errorMessage } from "../../../api/error-message";
import { badLines, lineErrors, type LineError } from "../../../lib/csv-errors";
import { roleLabel, t } from "../../../lib/i18n";
import { Button } from "../../../ui/Button";
import { CsvErrorTable } from "../../../ui/CsvErrorTable";
import { Forbidden } from "../../../ui/Forbidden";
import { Link } from "../../../ui/Link";
import { useMe } from "../../auth/use-me";
import { canImportPeople } from "../permissions";
import { CodeSheet } from "./CodeSheet";
import { accountEntries, inviteEntries, sheetSections, type SheetSection } from "./import-sheet";
import { usesLeft } from "./invite-view";
import { importAccounts, importInvites } from "./invites-api";
import { useStores } from "./use-stores";

type Kind = "invites" | "accounts";

const SAMPLES: Record<Kind, string> = {
  invites: "store_code,role,uses\nUTR-01,staff,25\nUTR-01,store_manager,1\nAMS-02,staff,25",
  accounts:
    "name,username,store_code,role\nSam Vermeer,sam.vermeer,UTR-01,staff\n" +
    "Mira de Boer,mira.deboer,AMS-02,store_manager",
};

/**
 * /team/import (head office, admins): many invites or accounts from one CSV file. All lines go
 * in, or none and the lines to fix; after an import, a sheet of codes per store to print.
 */
export function BulkImport() {
  const me = useMe();
  const stores = useStores(me, canImportPeople(me));
  const [kind, setKind] = useState<Kind>("invites");
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [rows, setRows] = useState<LineError[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [forbidden, setForbidden] = useState(false);
  const [sheet, setSheet] = useState<{ kind: Kind; sections: SheetSection[] } | null>(null);

  if (forbidden || (me && !canImportPeople(me))) return <Forbidden />;

  function reset() {
    setRows(null);
    setError(null);
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    reset();
    if (!file) {
      setError(t("import.chooseFile"));
      return;
    }
    setBusy(true);
    setSheet(null);
    try {
      if (kind === "invites") {
        const invites = await importInvites(file);
        const entries = inviteEntries(
          invites,
          (invite) => {
            const count = usesLeft(invite);
            return count === 1 ? t("import.inviteOneUse") : t("import.inviteUses", { count });
          },
          (invite) => roleLabel(invite.role),
        );
        setSheet({ kind, sections: sheetSections(entries) });
      } else {
        const accounts = await importAccounts(file);
        const entries = accountEntries(
          accounts,
          (account) => `${account.user.username} · ${roleLabel(account.user.role)}`,
        );
        setSheet({ kind, sections: sheetSections(entries) });
      }
    } catch (e) {
      if (e instanceof ApiError && e.status === 422 && e.fieldErrors.length > 0) {
        setRows(lineErrors(e.fieldErrors));
      } else if (e instanceof ApiError && e.status === 403) {
        setForbidden(true);
      } else if (!(e instanceof ApiError && e.status === 401)) {
        setError(errorMessage(e));
      }
    } finally {
      setBusy(false);
    }
  }

  const lines = rows ? badLines(rows) : [];
  return (
    <section class="page" aria-labelledby="import-heading">
      <div class="no-print page">
        <h1 id="import-heading" tabIndex={-1}>
          {t("import.title")}
        </h1>
        <p class="hint">{t("import.intro")}</p>

        <form class="form" noValidate onSubmit={(e) => void submit(e)} data-testid="import-form">
          <fieldset class="fieldset">
            <legend>{t("import.kind")}</legend>
            {(["invites", "accounts"] as const).map((value) => (
              <label key={value} class="choice">
                <input
                  type="radio"
                  name="kind"
                  value={value}
                  checked={kind === value}
                  data-testid={`import-kind-${value}`}
                  aria-describedby={`import-kind-${value}-hint`}
                  onChange={() => {
                    setKind(value);
                    reset();
                  }}
                />
                <span>
                  <span class="choice__label">{t(`import.kind.${value}`)}</span>
                  <span id={`import-kind-${value}-hint`} class="hint choice__hint">
                    {t(`import.kind.${value}Hint`)}
                  </span>
                </span>
              </label>
            ))}
          </fieldset>

          <div class="field">
            <p class="hint" id="import-file-hint">
              {t(kind === "invites" ? "import.formatInvites" : "import.formatAccounts")}
            </p>
            <p class="field__label">
              {t("plan.sample")}
            </p>
            <pre class="sample" data-testid="import-sample">
              {SAMPLES[kind]}
            </pre>
          </div>

          <div class="field">
            <label for="import-file">{t("plan.file")}</label>
            <input
              id="import-file"
              type="file"
              accept=".csv,text/csv"
              data-testid="import-file"
              aria-describedby="import-file-hint"
              onChange={(e) => {
                setFile(e.currentTarget.files?.[0] ?? null);
                reset();
              }}
            />
          </div>

          {error && (
            <p class="form-error" role="alert" data-testid="import-error">
              {error}
            </p>
          )}
          {rows && (
            <CsvErrorTable
              rows={rows}
              summary={
                lines.length > 0 ? t("import.errorsLines", { lines: lines.join(", ") }) : t("import.errorsFile")
              }
              testId="import-errors"
              summaryTestId="import-errors-summary"
            />
          )}
          <div class="actions">
            <Button type="submit" data-testid="import-submit" busy={busy} busyLabel={t("plan.importing")}>
              {t(kind === "invites" ? "import.submitInvites" : "import.submitAccounts")}
            </Button>
          </div>
        </form>
        {stores.error && (
          <p class="form-error" role="alert">
            {stores.error}
          </p>
        )}
      </div>

      {sheet && <CodeSheet kind={sheet.kind} sections={sheet.sections} storeName={stores.name} />}

      <p class="page__alt no-print">
        <Link href="/team/invites">{t("invites.title")}</Link>
      </p>
      <p class="page__alt no-print">
        <Link href="/team">{t("invites.backToTeam")}</Link>
      </p>
    </section>
  );
}

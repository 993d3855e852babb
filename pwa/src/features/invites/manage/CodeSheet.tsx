import { formatDateTime, t } from "../../../lib/i18n";
import { Button } from "../../../ui/Button";
import { QrImage } from "../../../ui/QrImage";
import { groupCode } from "./invite-view";
import type { SheetSection } from "./import-sheet";

interface Props {
  kind: "invites" | "accounts";
  sections: SheetSection[];
  storeName: (id: number | null) => string;
}

/**
 * The codes an import made, one section per store (each on its own page when printed), to cut
 * up or hand out: name or role, the code, and a small QR code that opens the right screen.
 */
export function CodeSheet({ kind, sections, storeName }: Props) {
  const count = sections.reduce((sum, section) => sum + section.entries.length, 0);
  return (
    <section class="codes" aria-labelledby="sheet-heading" data-testid="code-sheet">
      <div class="no-print codes__head">
        <h2 id="sheet-heading">{t(kind === "invites" ? "import.sheetInvites" : "import.sheetAccounts")}</h2>
        <p class="push__status" role="status" data-testid="import-done">
          {t(kind === "invites" ? "import.doneInvites" : "import.doneAccounts", { count })}
        </p>
        {kind === "accounts" && <p class="hint">{t("import.accountsHint")}</p>}
        <div class="actions">
          <Button data-testid="sheet-print" onClick={() => window.print()}>
            {t("import.printSheet")}
          </Button>
        </div>
      </div>
      {sections.map((section) => (
        <section
          key={section.storeId ?? "none"}
          class="codes__store"
          aria-labelledby={`sheet-store-${section.storeId ?? "none"}`}
          data-testid="sheet-store"
          data-store-id={section.storeId ?? ""}
        >
          <h3 id={`sheet-store-${section.storeId ?? "none"}`} class="codes__store-name">
            {storeName(section.storeId)}
          </h3>
          <ul class="codes__list">
            {section.entries.map((entry) => (
              <li key={entry.key} class="codes__entry" data-testid="sheet-entry">
                <div class="codes__text">
                  <p class="codes__title" data-testid="sheet-entry-title">
                    {entry.title}
                  </p>
                  <p class="codes__detail">{entry.detail}</p>
                  <p class="codes__code" data-testid="sheet-entry-code">
                    {groupCode(entry.code)}
                  </p>
                  <p class="codes__detail">
                    {t("invites.validUntil", { when: formatDateTime(entry.expiresAt) })}
                  </p>
                </div>
                <QrImage class="codes__qr" svg={entry.qrSvg} label={t("import.qrLabel", { name: entry.title })} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

import { useState } from "preact/hooks";
import { catalogues, format, getLocale, LOCALES, t, type Locale, type MessageKey } from "../../../lib/i18n";
import { Button } from "../../../ui/Button";
import { Forbidden } from "../../../ui/Forbidden";
import { Link } from "../../../ui/Link";
import { QrImage } from "../../../ui/QrImage";
import { useMe } from "../../auth/use-me";
import { canManageInvites, choosesInviteStore } from "../permissions";
import { InviteMissing } from "./InviteMissing";
import { groupCode, isOpen } from "./invite-view";
import { useInvite } from "./use-invite";
import { useStores } from "./use-stores";

/** A message in the poster's language, whatever language the app is in. */
function inLanguage(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  return format(catalogues[locale][key], params);
}

/**
 * /team/invites/<id>/print: an A4 poster for the stockroom wall with the store's name, a large
 * QR code, the code, and how to join in three steps. Stores have no language of their own, so
 * the poster is Dutch or English (the app's language first) with a switch that is not printed;
 * printing leaves out the app around it (index.css, @media print).
 */
export function InvitePoster({ id }: { id: number }) {
  const me = useMe();
  const { invite, loading, missing, forbidden, error, retry } = useInvite(id);
  const stores = useStores(me, choosesInviteStore(me));
  const [lang, setLang] = useState<Locale>(getLocale());

  if (forbidden || (me && !canManageInvites(me))) return <Forbidden />;
  if (missing) return <InviteMissing />;

  const p = (key: MessageKey, params?: Record<string, string | number>) => inLanguage(lang, key, params);
  return (
    <section class="page poster-page" aria-labelledby="poster-heading" aria-busy={loading}>
      <div class="no-print poster-controls">
        <h1 id="poster-heading" tabIndex={-1}>
          {t("poster.title")}
        </h1>
        <p class="hint">{t("poster.intro")}</p>
        <div class="field">
          <span class="field__label" id="poster-lang-label">
            {t("poster.language")}
          </span>
          <div class="segmented" role="group" aria-labelledby="poster-lang-label" data-testid="poster-lang">
            {LOCALES.map((l) => (
              <button
                key={l}
                type="button"
                lang={l}
                class="segmented__option"
                aria-pressed={l === lang}
                data-testid={`poster-lang-${l}`}
                onClick={() => setLang(l)}
              >
                {t(`lang.${l}`)}
              </button>
            ))}
          </div>
        </div>
        {error && (
          <div class="notice">
            <p class="form-error" role="alert">
              {error}
            </p>
            <Button variant="secondary" onClick={retry}>
              {t("home.retry")}
            </Button>
          </div>
        )}
        {invite && !isOpen(invite) && (
          <p class="form-error" role="status" data-testid="poster-closed">
            {t("poster.closed")}
          </p>
        )}
        <div class="actions">
          <Button data-testid="poster-print" disabled={!invite} onClick={() => window.print()}>
            {t("poster.print")}
          </Button>
          <Link href={`/team/invites/${id}`} class="btn btn--secondary">
            {t("poster.back")}
          </Link>
        </div>
      </div>

      {invite && (
        <article class="poster" lang={lang} aria-label={t("poster.preview")} data-testid="poster">
          <p class="poster__store" data-testid="poster-store">
            {invite.store_id === null ? p("invites.noStore") : stores.name(invite.store_id)}
          </p>
          <h2 class="poster__title">{p("poster.join")}</h2>
          <QrImage
            class="poster__qr"
            svg={invite.qr_svg}
            label={p("poster.qrLabel")}
            testId="poster-qr"
          />
          <p class="poster__code-label">{p("poster.codeLabel")}</p>
          <p class="poster__code invite-code" data-testid="poster-code">
            {groupCode(invite.code)}
          </p>
          <ol class="poster__steps" data-testid="poster-steps">
            <li>{p("poster.step1", { url: invite.url })}</li>
            <li>{p("poster.step2")}</li>
            <li>{p("poster.step3")}</li>
          </ol>
        </article>
      )}
    </section>
  );
}

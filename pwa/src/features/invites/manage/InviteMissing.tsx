import { t } from "../../../lib/i18n";
import { Link } from "../../../ui/Link";

/** An invite this person cannot see (another store's) or that does not exist. */
export function InviteMissing() {
  return (
    <section class="page" aria-labelledby="invite-missing-title" data-testid="invite-missing">
      <h1 id="invite-missing-title" tabIndex={-1}>
        {t("invites.missing")}
      </h1>
      <p>{t("invites.missingText")}</p>
      <p class="page__alt">
        <Link href="/team/invites">{t("invites.backToList")}</Link>
      </p>
    </section>
  );
}

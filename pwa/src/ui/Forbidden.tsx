import { t } from "../lib/i18n";
import { Link } from "./Link";

/** A screen this person's role does not offer (the server would refuse it too). */
export function Forbidden({ text }: { text?: string }) {
  return (
    <section class="page" aria-labelledby="forbidden-title" data-testid="forbidden">
      <h1 id="forbidden-title" tabIndex={-1}>
        {t("forbidden.title")}
      </h1>
      <p>{text ?? t("forbidden.text")}</p>
      <p class="page__alt">
        <Link href="/">{t("notFound.home")}</Link>
      </p>
    </section>
  );
}

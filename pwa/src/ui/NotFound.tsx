import { t } from "../lib/i18n";
import { Link } from "./Link";

export function NotFound() {
  return (
    <section class="page" aria-labelledby="not-found-title">
      <h1 id="not-found-title" tabIndex={-1}>
        {t("notFound.title")}
      </h1>
      <p class="page__alt">
        <Link href="/">{t("notFound.home")}</Link>
      </p>
    </section>
  );
}

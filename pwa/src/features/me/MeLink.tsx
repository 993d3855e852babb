import { t } from "../../lib/i18n";
import { Link } from "../../ui/Link";

/** The header's "Me" button: shifts, notification settings and (for planners) shift planning. */
export function MeLink({ current }: { current: boolean }) {
  return (
    <Link
      href="/me"
      class="icon-link"
      aria-label={t("nav.me")}
      aria-current={current ? "page" : undefined}
      data-testid="nav-me"
    >
      <svg class="icon-link__icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9Zm0 2c-4.4 0-8 2.2-8 5v2h16v-2c0-2.8-3.6-5-8-5Z"
        />
      </svg>
    </Link>
  );
}

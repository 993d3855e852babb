import { roleLabel, t, type MessageKey } from "../../lib/i18n";
import { Link } from "../../ui/Link";
import { useMe } from "../auth/use-me";
import { useUnreadValue } from "../notifications/unread";
import { canPlanShifts } from "../shifts/permissions";
import { canSeeTeam } from "../team/permissions";

interface Entry {
  href: string;
  label: MessageKey;
  testId: string;
}

const ENTRIES: Entry[] = [
  { href: "/inbox", label: "inbox.title", testId: "me-inbox" },
  { href: "/shifts", label: "shifts.title", testId: "me-shifts" },
  { href: "/settings/notifications", label: "settings.title", testId: "me-settings" },
];
const PLAN: Entry = { href: "/shifts/plan", label: "plan.title", testId: "me-plan" };
const TEAM: Entry = { href: "/team", label: "team.title", testId: "me-team" };

/**
 * The "Me" tab: the screens about the person themselves, so the bottom bar keeps four or five
 * tabs that still fit a 320 px wide phone.
 */
export function MePage() {
  const me = useMe();
  const count = useUnreadValue();
  const entries = [...ENTRIES, ...(canPlanShifts(me) ? [PLAN] : []), ...(canSeeTeam(me) ? [TEAM] : [])];
  return (
    <section class="page" aria-labelledby="me-heading">
      <h1 id="me-heading" tabIndex={-1}>
        {me?.name ?? t("me.title")}
      </h1>
      {me && <p class="home__store">{me.store?.name ?? roleLabel(me.role)}</p>}
      <ul class="menu" data-testid="me-menu">
        {entries.map((entry) => (
          <li key={entry.href}>
            <Link href={entry.href} class="menu__item" data-testid={entry.testId}>
              <span>{t(entry.label)}</span>
              {entry.href === "/inbox" && count ? (
                <span class="count-badge">
                  <span class="visually-hidden">{t("inbox.unread")}: </span>
                  {count}
                </span>
              ) : null}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

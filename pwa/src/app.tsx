import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "./api/client";
import { canReadAudit } from "./features/audit/permissions";
import { Join } from "./features/auth/Join";
import { Login } from "./features/auth/Login";
import { session, type Me } from "./lib/session";
import { Home } from "./features/home/Home";
import { InstallCard } from "./features/install/InstallCard";
import { canImportPeople, canManageInvites } from "./features/invites/permissions";
import { MeLink } from "./features/me/MeLink";
import { NewsPage } from "./features/news/NewsPage";
import { canPublish, canSeeStats } from "./features/news/permissions";
import { InboxBell } from "./features/notifications/InboxBell";
import { unread } from "./features/notifications/unread";
import { OfflineBanner } from "./features/offline/OfflineBanner";
import { canManageOrg } from "./features/org/permissions";
import { OutboxIndicator } from "./features/outbox/OutboxIndicator";
import { canSeeUnanswered } from "./features/qa/permissions";
import { canPlanShifts } from "./features/shifts/permissions";
import { canSeeTeam } from "./features/team/permissions";
import { t, useLocale, type MessageKey } from "./lib/i18n";
import { isNavigateMessage, PUSH_RECEIVED } from "./lib/push-message";
import { navigate, usePath } from "./lib/router";
import { Forbidden } from "./ui/Forbidden";
import { lazyScreen } from "./ui/Lazy";
import { Link } from "./ui/Link";
import { NotFound } from "./ui/NotFound";
import { UpdatePrompt } from "./ui/UpdatePrompt";

export function App() {
  const path = usePath();
  useLocale(); // re-render everything in the new language at once
  const first = useRef(true);
  // Updated when /me loads (after login, or a role change): the nav depends on the role.
  const [me, setMe] = useState(() => session.getCachedMe());
  useEffect(() => session.onMeChange(setMe), []);

  useEffect(() => api.onAuthLost(() => navigate("/login", { replace: true })), []);
  useEffect(listenToServiceWorker, []);

  // Move focus to the new screen's heading so screen readers announce the page change.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.querySelector<HTMLElement>("main h1")?.focus();
  }, [path]);

  const loggedIn = session.isLoggedIn();
  return (
    <>
      <header class="app-header">
        <span class="app-header__name">{t("app.name")}</span>
        <span class="app-header__end">
          {loggedIn && (
            // The inbox and "Me" (shifts, settings, planning) sit up here, so the bottom bar
            // keeps four tabs that fit a 320 px phone.
            <nav class="app-header__nav" aria-label={t("nav.personal")}>
              <OutboxIndicator current={path === "/outbox"} />
              <InboxBell current={path === "/inbox"} />
              <MeLink current={isMePath(path)} />
            </nav>
          )}
        </span>
      </header>
      <OfflineBanner />
      <InstallCard path={path} />
      <main id="main" class="app-main">
        {route(path)}
      </main>
      {loggedIn && (
        <nav class="bottom-nav" aria-label={t("nav.label")}>
          {navItems(me).map((item) => (
            <Link
              key={item.href}
              href={item.href}
              class="bottom-nav__item"
              data-testid={item.testId}
              aria-current={item.current(path) ? "page" : undefined}
            >
              {t(item.label)}
            </Link>
          ))}
        </nav>
      )}
      <UpdatePrompt />
    </>
  );
}

const QUEUE_PATH = "/questions/unanswered";

interface NavItem {
  href: string;
  label: MessageKey;
  testId: string;
  current: (path: string) => boolean;
}

const NAV: NavItem[] = [
  { href: "/", label: "nav.home", testId: "nav-home", current: (p) => p === "/" || p.startsWith("/news/") },
  {
    href: "/questions",
    label: "nav.questions",
    testId: "nav-questions",
    current: (p) => (p === "/questions" || p.startsWith("/questions/")) && !p.startsWith(QUEUE_PATH),
  },
  { href: "/search", label: "nav.search", testId: "nav-search", current: (p) => p === "/search" },
];

const QUEUE_ITEM: NavItem = {
  href: QUEUE_PATH,
  label: "nav.unanswered",
  testId: "nav-unanswered",
  current: (p) => p.startsWith(QUEUE_PATH),
};

/** The screens about the person themselves, under "Me" in the header (see MeLink). */
const isMePath = (p: string) =>
  p === "/me" || p.startsWith("/shifts") || p.startsWith("/settings") || p === "/team" || p.startsWith("/team/");

/** Everyone gets news, questions and search; those who answer questions also their queue. */
function navItems(me: Me | null): NavItem[] {
  return canSeeUnanswered(me) ? [...NAV.slice(0, 2), QUEUE_ITEM, ...NAV.slice(2)] : NAV;
}

/**
 * Messages from the service worker: a tapped notification's page to show (in this window,
 * without a reload), and "a push arrived" (the bell's count is then out of date).
 */
function listenToServiceWorker(): (() => void) | undefined {
  if (!("serviceWorker" in navigator)) return undefined;
  const onMessage = (event: MessageEvent) => {
    if (isNavigateMessage(event.data)) navigate(event.data.path);
    else if ((event.data as { type?: unknown } | null)?.type === PUSH_RECEIVED) void unread.refresh(true);
  };
  navigator.serviceWorker.addEventListener("message", onMessage);
  return () => navigator.serviceWorker.removeEventListener("message", onMessage);
}

// Everything but the feed, a post, and signing in is a lazy chunk too (precached, so it opens
// offline): the first load of a cheap phone parses only what the home screen needs.
const QuestionList = lazyScreen(() => import("./features/qa/QuestionList").then((m) => m.QuestionList));
const QuestionPage = lazyScreen(() => import("./features/qa/QuestionPage").then((m) => m.QuestionPage));
const AskQuestion = lazyScreen(() => import("./features/qa/AskQuestion").then((m) => m.AskQuestion));
const SearchPage = lazyScreen(() => import("./features/search/SearchPage").then((m) => m.SearchPage));
const Inbox = lazyScreen(() => import("./features/notifications/Inbox").then((m) => m.Inbox));
const Preferences = lazyScreen(() =>
  import("./features/notifications/Preferences").then((m) => m.Preferences),
);
const MePage = lazyScreen(() => import("./features/me/MePage").then((m) => m.MePage));
const MyShifts = lazyScreen(() => import("./features/shifts/MyShifts").then((m) => m.MyShifts));
const OutboxPage = lazyScreen(() => import("./features/outbox/OutboxPage").then((m) => m.OutboxPage));

// Publishers' screens are separate chunks (vite.config.ts names them manage-*), loaded on first
// use and left out of the precache: staff never download them.
const Composer = lazyScreen(() => import("./features/news/manage/Composer").then((m) => m.Composer));
const NewsStats = lazyScreen(() => import("./features/news/manage/NewsStats").then((m) => m.NewsStats));
// The unanswered queue is for managers, head office and experts: a lazy chunk too.
const Unanswered = lazyScreen(() => import("./features/qa/manage/Unanswered").then((m) => m.Unanswered));
// Shift planning is for managers and head office: a lazy chunk too.
const ShiftPlanner = lazyScreen(() =>
  import("./features/shifts/manage/ShiftPlanner").then((m) => m.ShiftPlanner),
);
// Invites, their posters and bulk onboarding are for managers and head office: lazy chunks too.
const InviteList = lazyScreen(() => import("./features/invites/manage/InviteList").then((m) => m.InviteList));
const NewInvite = lazyScreen(() => import("./features/invites/manage/NewInvite").then((m) => m.NewInvite));
const InviteDetail = lazyScreen(() =>
  import("./features/invites/manage/InviteDetail").then((m) => m.InviteDetail),
);
const InvitePoster = lazyScreen(() =>
  import("./features/invites/manage/InvitePoster").then((m) => m.InvitePoster),
);
const BulkImport = lazyScreen(() => import("./features/invites/manage/BulkImport").then((m) => m.BulkImport));
// The team screens are for managers and head office: lazy chunks too.
const TeamList = lazyScreen(() => import("./features/team/manage/TeamList").then((m) => m.TeamList));
const PersonPage = lazyScreen(() => import("./features/team/manage/PersonPage").then((m) => m.PersonPage));
// Stores and regions, and the audit log, are for head office and admins: lazy chunks too.
const StoresAndRegions = lazyScreen(() =>
  import("./features/org/manage/StoresAndRegions").then((m) => m.StoresAndRegions),
);
const AuditLog = lazyScreen(() => import("./features/audit/manage/AuditLog").then((m) => m.AuditLog));
// Choosing a new password with a manager's sign-in code: for everyone, so precached.
const Reset = lazyScreen(() => import("./features/auth/Reset").then((m) => m.Reset));

function route(path: string) {
  if (path === "/") return <Home />;
  const news = /^\/news\/(?:(new)|(\d{1,9})(?:\/(edit|stats))?)\/?$/.exec(path);
  if (news) {
    if (!session.isLoggedIn()) return <LoginRedirect />;
    const me = session.getCachedMe();
    const id = news[2] ? Number(news[2]) : undefined;
    // Known staff get the refusal at once instead of a chunk they may not use (the server
    // refuses them too); an unknown person (no cached /me yet) is checked inside the screen.
    if (news[1] === "new") return me && !canPublish(me) ? <Forbidden /> : <Composer />;
    if (id === undefined) return <NotFound />;
    if (news[3] === "edit") return me && !canPublish(me) ? <Forbidden /> : <Composer key={`edit-${id}`} id={id} />;
    if (news[3] === "stats") return me && !canSeeStats(me, -1) ? <Forbidden /> : <NewsStats key={id} id={id} />;
    return <NewsPage key={id} id={id} />;
  }
  const questions = /^\/questions(?:\/(?:(new|unanswered)|(\d{1,9})(?:\/(edit))?))?\/?$/.exec(path);
  if (questions) {
    if (!session.isLoggedIn()) return <LoginRedirect />;
    const me = session.getCachedMe();
    const id = questions[2] ? Number(questions[2]) : undefined;
    if (questions[1] === "new") return <AskQuestion />;
    if (questions[1] === "unanswered") {
      return me && !canSeeUnanswered(me) ? <Forbidden text={t("qa.queue.forbidden")} /> : <Unanswered />;
    }
    if (id === undefined) return <QuestionList />;
    if (questions[3] === "edit") return <AskQuestion key={`edit-${id}`} id={id} />;
    return <QuestionPage key={id} id={id} />;
  }
  if (path === "/search" || path === "/search/") {
    return session.isLoggedIn() ? <SearchPage /> : <LoginRedirect />;
  }
  const own = /^\/(me|inbox|shifts|shifts\/plan|settings\/notifications)\/?$/.exec(path);
  if (own) {
    if (!session.isLoggedIn()) return <LoginRedirect />;
    const me = session.getCachedMe();
    if (own[1] === "me") return <MePage />;
    if (own[1] === "inbox") return <Inbox />;
    if (own[1] === "shifts") return <MyShifts />;
    if (own[1] === "shifts/plan") return me && !canPlanShifts(me) ? <Forbidden /> : <ShiftPlanner />;
    return <Preferences />;
  }
  if (path === "/outbox" || path === "/outbox/") {
    return session.isLoggedIn() ? <OutboxPage /> : <LoginRedirect />;
  }
  const invites = /^\/team\/(?:(import)|invites(?:\/(?:(new)|(\d{1,9})(\/print)?))?)\/?$/.exec(path);
  if (invites) {
    if (!session.isLoggedIn()) return <LoginRedirect />;
    const me = session.getCachedMe();
    if (invites[1]) return me && !canImportPeople(me) ? <Forbidden /> : <BulkImport />;
    if (me && !canManageInvites(me)) return <Forbidden />;
    if (invites[2]) return <NewInvite />;
    const id = invites[3] ? Number(invites[3]) : undefined;
    if (id === undefined) return <InviteList />;
    return invites[4] ? <InvitePoster key={id} id={id} /> : <InviteDetail key={id} id={id} />;
  }
  const office = /^\/team\/(stores|audit)\/?$/.exec(path);
  if (office) {
    if (!session.isLoggedIn()) return <LoginRedirect />;
    const me = session.getCachedMe();
    const allowed = office[1] === "stores" ? canManageOrg : canReadAudit;
    if (me && !allowed(me)) return <Forbidden text={t("forbidden.headOffice")} />;
    return office[1] === "stores" ? <StoresAndRegions /> : <AuditLog />;
  }
  const team = /^\/team(?:\/people\/(\d{1,9}))?\/?$/.exec(path);
  if (team) {
    if (!session.isLoggedIn()) return <LoginRedirect />;
    const me = session.getCachedMe();
    if (me && !canSeeTeam(me)) return <Forbidden />;
    return team[1] ? <PersonPage key={team[1]} id={Number(team[1])} /> : <TeamList />;
  }
  if (path === "/login") return <Login />;
  const reset = /^\/reset(?:\/([^/]+))?\/?$/.exec(path);
  if (reset) return <Reset code={reset[1] ? safeDecode(reset[1]) : ""} />;
  if (path === "/join" || path === "/join/") return <Join />;
  const join = /^\/join\/([^/]+)\/?$/.exec(path);
  if (join?.[1]) return <Join code={safeDecode(join[1])} />;
  return <NotFound />;
}

function LoginRedirect() {
  useEffect(() => navigate("/login", { replace: true }), []);
  return null;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

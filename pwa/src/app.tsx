import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "./api/client";
import { Join } from "./features/auth/Join";
import { Login } from "./features/auth/Login";
import { session } from "./features/auth/session";
import { Home } from "./features/home/Home";
import { NewsPage } from "./features/news/NewsPage";
import { canPublish, canSeeStats } from "./features/news/permissions";
import { t, useLocale } from "./lib/i18n";
import { navigate, usePath } from "./lib/router";
import { Forbidden } from "./ui/Forbidden";
import { lazyScreen } from "./ui/Lazy";
import { Link } from "./ui/Link";
import { NotFound } from "./ui/NotFound";
import { UpdatePrompt } from "./ui/UpdatePrompt";

export function App() {
  const path = usePath();
  useLocale(); // re-render everything in the new language at once
  const online = useOnline();
  const first = useRef(true);

  useEffect(() => api.onAuthLost(() => navigate("/login", { replace: true })), []);

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
        {!online && (
          <span class="badge" role="status">
            {t("app.offline")}
          </span>
        )}
      </header>
      <main id="main" class="app-main">
        {route(path)}
      </main>
      {loggedIn && (
        <nav class="bottom-nav" aria-label={t("nav.label")}>
          <Link href="/" class="bottom-nav__item" aria-current={path === "/" ? "page" : undefined}>
            {t("nav.home")}
          </Link>
        </nav>
      )}
      <UpdatePrompt />
    </>
  );
}

// Publishers' screens are separate chunks (vite.config.ts names them manage-*), loaded on first
// use and left out of the precache: staff never download them.
const Composer = lazyScreen(() => import("./features/news/manage/Composer").then((m) => m.Composer));
const NewsStats = lazyScreen(() => import("./features/news/manage/NewsStats").then((m) => m.NewsStats));

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
  if (path === "/login") return <Login />;
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

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    addEventListener("online", update);
    addEventListener("offline", update);
    return () => {
      removeEventListener("online", update);
      removeEventListener("offline", update);
    };
  }, []);
  return online;
}

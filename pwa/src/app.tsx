import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "./api/client";
import { Join } from "./features/auth/Join";
import { Login } from "./features/auth/Login";
import { session } from "./features/auth/session";
import { Home } from "./features/home/Home";
import { t, useLocale } from "./lib/i18n";
import { navigate, usePath } from "./lib/router";
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

function route(path: string) {
  if (path === "/") return <Home />;
  if (path === "/login") return <Login />;
  if (path === "/join" || path === "/join/") return <Join />;
  const join = /^\/join\/([^/]+)\/?$/.exec(path);
  if (join?.[1]) return <Join code={safeDecode(join[1])} />;
  return <NotFound />;
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

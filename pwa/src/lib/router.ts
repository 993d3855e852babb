/**
 * A tiny history router: the shell has a handful of screens, so a path switch in app.tsx is
 * all the routing it needs.
 */
import { useEffect, useState } from "preact/hooks";

const listeners = new Set<() => void>();

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const here = location.pathname + location.search + location.hash;
  if (to !== here) {
    if (options.replace) history.replaceState(null, "", to);
    else history.pushState(null, "", to);
  }
  for (const listener of listeners) listener();
}

/** The current pathname; re-renders on navigate() and on back/forward. */
export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    listeners.add(update);
    addEventListener("popstate", update);
    // A child's effect may have navigated before this (parent) effect subscribed.
    update();
    return () => {
      listeners.delete(update);
      removeEventListener("popstate", update);
    };
  }, []);
  return path;
}

/** onClick for same-origin links: route in the page, but let modified clicks open a new tab. */
export function followLink(event: MouseEvent): void {
  const anchor = event.currentTarget as HTMLAnchorElement;
  if (
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey ||
    anchor.target ||
    anchor.origin !== location.origin
  ) {
    return;
  }
  event.preventDefault();
  navigate(anchor.pathname + anchor.search + anchor.hash);
}

/** The current query string (filters, a search text kept in the address). */
export function currentQuery(): URLSearchParams {
  return new URLSearchParams(location.search);
}

/**
 * Keep a screen's state in the query string without a new history entry, so going back to the
 * screen (or reloading it) shows the same filters or search.
 */
export function replaceQuery(params: URLSearchParams): void {
  const search = params.toString();
  const to = location.pathname + (search ? `?${search}` : "") + location.hash;
  if (to !== location.pathname + location.search + location.hash) history.replaceState(history.state, "", to);
}

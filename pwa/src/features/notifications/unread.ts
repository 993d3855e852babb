/** The app's one unread counter (see unread-count.ts) and the hook the bell uses. */
import { useEffect, useState } from "preact/hooks";
import { session } from "../../lib/session";
import { useStoreValue } from "../../lib/use-store";
import { getUnreadCount } from "./notifications-api";
import { createUnreadCounter } from "./unread-count";

export const unread = createUnreadCounter({ fetch: getUnreadCount });

/**
 * The unread count, kept fresh while the app is on screen: asked on mount, when the window
 * gets focus and when the page becomes visible again; forgotten on logout. The installed app's
 * icon badge (where the browser has one) shows the same number.
 */
export function useUnreadCount(): number | null {
  const [count, setCount] = useState(() => unread.get());

  useEffect(() => {
    const stopListening = unread.subscribe((value) => {
      setCount(value);
      showOnAppIcon(value);
    });
    setCount(unread.get()); // a count that came in before this subscribed
    const stopSession = session.onMeChange((me) => {
      if (me === null) unread.reset();
    });
    // Coming back to the app (visible again) always asks; focus events, which also come with
    // every switch between windows, ask at most once per interval.
    const onFocus = () => void unread.refresh();
    const onVisible = () => {
      if (document.visibilityState === "visible") void unread.refresh(true);
    };
    addEventListener("focus", onFocus);
    document.addEventListener("visibilitychange", onVisible);
    void unread.refresh(true);
    return () => {
      stopListening();
      stopSession();
      removeEventListener("focus", onFocus);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, []);

  return count;
}

/** The last known count, without asking (for screens beside the bell, which keeps it fresh). */
export function useUnreadValue(): number | null {
  return useStoreValue(unread.get, unread.subscribe);
}

function showOnAppIcon(count: number | null): void {
  const nav = navigator as Navigator & Partial<Pick<Navigator, "setAppBadge" | "clearAppBadge">>;
  try {
    if (count && typeof nav.setAppBadge === "function") void nav.setAppBadge(count).catch(() => undefined);
    else if (typeof nav.clearAppBadge === "function") void nav.clearAppBadge().catch(() => undefined);
  } catch {
    // Badging is a nicety: a browser that refuses it loses nothing.
  }
}

/**
 * The app's one live-updates connection, shared by every screen that listens: opened for the
 * first listener, closed when the last one leaves (no stream while nothing shows live data).
 */
import { api } from "./client";
import { session } from "../lib/session";
import { browserEnvironment, connectLiveEvents, type LiveEvents, type SseMessage } from "../lib/live-events";

export interface LiveListener {
  onEvent?(message: SseMessage): void;
  /** Reconnected after a gap: events may have been missed, check what is shown. */
  onResume?(): void;
}

const listeners = new Set<LiveListener>();
let connection: LiveEvents | null = null;

/** A cheap authenticated call: on a 401 the API client refreshes the login (or signs out). */
async function refreshAuth(): Promise<boolean> {
  try {
    await api.get("/me");
    return true;
  } catch {
    return false;
  }
}

/** Sent by the server when this account was closed (api/live/events.py); the stream then ends. */
const SIGNED_OUT = "signed_out";

function open(): void {
  connection ??= connectLiveEvents({
    url: "/api/v1/events",
    getToken: () => session.getAccess(),
    refreshAuth,
    onEvent: (message) => {
      // Ask the server at once: its 401 sends a deactivated person to the sign-in screen now,
      // not at their next tap. A login that is still good (a password reset on this phone) stays.
      if (message.event === SIGNED_OUT) void refreshAuth();
      else listeners.forEach((l) => l.onEvent?.(message));
    },
    onOpen: ({ resumed }) => {
      if (resumed) listeners.forEach((l) => l.onResume?.());
    },
    environment: browserEnvironment(),
  });
}

// A login that ends (logout, or refused for good: deactivated, revoked) ends its stream at once;
// the next login opens one again for the screens still listening.
session.onMeChange((me) => {
  if (me === null) {
    connection?.close();
    connection = null;
  } else if (listeners.size > 0) {
    open();
  }
});

export function subscribeLive(listener: LiveListener): () => void {
  listeners.add(listener);
  open();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      connection?.close();
      connection = null;
    }
  };
}

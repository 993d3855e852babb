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

export function subscribeLive(listener: LiveListener): () => void {
  listeners.add(listener);
  connection ??= connectLiveEvents({
    url: "/api/v1/events",
    getToken: () => session.getAccess(),
    refreshAuth,
    onEvent: (message) => listeners.forEach((l) => l.onEvent?.(message)),
    onOpen: ({ resumed }) => {
      if (resumed) listeners.forEach((l) => l.onResume?.());
    },
    environment: browserEnvironment(),
  });
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      connection?.close();
      connection = null;
    }
  };
}

/**
 * The browser's install prompt, caught as soon as the app's code runs (the event can fire before
 * any screen is drawn), and what the install card needs to remember on this device.
 */

/** Chromium's event; not in TypeScript's DOM library. */
export interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<unknown>;
  readonly userChoice: Promise<{ outcome: "accepted" | "dismissed"; platform?: string }>;
}

const DISMISSED_KEY = "wp.install.dismissed_at";
const VISITS_KEY = "wp.install.visits";
const READ_POST_KEY = "wp.install.read_post";
const COUNTED_KEY = "wp.install.counted"; // sessionStorage: one visit per browser session

let deferred: BeforeInstallPromptEvent | null = null;
const listeners = new Set<() => void>();
let version = 0; // counts changes, so a screen can tell that it has missed one
const changed = () => {
  version += 1;
  listeners.forEach((listener) => listener());
};

export const install = {
  version: () => version,

  canPrompt: () => deferred !== null,

  /** Show the browser's own dialog; it can be used only once, so the event is dropped after. */
  async prompt(): Promise<"accepted" | "dismissed" | "unavailable"> {
    const event = deferred;
    if (!event) return "unavailable";
    deferred = null;
    changed();
    await event.prompt();
    const { outcome } = await event.userChoice;
    if (outcome === "dismissed") install.dismiss();
    return outcome;
  },

  dismiss(now: number = Date.now()) {
    write(localStorage, DISMISSED_KEY, String(now));
    changed();
  },

  dismissedAt(): number | null {
    const value = Number(read(localStorage, DISMISSED_KEY) ?? "");
    return value > 0 ? value : null;
  },

  visits: () => Number(read(localStorage, VISITS_KEY) ?? "0") || 0,

  readPost: () => read(localStorage, READ_POST_KEY) === "1",

  markPostRead() {
    if (install.readPost()) return;
    write(localStorage, READ_POST_KEY, "1");
    changed();
  },

  standalone(): boolean {
    const iosStandalone = (navigator as { standalone?: boolean }).standalone === true;
    return iosStandalone || matchMedia("(display-mode: standalone)").matches;
  },

  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

function read(storage: Storage, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

function write(storage: Storage, key: string, value: string): void {
  try {
    storage.setItem(key, value);
  } catch {
    // storage disabled: the card may come back next time, which is harmless
  }
}

if (typeof window !== "undefined") {
  addEventListener("beforeinstallprompt", (event) => {
    // Keep Chrome's mini-infobar away: the app offers installing at a better moment.
    event.preventDefault();
    deferred = event as BeforeInstallPromptEvent;
    changed();
  });
  addEventListener("appinstalled", () => {
    deferred = null;
    changed();
  });
  if (read(sessionStorage, COUNTED_KEY) === null) {
    write(sessionStorage, COUNTED_KEY, "1");
    write(localStorage, VISITS_KEY, String(install.visits() + 1));
  }
}

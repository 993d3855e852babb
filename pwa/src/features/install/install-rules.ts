/**
 * When to offer "Install Winkelpraat on your home screen": not on the first load (nobody knows
 * the app yet), but once the person has read a post or comes back a second time; never over a
 * half-typed form, never when they said "not now" in the last 30 days, never when installed.
 */

export const DISMISS_FOR_MS = 30 * 24 * 60 * 60 * 1000;

export interface InstallSituation {
  /** The browser handed us its install prompt (beforeinstallprompt). */
  canPrompt: boolean;
  /** Already running as the installed app (display-mode: standalone). */
  standalone: boolean;
  loggedIn: boolean;
  /** A screen where the card would get in the way (reading a post, signing in). */
  busyScreen: boolean;
  formDirty: boolean;
  dismissedAt: number | null;
  now: number;
  /** Browser sessions that opened the app, this one included. */
  visits: number;
  readPost: boolean;
}

export function shouldOfferInstall(s: InstallSituation): boolean {
  if (!s.canPrompt || s.standalone || !s.loggedIn || s.busyScreen || s.formDirty) return false;
  if (s.dismissedAt !== null && s.now - s.dismissedAt < DISMISS_FOR_MS) return false;
  return s.readPost || s.visits >= 2;
}

/** What isFormDirty needs of an <input>, <textarea> or <select> the person changed. */
export interface FieldLike {
  type: string;
  value: string;
}

const TEXT_TYPES = new Set(["text", "textarea", "search", "email", "url", "tel", "password", "number"]);

/**
 * True when any field the person changed since the screen opened still holds something: typed
 * text, or a choice (a tick, an option, a date). A field typed in and emptied again loses
 * nothing. Only changes made by the person count, so prefilled edit forms and default choices
 * do not keep the card away for ever.
 */
export function isFormDirty(touched: Iterable<FieldLike>): boolean {
  for (const field of touched) {
    if (!TEXT_TYPES.has(field.type) || field.value.trim() !== "") return true;
  }
  return false;
}

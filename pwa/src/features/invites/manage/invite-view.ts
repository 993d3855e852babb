/** Pure helpers for showing an invite: uses left, the code in groups, its expiry. */

interface Counted {
  max_uses: number;
  use_count: number;
  uses_left?: number;
}

/** The server's `uses_left` when it sends one, else what max_uses and use_count leave. */
export function usesLeft(invite: Counted): number {
  if (typeof invite.uses_left === "number") return Math.max(0, invite.uses_left);
  return Math.max(0, invite.max_uses - invite.use_count);
}

/** Still works: not revoked, not expired, not used up. */
export function isOpen(
  invite: Counted & { is_revoked: boolean; expires_at: string },
  now: number = Date.now(),
): boolean {
  return !invite.is_revoked && Date.parse(invite.expires_at) > now && usesLeft(invite) > 0;
}

/**
 * A code as people read it aloud and type it: upper case in groups of five ("7KQ2M-X9D4P").
 * Typing is forgiving on the server (case, dashes, spaces), so only the display changes.
 */
export function groupCode(code: string): string {
  const plain = code.replace(/[^0-9a-z]/gi, "").toUpperCase();
  return plain.match(/.{1,5}/g)?.join("-") ?? "";
}

/** The quick choices for how long a new invite works, in days; the default is a week. */
export const EXPIRY_PRESETS = [1, 7, 30] as const;
export const DEFAULT_EXPIRY_DAYS = 7;
/** The server refuses invites valid for more than a year. */
export const MAX_EXPIRY_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;

export function expiryInDays(days: number, now: number = Date.now()): string {
  return new Date(now + days * DAY_MS).toISOString();
}

/** "YYYY-MM-DD" as a date input gives it, for `days` from now in the phone's calendar. */
export function dateInputValue(days: number, now: number = Date.now()): string {
  const date = new Date(now + days * DAY_MS);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export type ExpiryResult = { iso: string } | { error: "invalid" | "past" | "tooFar" };

/**
 * A chosen last day ("YYYY-MM-DD") as the end of that day on this phone: an invite "valid
 * until Friday" still works on Friday evening.
 */
export function expiryOnDate(value: string, now: number = Date.now()): ExpiryResult {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return { error: "invalid" };
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const end = new Date(year, month - 1, day, 23, 59, 0, 0);
  if (end.getFullYear() !== year || end.getMonth() !== month - 1 || end.getDate() !== day) {
    return { error: "invalid" };
  }
  if (end.getTime() <= now) return { error: "past" };
  if (end.getTime() > now + MAX_EXPIRY_DAYS * DAY_MS) return { error: "tooFar" };
  return { iso: end.toISOString() };
}

/**
 * "Last active" on the team screens: the server keeps only the day someone last used the app
 * (api/org/models.py: day precision on purpose), so this speaks in days: "today", "yesterday",
 * "3 days ago" for the past week, then the date; "never" for someone who never signed in.
 */
import { catalogues, type Locale } from "../../../lib/i18n";
import { dateTimeFormat, relativeTimeFormat } from "../../../lib/intl-cache";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Up to this many days back the text is relative; older days show their date. */
const RELATIVE_DAYS = 6;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar day `at` falls on in `timeZone` (the phone's when undefined), as UTC midnight. */
function dayOf(at: number, timeZone?: string): number {
  const parts = dateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part("year"), part("month") - 1, part("day"));
}

/** `2026-01-12` as UTC midnight, or null when it is no date. */
export function parseDay(day: string): number | null {
  const match = ISO_DATE.exec(day);
  if (!match) return null;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const at = Date.UTC(y, m - 1, d);
  const check = new Date(at);
  return check.getUTCFullYear() === y && check.getUTCMonth() === m - 1 && check.getUTCDate() === d ? at : null;
}

/** The zone of the server's days: `last_active_on` is "the last day (UTC)" (api/org/schemas.py). */
export const LAST_ACTIVE_ZONE = "UTC";

/**
 * How long ago `day` (YYYY-MM-DD, or null: never) was, counted in calendar days of `timeZone`,
 * the zone the day was written in: "yesterday" is the day before, however few hours ago.
 */
export function lastActiveText(
  day: string | null | undefined,
  locale: Locale,
  now: number,
  timeZone: string = LAST_ACTIVE_ZONE,
): string {
  if (!day) return catalogues[locale]["team.never"];
  const then = parseDay(day);
  if (then === null) return day;
  // A day "in the future" is a clock that runs behind or a server in another zone: today.
  const daysAgo = Math.max(0, Math.round((dayOf(now, timeZone) - then) / DAY_MS));
  if (daysAgo <= RELATIVE_DAYS) return relativeTimeFormat(locale).format(-daysAgo, "day");
  // The date as a date: formatted in UTC, where `then` is its midnight, so no zone moves it.
  return dateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(then);
}

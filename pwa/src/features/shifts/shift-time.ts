/**
 * Shift times as people read them: in the UI language and in the store's time zone (a shift at
 * 09:00 in Amsterdam is 09:00 on the roster, also on a phone set to another zone).
 */

/** `zone` when this browser knows it as an IANA time zone, else undefined (the phone's zone). */
export function knownTimeZone(zone: string | null | undefined): string | undefined {
  if (!zone) return undefined;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, timeZone: string | undefined, options: Intl.DateTimeFormatOptions) {
  const key = `${locale}|${timeZone ?? ""}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formats.set(key, format);
  }
  return format;
}

const DAY: Intl.DateTimeFormatOptions = { weekday: "short", day: "numeric", month: "short" };
const TIME: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit" };
const DATE_KEY: Intl.DateTimeFormatOptions = { year: "numeric", month: "2-digit", day: "2-digit" };

/** "ma 1 dec" / "Mon, Dec 1": the day a shift starts, in the store's zone. */
export function formatShiftDay(iso: string, locale: string, timeZone?: string): string {
  return formatter(locale, timeZone, DAY).format(new Date(iso));
}

/** "09:00 – 17:00"; a night shift names the day it ends: "22:00 – di 2 dec 06:00". */
export function formatShiftTimes(startIso: string, endIso: string, locale: string, timeZone?: string): string {
  const start = new Date(startIso);
  const end = new Date(endIso);
  const time = formatter(locale, timeZone, TIME);
  const sameDay = dateKey(start, timeZone) === dateKey(end, timeZone);
  const endText = sameDay ? time.format(end) : `${formatter(locale, timeZone, DAY).format(end)} ${time.format(end)}`;
  return `${time.format(start)} – ${endText}`;
}

/** The calendar day of `date` in `timeZone` as YYYY-MM-DD. */
export function dateKey(date: Date, timeZone?: string): string {
  const parts = formatter("en-CA", timeZone, DATE_KEY).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

export function isOnShift(startIso: string, endIso: string, now: number = Date.now()): boolean {
  return Date.parse(startIso) <= now && now < Date.parse(endIso);
}

/** Shifts still to come (or under way), soonest first, and those already over, latest first. */
export function splitShifts<T extends { starts_at: string; ends_at: string }>(
  shifts: readonly T[],
  now: number = Date.now(),
): { upcoming: T[]; past: T[] } {
  const upcoming = shifts.filter((s) => Date.parse(s.ends_at) > now);
  const past = shifts.filter((s) => Date.parse(s.ends_at) <= now);
  upcoming.sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at));
  past.sort((a, b) => Date.parse(b.starts_at) - Date.parse(a.starts_at));
  return { upcoming, past };
}

/** Whether the phone's own zone differs from the store's (then the screen says which zone it shows). */
export function differsFromDevice(timeZone: string | undefined): boolean {
  if (!timeZone) return false;
  return new Intl.DateTimeFormat().resolvedOptions().timeZone !== timeZone;
}

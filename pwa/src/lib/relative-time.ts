import { getDisplayTimeZone } from "./i18n";
import { dateTimeFormat, relativeTimeFormat } from "./intl-cache";

/** "5 minutes ago" for recent times, a date for older ones, in the UI language (Intl). */

const STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 7],
];
const WEEK_S = 7 * 24 * 60 * 60;

export function relativeTime(iso: string, locale: string, now: number = Date.now()): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  let value = (then - now) / 1000;
  if (Math.abs(value) >= WEEK_S) {
    // The date in the store's zone, like every other time the app shows (see i18n.ts).
    return dateTimeFormat(locale, { dateStyle: "medium", timeZone: getDisplayTimeZone() }).format(then);
  }
  const format = relativeTimeFormat(locale);
  // Under a minute (either way: phone clocks drift) is "now", not "42 seconds ago".
  if (Math.abs(value) < 60) return format.format(0, "second");
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return format.format(Math.trunc(value), unit);
    value /= size;
  }
  return format.format(Math.trunc(value), "week");
}

/** "bijgewerkt om 10:42" today, "gisteren om 10:42" yesterday, a date for anything older. */
import { catalogues, format, type Locale } from "../../lib/i18n";

const DAY_MS = 24 * 60 * 60 * 1000;

export function lastUpdatedText(at: number | null, locale: Locale, now: number, timeZone?: string): string {
  const messages = catalogues[locale];
  if (at === null) return messages["offline.never"];
  // 24-hour clock in both languages: shop rosters and the till use it.
  const time = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(at);
  const day = dayKey(at, timeZone);
  if (day === dayKey(now, timeZone)) return format(messages["offline.updatedToday"], { time });
  if (day === dayKey(now - DAY_MS, timeZone)) return format(messages["offline.updatedYesterday"], { time });
  const date = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone }).format(at);
  return format(messages["offline.updatedOn"], { date, time });
}

/** The calendar day in the given zone (the phone's own when undefined). */
function dayKey(at: number, timeZone?: string): string {
  return new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }).format(at);
}

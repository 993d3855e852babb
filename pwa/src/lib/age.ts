/** How long something has been waiting, compact for a list: "5 min", "3 uur", "2 dagen". */

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The whole unit that reads best: minutes under an hour, hours under a day, then days. */
function split(seconds: number): { value: number; unit: "minute" | "hour" | "day" } {
  const s = Math.max(0, Number.isFinite(seconds) ? seconds : 0);
  if (s < HOUR) return { value: Math.max(1, Math.floor(s / MINUTE)), unit: "minute" };
  if (s < DAY) return { value: Math.floor(s / HOUR), unit: "hour" };
  return { value: Math.floor(s / DAY), unit: "day" };
}

/** "3 uur" / "3 hr", "2 dagen" / "2 days"; under a minute counts as 1 min (it is waiting). */
export function formatAge(seconds: number, locale: string): string {
  const { value, unit } = split(seconds);
  return new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short" }).format(value);
}

/** The same age as an ISO 8601 duration, for <time dateTime>: "PT3H", "P2D". */
export function ageDuration(seconds: number): string {
  const { value, unit } = split(seconds);
  if (unit === "day") return `P${value}D`;
  return unit === "hour" ? `PT${value}H` : `PT${value}M`;
}

/**
 * <input type="datetime-local"> gives a wall-clock time ("2026-12-01T09:00") with no zone; a
 * roster is in the store's time zone, whatever zone the planner's phone is in. These turn a
 * wall time in an IANA zone into ISO 8601 with its offset, the way the server reads CSV files:
 * a time the clocks skip is refused, a time they show twice is its first (earlier) occurrence.
 */
import { localInputToIso } from "../../news/manage/local-datetime";

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

const pad = (n: number) => String(Math.abs(n)).padStart(2, "0");

/** The zone's UTC offset in minutes at `instant` (e.g. 60 for Amsterdam in winter). */
export function zoneOffsetMinutes(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

export type ZonedResult = { iso: string } | { error: "invalid" | "skipped" };

/** "2026-12-01T09:00" in "Europe/Amsterdam" -> "2026-12-01T09:00:00+01:00". */
export function wallTimeToIso(value: string, timeZone: string | undefined): ZonedResult {
  const m = WALL.exec(value.trim());
  if (!m) return { error: "invalid" };
  if (!timeZone) {
    const iso = localInputToIso(value);
    return iso ? { iso } : { error: "invalid" };
  }
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  if (new Date(wall).getUTCDate() !== day || hour > 23 || minute > 59) return { error: "invalid" };
  // The offsets in force around that day; a wall time matches one, both (clocks go back) or
  // neither (clocks jump forward).
  const day_ms = 24 * 60 * 60 * 1000;
  const offsets = new Set([zoneOffsetMinutes(wall - day_ms, timeZone), zoneOffsetMinutes(wall + day_ms, timeZone)]);
  const matches = [...offsets]
    .map((offset) => ({ offset, instant: wall - offset * 60_000 }))
    .filter(({ instant, offset }) => zoneOffsetMinutes(instant, timeZone) === offset)
    .sort((a, b) => a.instant - b.instant);
  const first = matches[0];
  if (!first) return { error: "skipped" };
  const sign = first.offset >= 0 ? "+" : "-";
  const offset = Math.abs(first.offset);
  return { iso: `${value.trim()}:00${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}` };
}

/**
 * <input type="datetime-local"> speaks "2026-05-01T09:00" in the phone's time zone; the API wants
 * ISO 8601 with an offset. These convert both ways, in the phone's zone.
 */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, "0");

/** "2026-05-01T09:00" -> "2026-05-01T09:00:00+02:00"; null for "" or nonsense. */
export function localInputToIso(value: string): string | null {
  const m = LOCAL.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((part) => Number(part ?? 0)) as number[];
  const date = new Date(year!, month! - 1, day!, hour!, minute!, second!);
  if (Number.isNaN(date.getTime())) return null;
  return toIsoWithOffset(date);
}

/** A Date as local wall time with its UTC offset, e.g. "2026-05-01T09:00:00+02:00". */
export function toIsoWithOffset(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  );
}

/** An API time as the value for a datetime-local input (minutes), or "" for none. */
export function isoToLocalInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return toIsoWithOffset(date).slice(0, 16);
}

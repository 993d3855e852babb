/**
 * The stores-and-regions screen without the screen: the time zones offered, the checks made
 * before sending, where the server's refusals go (next to their field), and the list request.
 */
import { ApiError } from "../../../api/client";
import { errorMessage } from "../../../api/error-message";
import type { MessageKey } from "../../../lib/i18n";
import { dateTimeFormat } from "../../../lib/intl-cache";

/** Where the chain's stores are likely to be; a store elsewhere keeps its own zone offered. */
export const COMMON_TIME_ZONES = [
  "Europe/Amsterdam",
  "Europe/Brussels",
  "Europe/Luxembourg",
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/London",
  "Europe/Dublin",
  "Europe/Lisbon",
  "Europe/Madrid",
  "Europe/Rome",
  "Europe/Zurich",
  "Europe/Vienna",
  "Europe/Copenhagen",
  "Europe/Oslo",
  "Europe/Stockholm",
  "Europe/Helsinki",
  "Europe/Warsaw",
  "Europe/Prague",
  "Europe/Athens",
] as const;
export const DEFAULT_TIME_ZONE = "Europe/Amsterdam";
export const STORE_PAGE_SIZE = 50;

/** The zones to offer: the common ones, with the store's current zone first when it is not one. */
export function timeZoneChoices(current: string | null): string[] {
  const common: readonly string[] = COMMON_TIME_ZONES;
  return current && !common.includes(current) ? [current, ...common] : [...common];
}

/** "Europe/Amsterdam (GMT+1)": the offset on `now`, so summer time shows as it is. */
export function timeZoneLabel(zone: string, locale: string, now: number): string {
  try {
    const parts = dateTimeFormat(locale, { timeZone: zone, timeZoneName: "shortOffset" }).formatToParts(now);
    const offset = parts.find((part) => part.type === "timeZoneName")?.value;
    return offset ? `${zone} (${offset})` : zone;
  } catch {
    return zone; // a browser that does not know the zone (or shortOffset): the name alone
  }
}

/** As api/org/schemas.py StoreCreate: the code is upper case, 2 to 20 letters, digits and dashes. */
const STORE_CODE = /^[A-Z0-9][A-Z0-9-]{1,19}$/;
export const REGION_NAME_MAX = 100;
export const STORE_NAME_MAX = 120;

export function normaliseCode(code: string): string {
  return code.trim().toUpperCase();
}

export interface StoreDraft {
  code: string;
  name: string;
  regionId: number | null;
}

export type StoreField = "code" | "name" | "region_id" | "timezone";

/** What is wrong before sending (message keys); `code` is checked only for a new store. */
export function checkStore(draft: StoreDraft, isNew: boolean): Partial<Record<StoreField, MessageKey>> {
  const errors: Partial<Record<StoreField, MessageKey>> = {};
  if (isNew) {
    const code = normaliseCode(draft.code);
    if (!code) errors.code = "org.store.codeRequired";
    else if (!STORE_CODE.test(code)) errors.code = "org.store.codeFormat";
  }
  if (!draft.name.trim()) errors.name = "org.store.nameRequired";
  if (draft.regionId === null) errors.region_id = "org.store.regionRequired";
  return errors;
}

export function checkRegionName(name: string): MessageKey | null {
  return name.trim() ? null : "org.region.nameRequired";
}

export interface Refusal<F extends string> {
  /** Messages to show next to their field. */
  fields: Partial<Record<F, string>>;
  /** A message for the form as a whole; null when there is none (or nothing to show). */
  form: string | null;
}

/**
 * Where to show why the server refused: a 422's messages next to the fields they name, a 409
 * (a name or code that is taken) next to `takenField`, anything else above the button. A 401
 * shows nothing: the client has already sent the person to sign in.
 */
export function refusal<F extends string>(error: unknown, fields: readonly F[], takenField: F | null): Refusal<F> {
  const found: Partial<Record<F, string>> = {};
  if (error instanceof ApiError && error.status === 401) return { fields: found, form: null };
  if (error instanceof ApiError && error.status === 409 && takenField !== null) {
    found[takenField] = errorMessage(error);
    return { fields: found, form: null };
  }
  if (error instanceof ApiError && error.status === 422 && error.fieldErrors.length > 0) {
    const other: string[] = [];
    for (const { loc, message } of error.fieldErrors) {
      const field = loc[0] === "body" ? fields.find((f) => f === loc[1]) : undefined;
      if (field !== undefined && found[field] === undefined) found[field] = message;
      else other.push(message);
    }
    return { fields: found, form: other.length > 0 ? other.join(" ") : null };
  }
  return { fields: found, form: errorMessage(error) };
}

/** `GET /api/v1/stores`: one region's stores, or every store when `regionId` is null. */
export function storesQuery(regionId: number | null, cursor: string | null, limit = STORE_PAGE_SIZE): URLSearchParams {
  const query = new URLSearchParams({ limit: String(limit) });
  if (regionId !== null) query.set("region_id", String(regionId));
  if (cursor) query.set("cursor", cursor);
  return query;
}

/** The region the screen shows the stores of, kept in the address as `?region=`. */
export function regionFromQuery(query: URLSearchParams): number | null {
  const value = query.get("region");
  const id = Number(value);
  return value && Number.isInteger(id) && id > 0 ? id : null;
}

export function regionToQuery(regionId: number | null): URLSearchParams {
  return new URLSearchParams(regionId === null ? {} : { region: String(regionId) });
}

/**
 * A small typed message catalogue. Keys come from nl.json (the default language); en.json must
 * have the same keys and placeholders (checked by the compiler one way and i18n.test.ts both ways).
 */
import { useEffect, useState } from "preact/hooks";
import en from "../i18n/en.json";
import nl from "../i18n/nl.json";
import { dateTimeFormat } from "./intl-cache";

export type MessageKey = keyof typeof nl;
export const LOCALES = ["nl", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "nl";

export const catalogues: Record<Locale, Record<MessageKey, string>> = { nl, en };

const STORAGE_KEY = "wp.locale";
const listeners = new Set<(locale: Locale) => void>();
let current: Locale = readStoredLocale() ?? DEFAULT_LOCALE;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

function readStoredLocale(): Locale | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : null;
  } catch {
    return null; // no localStorage (tests, disabled storage)
  }
}

/** Translate `key`, replacing `{name}` placeholders with `params.name`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return format(catalogues[current][key] ?? catalogues[DEFAULT_LOCALE][key] ?? key, params);
}

export function format(message: string, params?: Record<string, string | number>): string {
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

export function getLocale(): Locale {
  return current;
}

/** Switch the UI language at once and remember it on this device. */
export function setLocale(locale: Locale): void {
  if (locale === current) return;
  current = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
  if (typeof document !== "undefined") document.documentElement.lang = locale;
  for (const listener of listeners) listener(locale);
}

export function onLocaleChange(listener: (locale: Locale) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Re-render the calling component (the app root) when the language changes. */
export function useLocale(): Locale {
  const [locale, setState] = useState(current);
  useEffect(() => onLocaleChange(setState), []);
  return locale;
}

/** Role label for a role name from the API; unknown roles are shown as they come. */
export function roleLabel(role: string): string {
  const key = `role.${role}`;
  return key in nl ? t(key as MessageKey) : role;
}

/**
 * The time zone absolute times are shown in: the person's store's (set from /me), so "the
 * meeting was posted at 09:00" means the same on every phone in the shop, as on the roster
 * (features/shifts/shift-time.ts). Head office has no store: their phone's own zone.
 */
let displayZone: string | undefined;

/** Use `zone` (an IANA name) for absolute times; null, unknown or invalid: the phone's zone. */
export function setDisplayTimeZone(zone: string | null | undefined): void {
  displayZone = undefined;
  if (!zone) return;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    displayZone = zone;
  } catch {
    // An older browser without this zone: the phone's zone is the best we can do.
  }
}

export function getDisplayTimeZone(): string | undefined {
  return displayZone;
}

function deviceZone(): string {
  return dateTimeFormat("en", {}).resolvedOptions().timeZone;
}

/**
 * "12 jan 2026, 09:00" in the UI language and the display zone. When that zone is not the
 * phone's own (someone on holiday, a phone set to UTC) the zone is named: "09:00 CET".
 */
export function formatDateTime(iso: string, timeZone: string | undefined = displayZone): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (!timeZone || timeZone === deviceZone()) {
    return dateTimeFormat(current, { dateStyle: "medium", timeStyle: "short", timeZone }).format(date);
  }
  return dateTimeFormat(current, {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(date);
}

/** Checks on the preferences form and the server's 422s mapped to its fields. */
import type { FieldError } from "../../api/client";
import { t } from "../../lib/i18n";
import type { Preferences } from "./notifications-api";

export interface PreferenceErrors {
  start?: string;
  end?: string;
  /** About the pair (the server refuses equal start and end). */
  quietHours?: string;
  offShift?: string;
  categories?: string;
  /** Anything the form has no place for. */
  form?: string;
}

const HOUR_MINUTE = /^([01]\d|2[0-3]):[0-5]\d$/;

/** What can be told before asking the server: empty or malformed times. */
export function validatePreferences(form: Preferences): PreferenceErrors {
  const errors: PreferenceErrors = {};
  for (const key of ["start", "end"] as const) {
    const value = form.quiet_hours[key];
    if (!value) errors[key] = t("form.required");
    else if (!HOUR_MINUTE.test(value)) errors[key] = t("settings.badTime");
  }
  return errors;
}

/** A 422's messages next to the fields they are about (by `loc`: ["body", "quiet_hours", "start"]). */
export function preferenceErrors(fieldErrors: readonly FieldError[]): PreferenceErrors {
  const errors: PreferenceErrors = {};
  const add = (key: keyof PreferenceErrors, message: string) => {
    errors[key] = errors[key] ? `${errors[key]} ${message}` : message;
  };
  for (const { loc, message } of fieldErrors) {
    const [where, field, part] = loc;
    if (where !== "body") add("form", message);
    else if (field === "quiet_hours" && (part === "start" || part === "end")) add(part, message);
    else if (field === "quiet_hours") add("quietHours", message);
    else if (field === "off_shift") add("offShift", message);
    else if (field === "categories") add("categories", message);
    else add("form", message);
  }
  return errors;
}

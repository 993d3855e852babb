/**
 * The UI language belongs to the user (PATCH /me) and to this device (localStorage). A change
 * made offline is kept as pending and sent with the next /me load instead of being overwritten.
 */
import { ApiError } from "../../api/client";
import { isLocale, setLocale, type Locale } from "../../lib/i18n";
import { updateLocale, type Me } from "../auth/auth-api";
import { session } from "../../lib/session";

/** Counts choices made on this device, so a /me answer already on its way cannot undo one. */
let choices = 0;

/** Take before loading /me and pass to adoptUserLanguage. */
export function languageChoiceCount(): number {
  return choices;
}

/** Switch the UI at once, then tell the server. Resolves false when the server was not reached. */
export async function changeLanguage(locale: Locale): Promise<{ saved: boolean; me?: Me }> {
  choices += 1;
  setLocale(locale);
  try {
    const me = await updateLocale(locale);
    session.setPendingLocale(null);
    return { saved: true, me };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) throw error; // logged out meanwhile
    session.setPendingLocale(locale);
    return { saved: false };
  }
}

/**
 * After loading /me: send a pending offline choice, or else follow the user's stored language.
 * A choice made while /me was loading wins: that answer predates it (and the choice is saved).
 */
export async function adoptUserLanguage(me: Me, choicesBefore: number = choices): Promise<Me> {
  if (choicesBefore !== choices) return me;
  const pending = session.getPendingLocale();
  if (isLocale(pending) && pending !== me.locale) {
    try {
      const updated = await updateLocale(pending);
      session.setPendingLocale(null);
      return updated;
    } catch {
      return me; // still offline: keep the device's choice and try again next time
    }
  }
  session.setPendingLocale(null);
  if (isLocale(me.locale)) setLocale(me.locale);
  return me;
}

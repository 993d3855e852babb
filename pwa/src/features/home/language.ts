/**
 * The UI language belongs to the user (PATCH /me) and to this device (localStorage). A change
 * made offline is kept as pending and sent with the next /me load instead of being overwritten.
 */
import { ApiError } from "../../api/client";
import { isLocale, setLocale, type Locale } from "../../lib/i18n";
import { updateLocale, type Me } from "../auth/auth-api";
import { session } from "../auth/session";

/** Switch the UI at once, then tell the server. Resolves false when the server was not reached. */
export async function changeLanguage(locale: Locale): Promise<{ saved: boolean; me?: Me }> {
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

/** After loading /me: send a pending offline choice, or else follow the user's stored language. */
export async function adoptUserLanguage(me: Me): Promise<Me> {
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

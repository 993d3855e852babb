/**
 * Sharing a link from the phone (an invite, a sign-in code): the system share sheet where there
 * is one (WhatsApp, mail, ...), else the message and link copied to the clipboard, else the text
 * shown to copy by hand.
 * The choice and the fallbacks are plain functions of what the browser offers, so they are
 * tested without a browser.
 */

export interface ShareData {
  title: string;
  text: string;
  url: string;
}

/** The parts of `navigator` sharing uses (a fake one in tests). */
export interface ShareNavigator {
  share?: (data: ShareData) => Promise<void>;
  canShare?: (data: ShareData) => boolean;
  clipboard?: { writeText?: (text: string) => Promise<void> };
}

export type ShareWay = "share" | "copy" | "manual";
export type ShareOutcome = "shared" | "cancelled" | "copied" | "manual";

/** The best way this browser offers: the share sheet, the clipboard, or neither. */
export function shareWay(nav: ShareNavigator, data: ShareData): ShareWay {
  if (typeof nav.share === "function" && (typeof nav.canShare !== "function" || nav.canShare(data))) {
    return "share";
  }
  if (typeof nav.clipboard?.writeText === "function") return "copy";
  return "manual";
}

/** What goes on the clipboard: the message and the link, as the share sheet would send them. */
export function copyText(data: ShareData): string {
  return `${data.text}\n${data.url}`;
}

/**
 * Share, falling back to the clipboard when the share sheet fails for another reason than the
 * person closing it (a desktop without share targets), and to "copy it yourself" after that.
 */
export async function shareOrCopy(nav: ShareNavigator, data: ShareData): Promise<ShareOutcome> {
  let way = shareWay(nav, data);
  if (way === "share") {
    try {
      await nav.share?.(data);
      return "shared";
    } catch (error) {
      // AbortError: the person closed the sheet; that is their answer, not a failure.
      if (error instanceof DOMException && error.name === "AbortError") return "cancelled";
      way = typeof nav.clipboard?.writeText === "function" ? "copy" : "manual";
    }
  }
  if (way === "copy") {
    try {
      await nav.clipboard?.writeText?.(copyText(data));
      return "copied";
    } catch {
      // No permission (an embedded browser, an unfocused page): show the text instead.
    }
  }
  return "manual";
}

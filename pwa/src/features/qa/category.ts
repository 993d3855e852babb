import nl from "../../i18n/nl.json";
import { t, type MessageKey } from "../../lib/i18n";

/**
 * A category's name in the UI language. The list is configurable on the server
 * (WINKELPRAAT_QA_CATEGORIES), so a name without a translation is shown as it comes.
 */
export function categoryLabel(name: string): string {
  const key = `qa.category.${name}`;
  return key in nl ? t(key as MessageKey) : name;
}

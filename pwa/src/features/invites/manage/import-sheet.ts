/**
 * Bulk onboarding, without the screen: the imported invites or accounts as a printable sheet
 * with one section per store (a refused file's 422 is lib/csv-errors' lineErrors).
 */
import type { ImportedAccount, Invite } from "./invites-api";

export interface SheetEntry {
  key: string;
  storeId: number | null;
  /** A person's name, or the role an invite is for. */
  title: string;
  /** A username and role, or how many times an invite works. */
  detail: string;
  code: string;
  url: string;
  qrSvg: string;
  expiresAt: string;
}

export interface SheetSection {
  storeId: number | null;
  entries: SheetEntry[];
}

export function inviteEntries(
  invites: readonly Invite[],
  detail: (invite: Invite) => string,
  title: (invite: Invite) => string,
): SheetEntry[] {
  return invites.map((invite) => ({
    key: `invite-${invite.id}`,
    storeId: invite.store_id,
    title: title(invite),
    detail: detail(invite),
    code: invite.code,
    url: invite.url,
    qrSvg: invite.qr_svg,
    expiresAt: invite.expires_at,
  }));
}

export function accountEntries(
  accounts: readonly ImportedAccount[],
  detail: (account: ImportedAccount) => string,
): SheetEntry[] {
  return accounts.map((account) => ({
    key: `user-${account.user.id}`,
    storeId: account.user.store_id,
    title: account.user.name,
    detail: detail(account),
    code: account.sign_in_code.code,
    url: account.sign_in_code.url,
    qrSvg: account.sign_in_code.qr_svg,
    expiresAt: account.sign_in_code.expires_at,
  }));
}

/**
 * One section per store, in the order the stores first come (the server sorts an import by
 * store code), head office (no store) last; within a store the order given.
 */
export function sheetSections(entries: readonly SheetEntry[]): SheetSection[] {
  const byStore = new Map<number | null, SheetEntry[]>();
  for (const entry of entries) {
    const list = byStore.get(entry.storeId) ?? [];
    list.push(entry);
    byStore.set(entry.storeId, list);
  }
  const sections = [...byStore.entries()].map(([storeId, list]) => ({ storeId, entries: list }));
  return [...sections.filter((s) => s.storeId !== null), ...sections.filter((s) => s.storeId === null)];
}

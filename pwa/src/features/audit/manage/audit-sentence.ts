/**
 * An audit entry in words, in the reader's language: what was done ("Changed a store: time
 * zone Europe/Amsterdam → Europe/London") and what it was done to (a person or post to open).
 * Pure, with the language passed in, so every action is tested in both languages.
 */
import { catalogues, format, type Locale, type MessageKey } from "../../../lib/i18n";
import { isAuditAction } from "./audit-filter";

/** The part of an entry the words are made from (see `AuditEntry` in audit-api.ts). */
export interface EntryFacts {
  action: string;
  target_type: string;
  target_id: number;
  detail: Record<string, unknown>;
}

/** Names the entry holds only as ids; null when unknown (then the id is shown). */
export interface Names {
  store(id: number): string | null;
  region(id: number): string | null;
}

export interface Target {
  text: string;
  /** A page in the app to open, for people and posts; null for the rest. */
  href: string | null;
}

type Detail = Record<string, unknown>;

function text(detail: Detail, key: string): string | null {
  const value = detail[key];
  return typeof value === "string" && value.trim() ? value : null;
}

function count(detail: Detail, key: string): number | null {
  const value = detail[key];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function record(detail: Detail, key: string): Detail {
  const value = detail[key];
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Detail) : {};
}

export function auditSentence(entry: EntryFacts, locale: Locale, names: Names): string {
  const messages = catalogues[locale];
  const say = (key: MessageKey, params?: Record<string, string | number>) => format(messages[key], params);
  const role = (value: unknown) => {
    const key = `role.${String(value)}`;
    return key in messages ? messages[key as MessageKey] : String(value);
  };
  const store = (value: unknown) =>
    typeof value === "number" ? (names.store(value) ?? say("team.unknownStore", { id: value })) : say("audit.noStore");
  const region = (value: unknown) =>
    typeof value === "number" ? (names.region(value) ?? say("org.store.unknownRegion", { id: value })) : String(value);
  /** "role Staff → Store manager; store A → B": each field that is in both before and after. */
  const changes = (fields: Array<[string, MessageKey, (value: unknown) => string]>) => {
    const before = record(entry.detail, "before");
    const after = record(entry.detail, "after");
    const parts = fields
      .filter(([field]) => field in before || field in after)
      .map(([field, key, show]) => say(key, { from: show(before[field]), to: show(after[field]) }));
    return parts.length > 0 ? parts.join("; ") : "—";
  };
  const detail = entry.detail;
  const name = text(detail, "name") ?? say("audit.someone");
  const amount = count(detail, "count") ?? 0;
  if (!isAuditAction(entry.action)) return entry.action;
  switch (entry.action) {
    case "user.deactivate":
      return say("audit.sentence.user.deactivate", { name });
    case "user.reactivate":
      return say("audit.sentence.user.reactivate", { name });
    case "user.change":
      return say("audit.sentence.user.change", {
        changes: changes([
          ["role", "audit.change.role", role],
          ["store_id", "audit.change.store", store],
        ]),
      });
    case "user.sign_in_code":
      return say("audit.sentence.user.sign_in_code");
    case "user.password_reset":
      return say("audit.sentence.user.password_reset");
    case "store.change":
      return say("audit.sentence.store.change", {
        changes: changes([
          ["name", "audit.change.name", String],
          ["region_id", "audit.change.region", region],
          ["timezone", "audit.change.timezone", String],
        ]),
      });
    case "invite.create": {
      const uses = count(detail, "uses") ?? 1;
      const params = {
        role: role(detail.role),
        uses: uses === 1 ? say("audit.uses.one") : say("audit.uses.other", { count: uses }),
      };
      return typeof detail.store_id === "number"
        ? say("audit.sentence.invite.create", { ...params, store: store(detail.store_id) })
        : say("audit.sentence.invite.createNoStore", params);
    }
    case "invite.revoke":
      return say("audit.sentence.invite.revoke", { used: count(detail, "used") ?? 0 });
    case "invites.import":
      return amount === 1
        ? say("audit.sentence.invites.import.one")
        : say("audit.sentence.invites.import.other", { count: amount });
    case "users.import":
      return amount === 1
        ? say("audit.sentence.users.import.one")
        : say("audit.sentence.users.import.other", { count: amount });
    case "news.urgent":
      return say("audit.sentence.news.urgent", {
        title: text(detail, "title") ?? say("audit.target.news", { id: entry.target_id }),
        reason: text(detail, "reason") ?? "—",
      });
  }
}

/** What the entry is about: a person's page, a post, or a store, invite... by name or number. */
export function auditTarget(entry: EntryFacts, locale: Locale, names: Names): Target {
  const messages = catalogues[locale];
  const id = entry.target_id;
  switch (entry.target_type) {
    case "user":
      return {
        text: text(entry.detail, "name") ?? format(messages["audit.target.user"], { id }),
        href: `/team/people/${id}`,
      };
    case "news":
      return {
        text: text(entry.detail, "title") ?? format(messages["audit.target.news"], { id }),
        href: `/news/${id}`,
      };
    case "store":
      return { text: names.store(id) ?? format(messages["team.unknownStore"], { id }), href: null };
    case "invite":
      return { text: format(messages["audit.target.invite"], { id }), href: null };
    default:
      return { text: `${entry.target_type} ${id}`, href: null };
  }
}

import { describe, expect, it } from "vitest";
import { auditQuery, filterFromQuery, filterToQuery, isFiltered, type AuditFilter } from "./audit-filter";

const none: AuditFilter = { action: null, actorId: null };

describe("audit filter", () => {
  it("reads what it wrote, and drops what it does not know", () => {
    const filter: AuditFilter = { action: "store.change", actorId: 12 };
    expect(filterToQuery(filter).toString()).toBe("action=store.change&actor=12");
    expect(filterFromQuery(filterToQuery(filter))).toEqual(filter);
    expect(filterFromQuery(new URLSearchParams("action=user.delete&actor=-1"))).toEqual(none);
    expect(filterFromQuery(new URLSearchParams("actor=abc"))).toEqual(none);
    expect(filterToQuery(none).toString()).toBe("");
  });

  it("asks for everything, newest first, a page at a time", () => {
    expect(auditQuery(none, true, null).toString()).toBe("limit=30");
    expect(auditQuery(none, false, "next-page", 10).toString()).toBe("limit=10&cursor=next-page");
  });

  it("sends an admin's action and person", () => {
    expect(auditQuery({ action: "user.change", actorId: 7 }, true, null).toString()).toBe(
      "limit=30&action=user.change&actor_id=7",
    );
  });

  it("never sends a person for head office, who reads only their own entries", () => {
    const query = auditQuery({ action: "news.urgent", actorId: 7 }, false, "c");
    expect(query.toString()).toBe("limit=30&action=news.urgent&cursor=c");
    expect(isFiltered({ action: null, actorId: 7 }, false)).toBe(false);
    expect(isFiltered({ action: null, actorId: 7 }, true)).toBe(true);
    expect(isFiltered({ action: "invite.create", actorId: null }, false)).toBe(true);
    expect(isFiltered(none, true)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { canReadAudit, readsEveryonesAudit } from "./permissions";

describe("audit permissions (as api/policy.py)", () => {
  it("opens the audit log to head office and admins only", () => {
    expect(canReadAudit(null)).toBe(false);
    expect(canReadAudit({ role: "staff" })).toBe(false);
    expect(canReadAudit({ role: "store_manager" })).toBe(false);
    expect(canReadAudit({ role: "hq" })).toBe(true);
    expect(canReadAudit({ role: "admin" })).toBe(true);
  });

  it("shows everyone's entries, and the person filter, to admins only", () => {
    expect(readsEveryonesAudit({ role: "admin" })).toBe(true);
    expect(readsEveryonesAudit({ role: "hq" })).toBe(false);
    expect(readsEveryonesAudit(null)).toBe(false);
  });
});

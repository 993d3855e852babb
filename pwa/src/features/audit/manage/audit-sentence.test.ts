import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "./audit-filter";
import { auditSentence, auditTarget, type EntryFacts, type Names } from "./audit-sentence";

const names: Names = {
  store: (id) => ({ 7: "Filiaal Centrum", 8: "Filiaal Noord" })[id] ?? null,
  region: (id) => ({ 3: "Randstad", 4: "Zuid" })[id] ?? null,
};

function entry(action: string, detail: Record<string, unknown> = {}, target_type = "user", target_id = 12): EntryFacts {
  return { action, detail, target_type, target_id };
}

describe("audit sentences", () => {
  it.each<[string, EntryFacts, string, string]>([
    [
      "deactivate",
      entry("user.deactivate", { name: "Sam Vermeer" }),
      "Account van Sam Vermeer gedeactiveerd",
      "Deactivated the account of Sam Vermeer",
    ],
    [
      "reactivate",
      entry("user.reactivate", { name: "Sam Vermeer" }),
      "Account van Sam Vermeer weer geactiveerd",
      "Reactivated the account of Sam Vermeer",
    ],
    [
      "role and store change",
      entry("user.change", {
        before: { role: "staff", store_id: 7 },
        after: { role: "store_manager", store_id: 8 },
      }),
      "Rol of winkel gewijzigd: rol Medewerker → Filiaalmanager; winkel Filiaal Centrum → Filiaal Noord",
      "Changed role or store: role Staff → Store manager; store Filiaal Centrum → Filiaal Noord",
    ],
    [
      "to head office (no store)",
      entry("user.change", { before: { role: "store_manager", store_id: 99 }, after: { role: "hq", store_id: null } }),
      "Rol of winkel gewijzigd: rol Filiaalmanager → Hoofdkantoor; winkel Winkel 99 → geen winkel",
      "Changed role or store: role Store manager → Head office; store Store 99 → no store",
    ],
    [
      "sign-in code",
      entry("user.sign_in_code", { expires_at: "2026-01-13T09:00:00+00:00" }),
      "Inlogcode gemaakt om een nieuw wachtwoord te kiezen",
      "Made a sign-in code to choose a new password",
    ],
    [
      "password reset",
      entry("user.password_reset", { sign_in_code_id: 4, made_by_id: 2 }),
      "Nieuw wachtwoord gekozen met een inlogcode",
      "Chose a new password with a sign-in code",
    ],
    [
      "store change",
      entry(
        "store.change",
        { before: { region_id: 3, timezone: "Europe/Amsterdam" }, after: { region_id: 4, timezone: "Europe/London" } },
        "store",
        7,
      ),
      "Winkel gewijzigd: regio Randstad → Zuid; tijdzone Europe/Amsterdam → Europe/London",
      "Changed a store: region Randstad → Zuid; time zone Europe/Amsterdam → Europe/London",
    ],
    [
      "store renamed",
      entry("store.change", { before: { name: "Oud" }, after: { name: "Nieuw" } }, "store", 7),
      "Winkel gewijzigd: naam Oud → Nieuw",
      "Changed a store: name Oud → Nieuw",
    ],
    [
      "invite for a store",
      entry("invite.create", { store_id: 7, role: "staff", uses: 10 }, "invite", 5),
      "Uitnodiging gemaakt: Medewerker in Filiaal Centrum, 10 keer te gebruiken",
      "Created an invite: Staff at Filiaal Centrum, usable 10 times",
    ],
    [
      "invite for head office",
      entry("invite.create", { store_id: null, role: "hq", uses: 1 }, "invite", 5),
      "Uitnodiging gemaakt: Hoofdkantoor, 1 keer te gebruiken",
      "Created an invite: Head office, single use",
    ],
    [
      "invite revoked",
      entry("invite.revoke", { store_id: 7, used: 3 }, "invite", 5),
      "Uitnodiging ingetrokken (aantal keer gebruikt: 3)",
      "Revoked an invite (times used: 3)",
    ],
    [
      "invites imported",
      entry("invites.import", { count: 12, per_store: { A12: 12 }, per_role: { staff: 12 } }, "invite", 5),
      "12 uitnodigingen geïmporteerd uit een bestand",
      "Imported 12 invites from a file",
    ],
    [
      "one invite imported",
      entry("invites.import", { count: 1 }, "invite", 5),
      "1 uitnodiging geïmporteerd uit een bestand",
      "Imported 1 invite from a file",
    ],
    [
      "accounts imported",
      entry("users.import", { count: 4 }),
      "4 accounts aangemaakt uit een bestand",
      "Created 4 accounts from a file",
    ],
    [
      "urgent news",
      entry("news.urgent", { title: "Kassa's liggen eruit", reason: "Storing in alle winkels" }, "news", 40),
      "Urgent bericht ‘Kassa's liggen eruit’ geplaatst. Reden: Storing in alle winkels",
      "Posted the urgent post ‘Kassa's liggen eruit’. Reason: Storing in alle winkels",
    ],
  ])("%s", (_case, facts, nl, en) => {
    expect(auditSentence(facts, "nl", names)).toBe(nl);
    expect(auditSentence(facts, "en", names)).toBe(en);
  });

  it("has words for every action the filter offers", () => {
    for (const action of AUDIT_ACTIONS) {
      expect(auditSentence(entry(action), "nl", names)).not.toBe(action);
    }
  });

  it("shows an unknown action as its name", () => {
    expect(auditSentence(entry("shift.swap", { x: 1 }), "nl", names)).toBe("shift.swap");
    expect(auditSentence(entry("shift.swap"), "en", names)).toBe("shift.swap");
  });

  it("survives details of the wrong shape", () => {
    const odd = entry("user.change", { before: "staff", after: [1, 2] });
    expect(auditSentence(odd, "en", names)).toBe("Changed role or store: —");
    expect(auditSentence(entry("user.deactivate", { name: 42 }), "nl", names)).toBe("Account van iemand gedeactiveerd");
    expect(auditSentence(entry("news.urgent", {}, "news", 40), "en", names)).toBe(
      "Posted the urgent post ‘Post 40’. Reason: —",
    );
  });
});

describe("audit targets", () => {
  it("links people and posts, by name where the entry has one", () => {
    expect(auditTarget(entry("user.deactivate", { name: "Sam Vermeer" }), "nl", names)).toEqual({
      text: "Sam Vermeer",
      href: "/team/people/12",
    });
    expect(auditTarget(entry("user.change"), "en", names)).toEqual({ text: "Person 12", href: "/team/people/12" });
    expect(auditTarget(entry("news.urgent", { title: "Storing" }, "news", 40), "nl", names)).toEqual({
      text: "Storing",
      href: "/news/40",
    });
  });

  it("names stores and invites without a link", () => {
    expect(auditTarget(entry("store.change", {}, "store", 7), "nl", names)).toEqual({
      text: "Filiaal Centrum",
      href: null,
    });
    expect(auditTarget(entry("store.change", {}, "store", 70), "en", names)).toEqual({ text: "Store 70", href: null });
    expect(auditTarget(entry("invite.revoke", {}, "invite", 5), "nl", names)).toEqual({
      text: "Uitnodiging 5",
      href: null,
    });
    expect(auditTarget(entry("shift.swap", {}, "shift", 3), "nl", names)).toEqual({ text: "shift 3", href: null });
  });
});

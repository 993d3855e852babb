import { describe, expect, it } from "vitest";
import en from "../i18n/en.json";
import nl from "../i18n/nl.json";
import {
  catalogues,
  format,
  formatDateTime,
  getDisplayTimeZone,
  getLocale,
  isLocale,
  LOCALES,
  roleLabel,
  setDisplayTimeZone,
  setLocale,
  t,
} from "./i18n";

const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogues", () => {
  it("nl.json and en.json have exactly the same keys", () => {
    const nlKeys = Object.keys(nl).sort();
    const enKeys = Object.keys(en).sort();
    expect(enKeys.filter((k) => !nlKeys.includes(k))).toEqual([]); // in en, missing in nl
    expect(nlKeys.filter((k) => !enKeys.includes(k))).toEqual([]); // in nl, missing in en
  });

  it("every message is a non-empty string with the same placeholders in both languages", () => {
    for (const [key, nlMessage] of Object.entries(nl)) {
      const enMessage = (en as Record<string, unknown>)[key];
      expect(typeof nlMessage, key).toBe("string");
      expect(typeof enMessage, key).toBe("string");
      expect(nlMessage.trim(), key).not.toBe("");
      expect((enMessage as string).trim(), key).not.toBe("");
      expect(placeholders(enMessage as string), key).toEqual(placeholders(nlMessage));
    }
  });

  it("has no broken placeholders: every brace belongs to a {name}", () => {
    for (const catalogue of [nl, en] as Record<string, string>[]) {
      for (const [key, message] of Object.entries(catalogue)) {
        expect(message.replace(/\{\w+\}/g, ""), key).not.toMatch(/[{}]/);
        expect(message, key).toBe(message.trim());
      }
    }
  });

  it("has a catalogue for every locale and a label for every role", () => {
    expect(Object.keys(catalogues).sort()).toEqual([...LOCALES].sort());
    for (const role of ["staff", "store_manager", "hq", "admin"]) {
      expect(Object.keys(nl)).toContain(`role.${role}`);
    }
  });
});

describe("t", () => {
  it("defaults to Dutch and switches language at once", () => {
    expect(getLocale()).toBe("nl");
    expect(t("home.greeting", { name: "Sanne" })).toBe("Hallo, Sanne");
    setLocale("en");
    expect(t("home.greeting", { name: "Sanne" })).toBe("Hello, Sanne");
    expect(roleLabel("store_manager")).toBe("Store manager");
    setLocale("nl");
    expect(roleLabel("store_manager")).toBe("Filiaalmanager");
  });

  it("shows unknown roles as they come", () => {
    expect(roleLabel("auditor")).toBe("auditor");
  });

  it("leaves unknown placeholders visible and fills numbers", () => {
    expect(format("{a} en {b}", { a: 1 })).toBe("1 en {b}");
    expect(t("error.tooManyAttempts", { minutes: 3 })).toContain("3 min.");
  });

  it("recognises only supported locales", () => {
    expect(isLocale("nl")).toBe(true);
    expect(isLocale("en")).toBe(true);
    expect(isLocale("de")).toBe(false);
    expect(isLocale(null)).toBe(false);
  });
});

describe("formatDateTime", () => {
  const device = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  // 07:30 UTC is 08:30 in Amsterdam in winter and 16:30 in Tokyo.
  const iso = "2026-01-12T07:30:00Z";

  it("shows the time in the given zone and the UI language", () => {
    setLocale("nl");
    expect(formatDateTime(iso, "Europe/Amsterdam")).toContain("08:30");
    expect(formatDateTime(iso, "Europe/Amsterdam")).toContain("jan");
    setLocale("en");
    expect(formatDateTime(iso, "Asia/Tokyo")).toContain("Jan");
    expect(formatDateTime(iso, "Asia/Tokyo")).toMatch(/04:30\sPM|16:30/);
    setLocale("nl");
  });

  it("names the zone only when it is not the phone's own", () => {
    const other = device === "Asia/Tokyo" ? "Europe/Amsterdam" : "Asia/Tokyo";
    expect(formatDateTime(iso, device)).not.toMatch(/GMT|UTC|CET/);
    expect(formatDateTime(iso, other)).toMatch(/GMT|CET/);
  });

  it("uses the store's zone once set, and the phone's for an unknown or missing zone", () => {
    setDisplayTimeZone("Asia/Tokyo");
    expect(getDisplayTimeZone()).toBe("Asia/Tokyo");
    expect(formatDateTime(iso)).toContain("16:30");
    setDisplayTimeZone("Mars/Olympus_Mons");
    expect(getDisplayTimeZone()).toBeUndefined();
    expect(formatDateTime(iso)).toBe(formatDateTime(iso, device));
    setDisplayTimeZone(null);
    expect(getDisplayTimeZone()).toBeUndefined();
  });

  it("returns text that is not a date as it came", () => {
    expect(formatDateTime("later")).toBe("later");
  });
});

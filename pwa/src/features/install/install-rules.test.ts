import { describe, expect, it } from "vitest";
import { DISMISS_FOR_MS, isFormDirty, shouldOfferInstall, type InstallSituation } from "./install-rules";

const NOW = Date.UTC(2026, 10, 26, 12, 0);
const DAY = 24 * 60 * 60 * 1000;
const READY: InstallSituation = {
  canPrompt: true,
  standalone: false,
  loggedIn: true,
  busyScreen: false,
  formDirty: false,
  dismissedAt: null,
  now: NOW,
  visits: 1,
  readPost: true,
};

describe("shouldOfferInstall", () => {
  it("offers once a post was read, or on the second visit", () => {
    expect(shouldOfferInstall(READY)).toBe(true);
    expect(shouldOfferInstall({ ...READY, readPost: false, visits: 2 })).toBe(true);
  });

  it("never on the first load, before anything was read", () => {
    expect(shouldOfferInstall({ ...READY, readPost: false, visits: 1 })).toBe(false);
  });

  it.each<[string, Partial<InstallSituation>]>([
    ["without the browser's prompt", { canPrompt: false }],
    ["when already installed", { standalone: true }],
    ["when signed out", { loggedIn: false }],
    ["while reading a post or signing in", { busyScreen: true }],
    ["while a form is half-typed", { formDirty: true }],
    ["within 30 days of 'not now'", { dismissedAt: NOW - DISMISS_FOR_MS + DAY }],
  ])("not %s", (_name, change) => {
    expect(shouldOfferInstall({ ...READY, ...change })).toBe(false);
  });

  it("again 30 days after 'not now'", () => {
    expect(shouldOfferInstall({ ...READY, dismissedAt: NOW - DISMISS_FOR_MS })).toBe(true);
    expect(DISMISS_FOR_MS).toBe(30 * DAY);
  });
});

describe("isFormDirty", () => {
  it("is clean when nothing was changed, or only emptied again", () => {
    expect(isFormDirty([])).toBe(false);
    expect(isFormDirty([{ type: "text", value: "" }, { type: "textarea", value: "  " }])).toBe(false);
  });

  it("is dirty when text was typed", () => {
    expect(isFormDirty([{ type: "text", value: "" }, { type: "textarea", value: "Hoi" }])).toBe(true);
  });

  it("is dirty when a choice was made (tick, option, date)", () => {
    for (const type of ["checkbox", "radio", "select-one", "datetime-local", "file"]) {
      expect(isFormDirty([{ type, value: "" }]), type).toBe(true);
    }
  });
});

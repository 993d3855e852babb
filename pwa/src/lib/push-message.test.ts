import { describe, expect, it } from "vitest";
import {
  APP_NAME,
  appPath,
  isNavigateMessage,
  notificationBody,
  notificationTarget,
  readPushPayload,
  subscriptionBody,
} from "./push-message";

const ORIGIN = "https://winkelpraat.example";

describe("readPushPayload", () => {
  it("keeps every field of a well-formed payload", () => {
    const raw = { title: "Rooster", body: "Nieuw rooster", url: "/news/1", tag: "summary", count: 3 };
    expect(readPushPayload(raw)).toEqual(raw);
  });

  it("falls back field by field instead of dropping the push", () => {
    expect(readPushPayload({ title: " ", body: 4, url: "", tag: "", count: "3" })).toEqual({
      title: APP_NAME,
      body: "",
      url: "/",
      tag: undefined,
      count: undefined,
    });
    expect(readPushPayload(null)).toEqual({ title: APP_NAME, body: "", url: "/", tag: undefined, count: undefined });
  });

  it("accepts only a positive whole count", () => {
    expect(readPushPayload({ count: 0 }).count).toBeUndefined();
    expect(readPushPayload({ count: 2.5 }).count).toBeUndefined();
    expect(readPushPayload({ count: 12 }).count).toBe(12);
  });
});

describe("notificationBody", () => {
  const base = { title: "Winkelpraat", body: "", url: "/inbox" };

  it("is the body as sent when there is no count", () => {
    expect(notificationBody({ ...base, body: "Hallo" }, "nl")).toBe("Hallo");
  });

  it("adds how many items a summary stands for, in the app's language", () => {
    expect(notificationBody({ ...base, count: 3 }, "nl")).toBe("3 nieuwe berichten");
    expect(notificationBody({ ...base, count: 1 }, "nl")).toBe("1 nieuw bericht");
    expect(notificationBody({ ...base, body: "Open the app.", count: 3 }, "en")).toBe("Open the app.\n3 new messages");
    expect(notificationBody({ ...base, count: 2 }, "fr")).toBe("2 nieuwe berichten");
  });

  it("does not repeat a count the server's title or body already gives", () => {
    const summary = { ...base, title: "3 nieuwe berichten sinds je laatste dienst", body: "Open Winkelpraat.", count: 3 };
    expect(notificationBody(summary, "nl")).toBe("Open Winkelpraat.");
    // "13" is not "3": the line is added.
    expect(notificationBody({ ...base, title: "13 dingen", count: 3 }, "nl")).toBe("3 nieuwe berichten");
  });
});

describe("notificationTarget", () => {
  it("opens paths and URLs of the app itself", () => {
    expect(notificationTarget("/news/1", ORIGIN)).toBe(`${ORIGIN}/news/1`);
    expect(notificationTarget("/questions/7?x=1#a", ORIGIN)).toBe(`${ORIGIN}/questions/7?x=1#a`);
    expect(notificationTarget(`${ORIGIN}/inbox`, ORIGIN)).toBe(`${ORIGIN}/inbox`);
  });

  it("sends every other URL to the start page", () => {
    for (const url of [
      "https://evil.example/phish",
      "//evil.example/phish",
      "javascript:alert(1)",
      "data:text/html,hi",
      "http://winkelpraat.example/news/1", // another scheme is another origin
      "",
      42,
      null,
      undefined,
    ]) {
      expect(notificationTarget(url, ORIGIN)).toBe(`${ORIGIN}/`);
    }
  });

  it("gives the router a path", () => {
    expect(appPath(`${ORIGIN}/news/1?a=b#c`, ORIGIN)).toBe("/news/1?a=b#c");
    expect(appPath("https://evil.example/x", ORIGIN)).toBe("/");
  });
});

describe("isNavigateMessage", () => {
  it("accepts only in-app paths", () => {
    expect(isNavigateMessage({ type: "navigate", path: "/news/1" })).toBe(true);
    expect(isNavigateMessage({ type: "navigate", path: "https://evil.example/" })).toBe(false);
    expect(isNavigateMessage({ type: "other", path: "/" })).toBe(false);
    expect(isNavigateMessage(null)).toBe(false);
  });
});

describe("subscriptionBody", () => {
  it("takes endpoint and keys from toJSON() and leaves the rest", () => {
    const json = { endpoint: "https://push.example/abc", expirationTime: null, keys: { p256dh: "BCD", auth: "xyz" } };
    expect(subscriptionBody(json)).toEqual({ endpoint: "https://push.example/abc", keys: { p256dh: "BCD", auth: "xyz" } });
  });

  it("is null for an incomplete subscription", () => {
    expect(subscriptionBody({ endpoint: "https://push.example/abc", keys: { p256dh: "BCD" } })).toBeNull();
    expect(subscriptionBody({ keys: { p256dh: "BCD", auth: "xyz" } })).toBeNull();
    expect(subscriptionBody(null)).toBeNull();
  });
});

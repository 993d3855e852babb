import { describe, expect, it } from "vitest";
import { CACHED_AT_HEADER, markAsCached, sourceOf, stampForCache } from "./cache-stamp";

const STORED = Date.UTC(2026, 10, 26, 9, 42);

describe("the service worker's stamp", () => {
  it("stamps a 200 with the time it is stored and keeps status, headers and body", async () => {
    const original = new Response('{"items":[]}', { status: 200, headers: { "Content-Type": "application/json" } });
    const stamped = stampForCache(original, STORED)!;
    expect(stamped.status).toBe(200);
    expect(stamped.headers.get("Content-Type")).toBe("application/json");
    expect(stamped.headers.get(CACHED_AT_HEADER)).toBe("2026-11-26T09:42:00.000Z");
    expect(await stamped.text()).toBe('{"items":[]}');
  });

  it("keeps nothing but a 200 (no 401, 404 or 5xx in the cache)", () => {
    for (const status of [201, 204, 304, 401, 404, 500, 503]) {
      const body = status === 204 || status === 304 ? null : "x";
      expect(stampForCache(new Response(body, { status }), STORED), String(status)).toBeNull();
    }
  });

  it("serves stamped copies as they are", () => {
    const stamped = stampForCache(new Response("{}"), STORED)!;
    expect(markAsCached(stamped)).toBe(stamped);
    expect(markAsCached(undefined)).toBeNull();
    expect(markAsCached(null)).toBeNull();
  });

  it("marks copies stored before the stamp existed, from their Date header or as unknown", () => {
    const dated = markAsCached(new Response("{}", { headers: { Date: "Thu, 26 Nov 2026 09:42:00 GMT" } }))!;
    expect(sourceOf(dated)).toEqual({ kind: "cache", storedAt: STORED });
    const undated = markAsCached(new Response("{}"))!;
    expect(sourceOf(undated)).toEqual({ kind: "cache", storedAt: null });
  });

  it("reads an unstamped answer as fresh from the network", () => {
    expect(sourceOf(new Response("{}"))).toEqual({ kind: "network" });
  });
});

import { describe, expect, it } from "vitest";
import { createApiClient, type TokenPair } from "../../api/client";
import { CACHED_AT_HEADER, markAsCached, sourceOf, stampForCache, type ResponseSource } from "./cache-stamp";

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

describe("the api client reports where each answer came from", () => {
  function clientWith(answer: () => Promise<Response>) {
    const reported: ResponseSource[] = [];
    const tokens = {
      getAccess: () => "access",
      getRefresh: () => "refresh",
      save: (_pair: TokenPair) => undefined,
      clear: () => undefined,
    };
    const client = createApiClient({ tokens, fetch: answer, onSource: (source) => reported.push(source) });
    return { client, reported };
  }

  it("fresh from the network", async () => {
    const { client, reported } = clientWith(async () => Response.json({ ok: true }));
    expect(await client.get("/me")).toEqual({ ok: true });
    expect(reported).toEqual([{ kind: "network" }]);
  });

  it("served from the cache at the stamped time", async () => {
    const { client, reported } = clientWith(async () => stampForCache(Response.json({ ok: true }), STORED)!);
    expect(await client.get("/me")).toEqual({ ok: true });
    expect(reported).toEqual([{ kind: "cache", storedAt: STORED }]);
  });

  it("unreachable when the fetch itself fails", async () => {
    const { client, reported } = clientWith(async () => {
      throw new TypeError("Failed to fetch");
    });
    await expect(client.get("/me")).rejects.toMatchObject({ status: 0 });
    expect(reported).toEqual([{ kind: "unreachable" }]);
  });
});

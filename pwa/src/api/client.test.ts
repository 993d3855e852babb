import { describe, expect, it, vi } from "vitest";
import { stampForCache, type ResponseSource } from "../lib/cache-stamp";
import type { TokenPair, TokenStore } from "../lib/session";
import { ApiError, createApiClient, isAbortError, parseRetryAfter } from "./client";

interface Call {
  method: string;
  url: string;
  headers: Headers;
  body: string | undefined;
}

type Handler = (call: Call, index: number) => Response | Promise<Response>;

/** A fetch that records every call and answers through `handler`. */
function fakeFetch(handler: Handler) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const call: Call = {
      method: init?.method ?? "GET",
      url: String(input),
      headers: new Headers(init?.headers),
      body: init?.body as string | undefined,
    };
    calls.push(call);
    return handler(call, calls.length - 1);
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

function memoryTokens(access: string | null, refresh: string | null) {
  const state = { access, refresh, cleared: 0 };
  const store: TokenStore = {
    getAccess: () => state.access,
    getRefresh: () => state.refresh,
    save: (pair: TokenPair) => {
      state.access = pair.access_token;
      state.refresh = pair.refresh_token;
    },
    clear: () => {
      state.access = null;
      state.refresh = null;
      state.cleared += 1;
    },
  };
  return { store, state };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });

const pair = (n: number) => ({
  access_token: `a${n}`,
  refresh_token: `r${n}`,
  token_type: "bearer",
  expires_in: 900,
});

/** The server: accepts only the current access token, rotates refresh tokens. */
function server(options: { refreshStatus?: number; valid?: string } = {}): Handler {
  let valid = options.valid ?? "a1";
  return (call) => {
    if (call.url.endsWith("/auth/refresh")) {
      if (options.refreshStatus) return json({ detail: "Invalid refresh token", code: "invalid_token" }, options.refreshStatus);
      valid = "a2";
      return json(pair(2));
    }
    if (call.headers.get("Authorization") !== `Bearer ${valid}`) {
      return json({ detail: "Not authenticated", code: "not_authenticated" }, 401);
    }
    return json({ ok: true, method: call.method });
  };
}

describe("api client", () => {
  it("sends the Bearer token to /api/v1 and parses JSON", async () => {
    const { fetch, calls } = fakeFetch(server());
    const { store } = memoryTokens("a1", "r1");
    const api = createApiClient({ tokens: store, fetch });

    await expect(api.get("/me")).resolves.toEqual({ ok: true, method: "GET" });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe("/api/v1/me");
    expect(calls[0]!.headers.get("Authorization")).toBe("Bearer a1");
  });

  it("on 401 refreshes once, stores the new pair and retries with the new token", async () => {
    const { fetch, calls } = fakeFetch(server({ valid: "a2" }));
    const { store, state } = memoryTokens("a1", "r1");
    const api = createApiClient({ tokens: store, fetch });

    await expect(api.patch("/me", { json: { locale: "en" } })).resolves.toEqual({ ok: true, method: "PATCH" });

    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      "PATCH /api/v1/me",
      "POST /api/v1/auth/refresh",
      "PATCH /api/v1/me",
    ]);
    expect(JSON.parse(calls[1]!.body!)).toEqual({ refresh_token: "r1" });
    expect(calls[1]!.headers.get("Authorization")).toBeNull();
    expect(calls[2]!.headers.get("Authorization")).toBe("Bearer a2");
    expect(calls[2]!.body).toBe(JSON.stringify({ locale: "en" }));
    expect(state).toMatchObject({ access: "a2", refresh: "r2", cleared: 0 });
  });

  it("sends the same Idempotency-Key on the first try and on the retry after a refresh", async () => {
    const { fetch, calls } = fakeFetch(server({ valid: "a2" }));
    const { store } = memoryTokens("a1", "r1");
    const api = createApiClient({ tokens: store, fetch });

    await api.post("/news", { json: { title: "Hoi" }, idempotencyKey: "key-123" });

    const posts = calls.filter((c) => c.url === "/api/v1/news");
    expect(posts).toHaveLength(2);
    expect(posts.map((c) => c.headers.get("Idempotency-Key"))).toEqual(["key-123", "key-123"]);
    // Never on the refresh call itself.
    expect(calls[1]!.headers.get("Idempotency-Key")).toBeNull();
  });

  it("sends no Idempotency-Key unless asked", async () => {
    const { fetch, calls } = fakeFetch(server());
    const api = createApiClient({ tokens: memoryTokens("a1", "r1").store, fetch });
    await api.post("/news", { json: {} });
    expect(calls[0]!.headers.has("Idempotency-Key")).toBe(false);
  });

  it("refreshes only once when several requests get 401 at the same time", async () => {
    const { fetch, calls } = fakeFetch(server({ valid: "a2" }));
    const { store } = memoryTokens("a1", "r1");
    const api = createApiClient({ tokens: store, fetch });

    await Promise.all([api.get("/me"), api.get("/news"), api.get("/questions")]);

    expect(calls.filter((c) => c.url.endsWith("/auth/refresh"))).toHaveLength(1);
    expect(calls.filter((c) => c.headers.get("Authorization") === "Bearer a2")).toHaveLength(3);
  });

  it("drops the tokens and reports lost auth when the refresh is refused", async () => {
    const { fetch, calls } = fakeFetch(server({ valid: "a2", refreshStatus: 401 }));
    const { store, state } = memoryTokens("a1", "r1");
    const api = createApiClient({ tokens: store, fetch });
    const lost = vi.fn();
    api.onAuthLost(lost);

    const error = await api.get("/me").catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect(calls).toHaveLength(2); // the request and the refresh, no retry
    expect(state).toMatchObject({ access: null, refresh: null, cleared: 1 });
    expect(lost).toHaveBeenCalledTimes(1);
  });

  it("drops the tokens when even the fresh token is refused (deactivated user)", async () => {
    const { fetch, calls } = fakeFetch((call) =>
      call.url.endsWith("/auth/refresh")
        ? json(pair(2))
        : json({ detail: "Account deactivated", code: "not_authenticated" }, 401),
    );
    const { store, state } = memoryTokens("a1", "r1");
    const api = createApiClient({ tokens: store, fetch });
    const lost = vi.fn();
    api.onAuthLost(lost);

    await expect(api.get("/me")).rejects.toMatchObject({ status: 401, detail: "Account deactivated" });
    expect(calls).toHaveLength(3); // request, refresh, one retry: never a loop
    expect(state.cleared).toBe(1);
    expect(lost).toHaveBeenCalledTimes(1);
  });

  it("keeps the login when the refresh fails for lack of network", async () => {
    const { fetch } = fakeFetch((call) => {
      if (call.url.endsWith("/auth/refresh")) throw new TypeError("Failed to fetch");
      return json({ detail: "Not authenticated", code: "not_authenticated" }, 401);
    });
    const { store, state } = memoryTokens("a1", "r1");
    const api = createApiClient({ tokens: store, fetch });
    const lost = vi.fn();
    api.onAuthLost(lost);

    await expect(api.get("/me")).rejects.toMatchObject({ status: 0, isNetworkError: true });
    expect(state).toMatchObject({ access: "a1", refresh: "r1", cleared: 0 });
    expect(lost).not.toHaveBeenCalled();
  });

  it("posts the login form url-encoded, without a token and without refreshing on 401", async () => {
    const { fetch, calls } = fakeFetch(() =>
      json({ detail: "Wrong username or password", code: "invalid_credentials" }, 401),
    );
    const { store, state } = memoryTokens(null, "r-old");
    const api = createApiClient({ tokens: store, fetch });

    const error = (await api
      .post("/auth/token", { form: { username: "sanne", password: "p&ss w=rd" }, auth: false })
      .catch((e: unknown) => e)) as ApiError;

    expect(calls).toHaveLength(1);
    expect(calls[0]!.headers.get("Content-Type")).toBe("application/x-www-form-urlencoded");
    expect(new URLSearchParams(calls[0]!.body)).toEqual(
      new URLSearchParams({ username: "sanne", password: "p&ss w=rd" }),
    );
    expect(calls[0]!.headers.get("Authorization")).toBeNull();
    expect(error).toMatchObject({ status: 401, detail: "Wrong username or password", code: "invalid_credentials" });
    expect(state.refresh).toBe("r-old");
  });

  it("reads Retry-After on 429", async () => {
    const { fetch } = fakeFetch(() =>
      json({ detail: "Too many attempts", code: "rate_limited" }, 429, { "Retry-After": "300" }),
    );
    const api = createApiClient({ tokens: memoryTokens(null, null).store, fetch });
    await expect(api.post("/auth/token", { form: {}, auth: false })).rejects.toMatchObject({
      status: 429,
      retryAfter: 300,
    });
  });

  it("turns FastAPI's 422 list into field errors", async () => {
    const { fetch } = fakeFetch(() =>
      json(
        {
          detail: [
            { loc: ["body", "password"], msg: "String should have at least 8 characters", type: "string_too_short" },
            { loc: ["body", "username"], msg: "Field required", type: "missing" },
          ],
        },
        422,
      ),
    );
    const api = createApiClient({ tokens: memoryTokens(null, null).store, fetch });
    const error = (await api.post("/auth/join", { json: {}, auth: false }).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(422);
    expect(error.fieldErrors).toEqual([
      { field: "password", message: "String should have at least 8 characters", loc: ["body", "password"] },
      { field: "username", message: "Field required", loc: ["body", "username"] },
    ]);
  });

  it("keeps the whole loc of a 422, such as a CSV file's line and column", async () => {
    const { fetch } = fakeFetch(() =>
      json({ detail: [{ loc: ["body", "file", 3, "starts_at"], msg: "Not a date and time", type: "value_error" }] }, 422),
    );
    const api = createApiClient({ tokens: memoryTokens("a1", "r1").store, fetch });
    const error = (await api.post("/shifts/import").catch((e: unknown) => e)) as ApiError;
    expect(error.fieldErrors).toEqual([
      { field: "starts_at", message: "Not a date and time", loc: ["body", "file", 3, "starts_at"] },
    ]);
  });

  it("sends FormData as it is, leaving the multipart Content-Type to fetch", async () => {
    const { fetch, calls } = fakeFetch(() => json({ imported: 0, items: [] }, 201));
    const api = createApiClient({ tokens: memoryTokens("a1", "r1").store, fetch });
    const formData = new FormData();
    formData.set("file", new Blob(["username,starts_at,ends_at\n"], { type: "text/csv" }), "shifts.csv");
    await api.post("/shifts/import", { formData });
    expect(calls[0]!.body as unknown).toBe(formData);
    expect(calls[0]!.headers.get("Content-Type")).toBeNull();
    expect(calls[0]!.headers.get("Authorization")).toBe("Bearer a1");
  });

  it("returns undefined for 204 and reports a non-JSON error page without detail", async () => {
    const { fetch } = fakeFetch((_call, i) =>
      i === 0 ? new Response(null, { status: 204 }) : new Response("<h1>Bad gateway</h1>", { status: 502 }),
    );
    const api = createApiClient({ tokens: memoryTokens("a1", "r1").store, fetch });
    await expect(api.post("/auth/logout")).resolves.toBeUndefined();
    await expect(api.get("/me")).rejects.toMatchObject({ status: 502, detail: "" });
  });

  it("gives up after the timeout with a network error", async () => {
    const fetch = ((_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
      })) as typeof globalThis.fetch;
    const api = createApiClient({ tokens: memoryTokens("a1", "r1").store, fetch });
    await expect(api.get("/me", { timeoutMs: 10 })).rejects.toMatchObject({ status: 0, detail: "timeout" });
  });

  it("cancels through the caller's signal with an AbortError, not a network error", async () => {
    const fetch = ((_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
      })) as typeof globalThis.fetch;
    const api = createApiClient({ tokens: memoryTokens("a1", "r1").store, fetch });
    const controller = new AbortController();
    const pending = api.get("/questions/similar?q=bon", { signal: controller.signal });
    controller.abort();
    const error: unknown = await pending.catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(error).not.toBeInstanceOf(ApiError);

    const { fetch: spy, calls } = fakeFetch(() => json({}));
    const quiet = createApiClient({ tokens: memoryTokens("a1", "r1").store, fetch: spy });
    const error2: unknown = await quiet.get("/search?q=x", { signal: controller.signal }).catch((e: unknown) => e);
    expect(isAbortError(error2)).toBe(true);
    expect(calls).toHaveLength(0); // already cancelled: never sent
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("120")).toBe(120);
    const now = Date.parse("2025-01-01T12:00:00Z");
    expect(parseRetryAfter("Wed, 01 Jan 2025 12:05:00 GMT", now)).toBe(300);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
  });
});

describe("the api client reports where each answer came from", () => {
  // The service worker's stamp (lib/cache-stamp.ts) on a cached copy, read back by the client.
  const STORED = Date.UTC(2026, 10, 26, 9, 42);

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

/**
 * fetch wrapper for /api/v1: Bearer token, one refresh-and-retry on 401, Idempotency-Key,
 * and ApiError for every non-2xx answer. Types come from the generated schema.d.ts.
 */
import { sourceOf, type ResponseSource } from "../lib/cache-stamp";
import { freshness } from "../lib/freshness";
import { session, type TokenPair, type TokenStore } from "../lib/session";
import type { paths } from "./schema";

type Method = "get" | "put" | "post" | "delete" | "patch";
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

/** The JSON body a path answers with for status S, read from the generated schema. */
export type JsonResponse<P extends keyof paths, M extends Method, S extends number = 200> =
  Operation<P, M> extends { responses: infer R }
    ? S extends keyof R
      ? R[S] extends { content: { "application/json": infer T } }
        ? T
        : never
      : never
    : never;

/** The JSON request body of a path, read from the generated schema. */
export type JsonBody<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody?: infer B }
    ? NonNullable<B> extends { content: { "application/json": infer T } }
      ? T
      : never
    : never;

export interface FieldError {
  field: string;
  message: string;
  /** The whole `loc` (e.g. ["body", "quiet_hours", "start"], or a CSV line and column). */
  loc: Array<string | number>;
}

/** A non-2xx answer, or status 0 when the network failed or timed out. */
export class ApiError extends Error {
  readonly status: number;
  /** The server's `detail` string, or FastAPI's 422 messages joined; "" when the body had none. */
  readonly detail: string;
  /** The server's machine-readable `code` (e.g. "invalid_credentials"), when given. */
  readonly code: string | null;
  /** Per-field messages from a 422 body (field = last part of `loc`). */
  readonly fieldErrors: FieldError[];
  /** Seconds from a `Retry-After` header (429), when given. */
  readonly retryAfter: number | null;

  constructor(
    status: number,
    detail: string,
    extra: { code?: string | null; fieldErrors?: FieldError[]; retryAfter?: number | null } = {},
  ) {
    super(status === 0 ? `Network error: ${detail}` : `HTTP ${status}: ${detail || "(no detail)"}`);
    this.name = "ApiError";
    this.status = status;
    this.detail = detail;
    this.code = extra.code ?? null;
    this.fieldErrors = extra.fieldErrors ?? [];
    this.retryAfter = extra.retryAfter ?? null;
  }

  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

export interface RequestOptions {
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as application/x-www-form-urlencoded (OAuth2 password flow). */
  form?: Record<string, string>;
  /** Sent as multipart/form-data (file uploads); the browser writes the boundary header. */
  formData?: FormData;
  /** Sets the Idempotency-Key header; the same key is sent again on the retry after a refresh. */
  idempotencyKey?: string;
  /** Send the Bearer token and refresh on 401 (default true). */
  auth?: boolean;
  /** Give up after this many ms (default 15 s): on a bad connection a hanging request is worse than an error. */
  timeoutMs?: number;
  /** Cancels the request (a look-up overtaken by newer typing); it then rejects with an AbortError. */
  signal?: AbortSignal;
}

export interface ApiClientOptions {
  tokens: TokenStore;
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Told, for every answer, whether it came from the server or the service worker's cache. */
  onSource?: (source: ResponseSource) => void;
}

export interface ApiClient {
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, options?: RequestOptions): Promise<T>;
  post<T>(path: string, options?: RequestOptions): Promise<T>;
  patch<T>(path: string, options?: RequestOptions): Promise<T>;
  delete<T>(path: string, options?: RequestOptions): Promise<T>;
  /** Called when the login is gone for good (refresh refused): the tokens are already cleared. */
  onAuthLost(listener: () => void): () => void;
}

const DEFAULT_TIMEOUT_MS = 15_000;

export function createApiClient(options: ApiClientOptions): ApiClient {
  const { tokens } = options;
  const baseUrl = options.baseUrl ?? "/api/v1";
  // Late-bound so tests (and polyfills) that replace globalThis.fetch are honoured.
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
  const authLostListeners = new Set<() => void>();
  let refreshing: Promise<boolean> | null = null;

  function loseAuth(): void {
    tokens.clear();
    for (const listener of authLostListeners) listener();
  }

  async function send(method: string, path: string, opts: RequestOptions, token: string | null) {
    const headers = new Headers({ Accept: "application/json" });
    let body: string | FormData | undefined;
    if (opts.formData !== undefined) {
      body = opts.formData;
    } else if (opts.form !== undefined) {
      headers.set("Content-Type", "application/x-www-form-urlencoded");
      body = new URLSearchParams(opts.form).toString();
    } else if (opts.json !== undefined) {
      headers.set("Content-Type", "application/json");
      body = JSON.stringify(opts.json);
    }
    if (token) headers.set("Authorization", `Bearer ${token}`);
    if (opts.idempotencyKey) headers.set("Idempotency-Key", opts.idempotencyKey);

    const { signal } = opts;
    if (signal?.aborted) throw abortError();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const cancel = () => controller.abort();
    signal?.addEventListener("abort", cancel);
    try {
      const response = await doFetch(baseUrl + path, { method, headers, body, signal: controller.signal });
      options.onSource?.(sourceOf(response));
      return response;
    } catch (error) {
      if (signal?.aborted) throw abortError();
      const reason = controller.signal.aborted ? "timeout" : String(error);
      options.onSource?.({ kind: "unreachable" });
      throw new ApiError(0, reason);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", cancel);
    }
  }

  /**
   * Rotate the refresh token once, however many requests saw a 401 at the same time: refresh
   * tokens are single-use, and reusing a rotated one makes the server revoke the whole login.
   * Returns true when there is a (possibly newer) access token to retry with.
   */
  function refreshOnce(staleAccess: string | null): Promise<boolean> {
    refreshing ??= withCrossTabLock(async () => {
      // Another tab (or an earlier call) may have refreshed while we waited for the lock.
      const current = tokens.getAccess();
      if (current && current !== staleAccess) return true;
      const refreshToken = tokens.getRefresh();
      if (!refreshToken) return false;
      const response = await send("POST", "/auth/refresh", { json: { refresh_token: refreshToken } }, null);
      if (response.ok) {
        tokens.save((await response.json()) as TokenPair);
        return true;
      }
      if (response.status === 400 || response.status === 401 || response.status === 403) return false;
      // 5xx or similar: the login may still be fine, so keep the tokens and report the error.
      throw await toApiError(response);
    }).finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const useAuth = opts.auth ?? true;
    const access = useAuth ? tokens.getAccess() : null;
    let response = await send(method, path, opts, access);

    if (response.status === 401 && useAuth && (access || tokens.getRefresh())) {
      // A network failure while refreshing propagates as ApiError(0): being offline keeps you logged in.
      const refreshed = await refreshOnce(access);
      if (!refreshed) {
        loseAuth();
        throw await toApiError(response);
      }
      response = await send(method, path, opts, tokens.getAccess());
      if (response.status === 401) {
        // A brand-new token refused: the account is deactivated or the login revoked.
        loseAuth();
      }
    }

    if (!response.ok) throw await toApiError(response);
    if (opts.signal?.aborted) throw abortError();
    if (response.status === 204 || response.status === 205) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    request,
    get: (path, opts) => request("GET", path, opts),
    post: (path, opts) => request("POST", path, opts),
    patch: (path, opts) => request("PATCH", path, opts),
    delete: (path, opts) => request("DELETE", path, opts),
    onAuthLost(listener) {
      authLostListeners.add(listener);
      return () => authLostListeners.delete(listener);
    },
  };
}

function abortError(): DOMException {
  return new DOMException("The request was cancelled", "AbortError");
}

/** True for the rejection of a request cancelled through its `signal` (nothing to show). */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}

async function withCrossTabLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = (globalThis as { navigator?: Navigator }).navigator?.locks;
  if (!locks) return task();
  return locks.request("winkelpraat-token-refresh", task) as Promise<T>;
}

/** Build an ApiError from a response: `{"detail": str, "code": str}` or FastAPI's 422 list. */
export async function toApiError(response: Response): Promise<ApiError> {
  let detail = "";
  let code: string | null = null;
  let fieldErrors: FieldError[] = [];
  try {
    const body = (await response.json()) as { detail?: unknown; code?: unknown };
    if (typeof body.detail === "string") detail = body.detail;
    if (typeof body.code === "string") code = body.code;
    if (Array.isArray(body.detail)) {
      fieldErrors = body.detail.flatMap((item: unknown) => {
        const { loc, msg } = (item ?? {}) as { loc?: unknown; msg?: unknown };
        if (typeof msg !== "string") return [];
        const parts = Array.isArray(loc)
          ? loc.filter((part): part is string | number => typeof part === "string" || typeof part === "number")
          : [];
        const field = parts.length > 0 ? String(parts[parts.length - 1]) : "";
        return [{ field, message: msg, loc: parts }];
      });
      if (fieldErrors.length > 0) detail = fieldErrors.map((e) => e.message).join(" ");
    }
  } catch {
    // Not JSON (a proxy's HTML error page, an empty body): no detail to show.
  }
  return new ApiError(response.status, detail, {
    code,
    fieldErrors,
    retryAfter: parseRetryAfter(response.headers.get("Retry-After")),
  });
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 section 10.2.3). */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  if (/^\s*\d+\s*$/.test(value)) return Number.parseInt(value, 10);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

/** A fresh key for the Idempotency-Key header; keep it with the pending action to retry safely. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The app-wide client, reading and writing tokens through the session store. */
export const api = createApiClient({ tokens: session, onSource: (source) => freshness.report(source) });

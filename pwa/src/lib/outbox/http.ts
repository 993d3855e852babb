/**
 * Sending an item with a given access token and nothing else: what the service worker does.
 * It never refreshes (refresh tokens are single-use and the page owns their rotation), so a
 * 401 simply leaves the item for the page.
 */
import type { OutboxFieldError, StoredOutboxItem } from "./types";

const TIMEOUT_MS = 15_000;

/** Rejects like the page client's ApiError: `status` (0 offline), `detail`, `fieldErrors`. */
export interface SendFailure {
  status: number;
  detail: string;
  fieldErrors: OutboxFieldError[];
  retryAfter: number | null;
}

export async function sendWithToken(
  item: StoredOutboxItem,
  token: string,
  doFetch: typeof fetch = (input, init) => fetch(input, init),
): Promise<unknown> {
  const headers = new Headers({
    Accept: "application/json",
    Authorization: `Bearer ${token}`,
    "Idempotency-Key": item.idempotencyKey,
  });
  if (item.body !== undefined) headers.set("Content-Type", "application/json");
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let response: Response;
  try {
    response = await doFetch(`/api/v1${item.path}`, {
      method: item.method,
      headers,
      body: item.body === undefined ? undefined : JSON.stringify(item.body),
      signal: controller.signal,
    });
  } catch (error) {
    throw failure(0, controller.signal.aborted ? "timeout" : String(error));
  } finally {
    clearTimeout(timer);
  }
  const text = await response.text().catch(() => "");
  if (!response.ok) throw parseFailure(response, text);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

function failure(status: number, detail: string, extra: Partial<SendFailure> = {}): SendFailure {
  return { status, detail, fieldErrors: [], retryAfter: null, ...extra };
}

/** `{"detail": str}` or FastAPI's 422 list, the same reading as src/api/client.ts toApiError. */
function parseFailure(response: Response, text: string): SendFailure {
  const retry = response.headers.get("Retry-After");
  const retryAfter = retry && /^\s*\d+\s*$/.test(retry) ? Number.parseInt(retry, 10) : null;
  let detail = "";
  let fieldErrors: OutboxFieldError[] = [];
  try {
    const body = JSON.parse(text) as { detail?: unknown };
    if (typeof body.detail === "string") detail = body.detail;
    if (Array.isArray(body.detail)) {
      fieldErrors = body.detail.flatMap((entry: unknown) => {
        const { loc, msg } = (entry ?? {}) as { loc?: unknown; msg?: unknown };
        if (typeof msg !== "string") return [];
        const last = Array.isArray(loc) ? loc[loc.length - 1] : undefined;
        return [{ field: last === undefined ? "" : String(last), message: msg }];
      });
      detail = fieldErrors.map((e) => e.message).join(" ");
    }
  } catch {
    // Not JSON (a proxy's error page): no detail to show.
  }
  return failure(response.status, detail, { fieldErrors, retryAfter });
}

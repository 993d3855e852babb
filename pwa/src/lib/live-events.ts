/**
 * Live updates from GET /api/v1/events (Server-Sent Events), read with fetch streaming so the
 * token goes in the Authorization header (EventSource cannot send headers, and a token in the
 * URL ends up in logs). The connection pauses while the page is hidden, stops offline, and
 * reconnects with exponential backoff and jitter; the server's heartbeats let it notice a
 * connection that died silently (common on mobile networks).
 *
 * Nothing is replayed after a gap: `onOpen({ resumed: true })` tells the screen to check for
 * what it may have missed.
 */

export interface SseMessage {
  /** The `event:` field, "message" when absent. */
  event: string;
  data: string;
  /** The last `id:` seen on this stream (the spec's "last event ID"), "" when none. */
  id: string;
}

export interface SseParser {
  /** Feed decoded text in any pieces: lines and messages may be split anywhere. */
  push(text: string): void;
}

/**
 * The event-stream parser of the HTML standard ("9.2.6 Interpreting an event stream"): lines end
 * in CRLF, LF or CR; `:` starts a comment; `data` lines join with "\n"; a blank line dispatches;
 * a message without data is not dispatched; `retry` takes digits only; an `id` with NUL is ignored.
 */
export function createSseParser(handlers: {
  onMessage: (message: SseMessage) => void;
  onRetry?: (ms: number) => void;
  onComment?: (text: string) => void;
}): SseParser {
  let buffer = "";
  let first = true;
  let skipLineFeed = false; // the previous piece ended in CR: a leading LF belongs to it
  let event = "";
  let data: string[] = [];
  let lastId = "";

  function line(text: string) {
    if (text === "") {
      if (data.length > 0) handlers.onMessage({ event: event || "message", data: data.join("\n"), id: lastId });
      event = "";
      data = [];
      return;
    }
    if (text.startsWith(":")) {
      handlers.onComment?.(text.slice(1).replace(/^ /, ""));
      return;
    }
    const colon = text.indexOf(":");
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? "" : text.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
    else if (field === "id") {
      if (!value.includes("\0")) lastId = value;
    } else if (field === "retry") {
      if (/^\d+$/.test(value)) handlers.onRetry?.(Number.parseInt(value, 10));
    }
  }

  return {
    push(text: string) {
      if (first && text.length > 0) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      if (skipLineFeed && text.startsWith("\n")) text = text.slice(1);
      skipLineFeed = false;
      buffer += text;
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const char = buffer[i];
        if (char !== "\n" && char !== "\r") continue;
        line(buffer.slice(start, i));
        if (char === "\r") {
          if (i + 1 === buffer.length) skipLineFeed = true;
          else if (buffer[i + 1] === "\n") i++;
        }
        start = i + 1;
      }
      buffer = buffer.slice(start);
    },
  };
}

/** Full jitter (AWS architecture blog, "Exponential Backoff And Jitter"): 0..min(cap, base * 2^n). */
export function backoffDelay(attempt: number, random: () => number = Math.random, baseMs = 1000, capMs = 60_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 16));
  return Math.round(random() * ceiling);
}

export interface LiveEventsEnvironment {
  /** Whether the page is visible (document.visibilityState). */
  isVisible(): boolean;
  /** Whether the browser believes it is online (navigator.onLine). */
  isOnline(): boolean;
  /** Subscribe to visibilitychange/online/offline; returns the unsubscribe function. */
  onChange(listener: () => void): () => void;
}

export interface LiveEventsOptions {
  url: string;
  /** The current access token, or null when signed out (then nothing connects). */
  getToken(): string | null;
  /**
   * Called after a 401: refresh the login (the API client knows how). Resolve true to reconnect
   * at once with the new token, false to back off (e.g. the network failed).
   */
  refreshAuth(): Promise<boolean>;
  onEvent(message: SseMessage): void;
  /** A stream is open; `resumed` when an earlier one was open before (events may be missed). */
  onOpen?(info: { resumed: boolean }): void;
  environment: LiveEventsEnvironment;
  fetch?: typeof fetch;
  random?: () => number;
  /** A stream silent for this long is taken for dead (the server pings every 15 s). */
  silenceMs?: number;
}

export interface LiveEvents {
  close(): void;
}

const DEFAULT_SILENCE_MS = 45_000;
const DEFAULT_RETRY_MS = 5000;
/** Ids remembered to drop an event delivered twice (e.g. around a reconnect). */
const REMEMBERED_IDS = 50;

export function connectLiveEvents(options: LiveEventsOptions): LiveEvents {
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => fetch(input, init));
  const random = options.random ?? Math.random;
  const silenceMs = options.silenceMs ?? DEFAULT_SILENCE_MS;
  const seen: string[] = [];
  let closed = false;
  let running: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let attempt = 0;
  let retryMs = DEFAULT_RETRY_MS;
  let everOpened = false;
  let lastId = "";

  const wanted = () => !closed && options.environment.isVisible() && options.environment.isOnline();

  function clearTimer() {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  function stop() {
    clearTimer();
    const current = running;
    running = null;
    current?.abort();
  }

  function schedule(delayMs: number) {
    clearTimer();
    if (!wanted()) return;
    timer = setTimeout(() => {
      timer = null;
      start();
    }, delayMs);
  }

  function start() {
    if (running || !wanted()) return;
    const token = options.getToken();
    if (!token) return; // signed out: a later sign-in builds a new connection
    const controller = new AbortController();
    running = controller;
    void run(controller, token).then((next) => {
      if (running !== controller) return; // stopped on purpose (hidden, offline, closed)
      running = null;
      if (next === "now") start();
      else if (next !== "stop") schedule(next === "backoff" ? backoffDelay(attempt++, random) : jitter(retryMs));
    });
  }

  function jitter(ms: number): number {
    return Math.round(ms * (0.5 + random()));
  }

  /** One connection; says what to do next: reconnect "now", after a "backoff", after the
   * server's "retry" hint (a clean end), or "stop" (signed out). */
  async function run(controller: AbortController, token: string): Promise<"now" | "backoff" | "retry" | "stop"> {
    let silence: ReturnType<typeof setTimeout> | null = null;
    const resetSilence = () => {
      if (silence !== null) clearTimeout(silence);
      silence = setTimeout(() => controller.abort(), silenceMs);
    };
    try {
      const headers: Record<string, string> = { Accept: "text/event-stream", Authorization: `Bearer ${token}` };
      if (lastId) headers["Last-Event-ID"] = lastId;
      resetSilence();
      const response = await doFetch(options.url, { headers, cache: "no-store", signal: controller.signal });
      if (response.status === 401) {
        await response.body?.cancel().catch(() => undefined);
        if (!options.getToken()) return "stop";
        const refreshed = await options.refreshAuth();
        // The login is gone for good (deactivated, revoked): no more tries with it.
        if (!options.getToken()) return "stop";
        return refreshed && options.getToken() !== token ? "now" : "backoff";
      }
      if (!response.ok || !response.body) {
        await response.body?.cancel().catch(() => undefined);
        return "backoff";
      }
      attempt = 0;
      options.onOpen?.({ resumed: everOpened });
      everOpened = true;
      const parser = createSseParser({
        onMessage(message) {
          lastId = message.id;
          if (message.id) {
            if (seen.includes(message.id)) return;
            seen.push(message.id);
            if (seen.length > REMEMBERED_IDS) seen.shift();
          }
          options.onEvent(message);
        },
        onRetry(ms) {
          retryMs = ms;
        },
      });
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        resetSilence();
        parser.push(decoder.decode(value, { stream: true }));
      }
      return "retry";
    } catch {
      return "backoff"; // network error, or aborted (silence, hidden, offline, closed)
    } finally {
      if (silence !== null) clearTimeout(silence);
    }
  }

  const unsubscribe = options.environment.onChange(() => {
    if (wanted()) {
      attempt = 0;
      if (!running) {
        clearTimer();
        start();
      }
    } else {
      stop(); // hidden or offline: no radio time, no reconnect attempts
    }
  });

  start();

  return {
    close() {
      closed = true;
      unsubscribe();
      stop();
    },
  };
}

/** The browser's page visibility and connectivity. */
export function browserEnvironment(): LiveEventsEnvironment {
  return {
    isVisible: () => typeof document === "undefined" || document.visibilityState !== "hidden",
    isOnline: () => typeof navigator === "undefined" || navigator.onLine !== false,
    onChange(listener) {
      document.addEventListener("visibilitychange", listener);
      window.addEventListener("online", listener);
      window.addEventListener("offline", listener);
      return () => {
        document.removeEventListener("visibilitychange", listener);
        window.removeEventListener("online", listener);
        window.removeEventListener("offline", listener);
      };
    },
  };
}

/** The id in an event's data (`{"id": 7}`), or null for anything else. */
export function subjectIdOf(message: SseMessage): number | null {
  try {
    const id = (JSON.parse(message.data) as { id?: unknown } | null)?.id;
    return typeof id === "number" && Number.isInteger(id) ? id : null;
  } catch {
    return null;
  }
}

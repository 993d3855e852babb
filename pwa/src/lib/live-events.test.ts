import { describe, expect, it, vi } from "vitest";
import {
  backoffDelay,
  connectLiveEvents,
  createSseParser,
  type LiveEventsEnvironment,
  subjectIdOf,
  type SseMessage,
} from "./live-events";

function parse(pieces: string[]) {
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  const retries: number[] = [];
  const parser = createSseParser({
    onMessage: (m) => messages.push(m),
    onComment: (c) => comments.push(c),
    onRetry: (ms) => retries.push(ms),
  });
  for (const piece of pieces) parser.push(piece);
  return { messages, comments, retries };
}

describe("createSseParser", () => {
  it("reads a named event with its id", () => {
    const { messages } = parse(['event: news\ndata: {"id": 7}\nid: abc\n\n']);
    expect(messages).toEqual([{ event: "news", data: '{"id": 7}', id: "abc" }]);
  });

  it("gives the same messages however the text is split", () => {
    const text = ": connected\nretry: 5000\n\nevent: news\ndata: {\"id\": 1}\nid: a1\n\ndata: two\n\n";
    const whole = parse([text]);
    for (let cut = 1; cut < text.length; cut++) {
      expect(parse([text.slice(0, cut), text.slice(cut)])).toEqual(whole);
    }
    expect(parse(text.split(""))).toEqual(whole);
    expect(whole.messages.map((m) => m.data)).toEqual(['{"id": 1}', "two"]);
  });

  it("joins multi-line data with newlines", () => {
    const { messages } = parse(["data: first\ndata: second\ndata\ndata:  spaced\n\n"]);
    expect(messages[0]!.data).toBe("first\nsecond\n\n spaced");
    expect(messages[0]!.event).toBe("message");
  });

  it("reports comments (heartbeats) and never dispatches them", () => {
    const { messages, comments } = parse([": ping\n\n:no space\n\n"]);
    expect(messages).toEqual([]);
    expect(comments).toEqual(["ping", "no space"]);
  });

  it("accepts CRLF and CR line ends, also when CRLF is split between pieces", () => {
    const { messages } = parse(["event: news\r", "\ndata: a\r\rdata: b\r\n\r\n"]);
    expect(messages).toEqual([
      { event: "news", data: "a", id: "" },
      { event: "message", data: "b", id: "" },
    ]);
  });

  it("keeps the last event id for later messages and ignores an id with NUL", () => {
    const { messages } = parse(["id: 1\ndata: a\n\ndata: b\n\nid: x\0y\ndata: c\n\n"]);
    expect(messages.map((m) => m.id)).toEqual(["1", "1", "1"]);
  });

  it("does not dispatch a message without data, nor an unfinished one", () => {
    const { messages } = parse(["event: news\nid: 5\n\ndata: half"]);
    expect(messages).toEqual([]);
  });

  it("takes retry as digits only and skips a leading byte order mark", () => {
    const { retries, messages } = parse(["\uFEFFretry: 3000\nretry: soon\ndata: x\n\n"]);
    expect(retries).toEqual([3000]);
    expect(messages[0]!.data).toBe("x");
  });
});

describe("subjectIdOf", () => {
  it("reads an integer id and refuses anything else", () => {
    const of = (data: string) => subjectIdOf({ event: "news", data, id: "" });
    expect(of('{"id": 12}')).toBe(12);
    for (const bad of ['{"id": "12"}', '{"id": 1.5}', "null", "[]", "not json", "{}"]) expect(of(bad)).toBeNull();
  });
});

describe("backoffDelay", () => {
  it("grows exponentially up to the cap, with full jitter", () => {
    expect(backoffDelay(0, () => 1)).toBe(1000);
    expect(backoffDelay(3, () => 1)).toBe(8000);
    expect(backoffDelay(30, () => 1)).toBe(60_000);
    expect(backoffDelay(3, () => 0.5)).toBe(4000);
    expect(backoffDelay(3, () => 0)).toBe(0);
  });
});

/** A page whose visibility and connectivity the test controls. */
class FakePage implements LiveEventsEnvironment {
  visible = true;
  online = true;
  private listeners = new Set<() => void>();
  isVisible = () => this.visible;
  isOnline = () => this.online;
  onChange(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  set(change: Partial<{ visible: boolean; online: boolean }>) {
    Object.assign(this, change);
    for (const listener of this.listeners) listener();
  }
}

interface Call {
  token: string | null;
  lastEventId: string | null;
  signal: AbortSignal;
  send(text: string): void;
  end(): void;
}

/** A server stand-in: every fetch is recorded and answered by `answer` (a stream by default). */
function fakeServer(answer: (call: Call) => Response | null = () => null) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
    const encoder = new TextEncoder();
    const call: Call = {
      token: headers.get("Authorization"),
      lastEventId: headers.get("Last-Event-ID"),
      signal: init!.signal!,
      send: (text) => controller.enqueue(encoder.encode(text)),
      end: () => controller.close(),
    };
    init!.signal!.addEventListener("abort", () => controller.error(new DOMException("aborted", "AbortError")));
    calls.push(call);
    return answer(call) ?? new Response(body, { status: 200, headers: { "Content-Type": "text/event-stream" } });
  });
  return { calls, fetch: fetch as unknown as typeof globalThis.fetch };
}

const tick = (ms = 10) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 2000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await tick(5);
  }
}

describe("connectLiveEvents", () => {
  function connect(server: ReturnType<typeof fakeServer>, page: FakePage, extra: Record<string, unknown> = {}) {
    const events: SseMessage[] = [];
    const opens: boolean[] = [];
    let token = "t1";
    const live = connectLiveEvents({
      url: "/api/v1/events",
      getToken: () => token,
      refreshAuth: async () => {
        token = "t2";
        return true;
      },
      onEvent: (m) => events.push(m),
      onOpen: ({ resumed }) => opens.push(resumed),
      environment: page,
      fetch: server.fetch,
      random: () => 0, // reconnect at once
      ...extra,
    });
    return { live, events, opens };
  }

  it("sends the Bearer token in a header and delivers events once, by id", async () => {
    const server = fakeServer();
    const { live, events } = connect(server, new FakePage());
    await until(() => server.calls.length === 1);
    const [call] = server.calls;
    expect(call!.token).toBe("Bearer t1");
    call!.send('event: news\ndata: {"id": 3}\nid: e1\n\nevent: news\ndata: {"id": 3}\nid: e1\n\n');
    await until(() => events.length === 1);
    await tick();
    expect(events).toHaveLength(1);
    live.close();
    expect(call!.signal.aborted).toBe(true);
  });

  it("on 401 lets the client refresh, then reconnects with the new token", async () => {
    const server = fakeServer((call) => (call.token === "Bearer t1" ? new Response(null, { status: 401 }) : null));
    const { live, opens } = connect(server, new FakePage());
    await until(() => opens.length === 1);
    expect(server.calls.map((c) => c.token)).toEqual(["Bearer t1", "Bearer t2"]);
    live.close();
  });

  it("stops for good when the refresh ends the login (a deactivated account)", async () => {
    const server = fakeServer(() => new Response(null, { status: 401 }));
    let token: string | null = "t1";
    const refreshAuth = vi.fn(async () => {
      token = null; // the API client cleared the refused login
      return false;
    });
    const { live } = connect(server, new FakePage(), { getToken: () => token, refreshAuth });
    await until(() => refreshAuth.mock.calls.length === 1);
    await tick(100);
    expect(server.calls).toHaveLength(1);
    live.close();
  });

  it("reconnects after the server ends the stream, says it resumed, and sends Last-Event-ID", async () => {
    const server = fakeServer();
    const { live, opens } = connect(server, new FakePage());
    await until(() => server.calls.length === 1);
    server.calls[0]!.send("retry: 0\n\nevent: news\ndata: {}\nid: e9\n\n");
    await tick();
    server.calls[0]!.end();
    await until(() => server.calls.length === 2);
    await until(() => opens.length === 2);
    expect(opens).toEqual([false, true]);
    expect(server.calls[1]!.lastEventId).toBe("e9");
    live.close();
  });

  it("backs off after a failure instead of hammering the server", async () => {
    const server = fakeServer(() => new Response(null, { status: 503 }));
    const { live } = connect(server, new FakePage(), { random: () => 1 });
    await until(() => server.calls.length === 1);
    await tick(300);
    expect(server.calls).toHaveLength(1); // the next attempt waits about a second
    live.close();
  });

  it("treats a silent connection as dead and reconnects", async () => {
    const server = fakeServer();
    const { live } = connect(server, new FakePage(), { silenceMs: 50 });
    await until(() => server.calls.length >= 2);
    expect(server.calls[0]!.signal.aborted).toBe(true);
    live.close();
  });

  it("pauses while the page is hidden and comes back when it is shown", async () => {
    const server = fakeServer();
    const page = new FakePage();
    const { live, opens } = connect(server, page);
    await until(() => opens.length === 1);
    page.set({ visible: false });
    expect(server.calls[0]!.signal.aborted).toBe(true);
    await tick(50);
    expect(server.calls).toHaveLength(1);
    page.set({ visible: true });
    await until(() => opens.length === 2);
    expect(opens).toEqual([false, true]);
    live.close();
  });

  it("stops offline and resumes on online", async () => {
    const server = fakeServer();
    const page = new FakePage();
    page.online = false;
    const { live } = connect(server, page);
    await tick(50);
    expect(server.calls).toHaveLength(0);
    page.set({ online: true });
    await until(() => server.calls.length === 1);
    page.set({ online: false });
    expect(server.calls[0]!.signal.aborted).toBe(true);
    await tick(50);
    expect(server.calls).toHaveLength(1);
    live.close();
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { liveQuery, normalizeQuery, type LiveQueryState } from "./live-query";

interface Call {
  text: string;
  signal: AbortSignal;
  resolve: (value: string[]) => void;
  reject: (error: unknown) => void;
}

function setup(minLength = 3) {
  const calls: Call[] = [];
  const states: Array<LiveQueryState<string[]>> = [];
  const query = liveQuery<string[]>({
    delayMs: 250,
    minLength,
    fetch: (text, signal) =>
      new Promise((resolve, reject) => {
        calls.push({ text, signal, resolve, reject });
      }),
    onChange: (state) => states.push(state),
  });
  const last = () => states[states.length - 1]!;
  return { query, calls, states, last };
}

/** Let resolved promises run their then() callbacks. */
const settle = () => Promise.resolve().then(() => undefined);

describe("liveQuery", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("waits until typing pauses and asks once for the last text", async () => {
    const { query, calls, last } = setup();
    query.update("bon");
    vi.advanceTimersByTime(100);
    query.update("bon op");
    vi.advanceTimersByTime(100);
    query.update("bon opnieuw");
    expect(last().status).toBe("waiting");
    vi.advanceTimersByTime(249);
    expect(calls).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(calls.map((c) => c.text)).toEqual(["bon opnieuw"]);
    expect(last().status).toBe("loading");

    calls[0]!.resolve(["Hoe print ik een kassabon opnieuw?"]);
    await settle();
    expect(last()).toEqual({
      text: "bon opnieuw",
      status: "done",
      result: ["Hoe print ik een kassabon opnieuw?"],
      error: null,
    });
  });

  it("aborts the request of an older text and ignores its late answer", async () => {
    const { query, calls, last } = setup();
    query.update("kassa");
    vi.advanceTimersByTime(250);
    query.update("kassabon");
    expect(calls[0]!.signal.aborted).toBe(true);
    vi.advanceTimersByTime(250);
    calls[1]!.resolve(["new"]);
    calls[0]!.resolve(["old"]);
    await settle();
    expect(last().text).toBe("kassabon");
    expect(last().result).toEqual(["new"]);
  });

  it("keeps the last result on screen while the next text is waiting", async () => {
    const { query, calls, last } = setup();
    query.update("kassa");
    vi.advanceTimersByTime(250);
    calls[0]!.resolve(["a"]);
    await settle();
    query.update("kassab");
    expect(last()).toMatchObject({ text: "kassab", status: "waiting", result: ["a"] });
  });

  it("does not look up short texts, and treats spaces around a text as the same text", () => {
    const { query, calls, last } = setup();
    query.update(" bo ");
    vi.advanceTimersByTime(1000);
    expect(calls).toHaveLength(0);
    expect(last()).toEqual({ text: "bo", status: "idle", result: null, error: null });

    query.update("bon");
    vi.advanceTimersByTime(250);
    query.update("bon   ");
    vi.advanceTimersByTime(250);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.signal.aborted).toBe(false);
  });

  it("reports an error, and retry asks again at once", async () => {
    const { query, calls, last } = setup();
    query.update("rooster");
    vi.advanceTimersByTime(250);
    calls[0]!.reject(new Error("offline"));
    await settle();
    expect(last()).toMatchObject({ status: "error", result: null });
    query.retry();
    expect(calls).toHaveLength(2);
    calls[1]!.resolve(["ok"]);
    await settle();
    expect(last()).toMatchObject({ status: "done", result: ["ok"] });
  });

  it("stops everything on dispose", async () => {
    const { query, calls, states } = setup();
    query.update("rooster");
    vi.advanceTimersByTime(250);
    const before = states.length;
    query.dispose();
    expect(calls[0]!.signal.aborted).toBe(true);
    calls[0]!.resolve(["late"]);
    query.update("iets anders");
    vi.advanceTimersByTime(1000);
    await settle();
    expect(states).toHaveLength(before);
    expect(calls).toHaveLength(1);
  });
});

describe("normalizeQuery", () => {
  it("trims and folds runs of white space", () => {
    expect(normalizeQuery("  bon \n opnieuw\tprinten ")).toBe("bon opnieuw printen");
  });
});

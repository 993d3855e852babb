import { describe, expect, it, vi } from "vitest";
import { createUnreadCounter } from "./unread-count";

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("createUnreadCounter", () => {
  it("asks the server and tells listeners", async () => {
    const counter = createUnreadCounter({ fetch: async () => 3 });
    const seen: Array<number | null> = [];
    counter.subscribe((count) => seen.push(count));
    await counter.refresh();
    expect(counter.get()).toBe(3);
    expect(seen).toEqual([3]);
  });

  it("asks once for a burst of focus and visibility events", async () => {
    let clock = 0;
    const fetch = vi.fn(async () => 1);
    const counter = createUnreadCounter({ fetch, now: () => clock, minIntervalMs: 10_000 });
    await counter.refresh();
    clock = 2_000;
    await counter.refresh();
    expect(fetch).toHaveBeenCalledTimes(1);
    clock = 12_000;
    await counter.refresh();
    expect(fetch).toHaveBeenCalledTimes(2);
    // A push or an inbox action asks at once.
    await counter.refresh(true);
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  it("shares one request between callers while it runs", async () => {
    const answer = deferred<number>();
    const fetch = vi.fn(() => answer.promise);
    const counter = createUnreadCounter({ fetch });
    const first = counter.refresh();
    const second = counter.refresh(true);
    answer.resolve(5);
    await Promise.all([first, second]);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(counter.get()).toBe(5);
  });

  it("keeps the last count when asking fails", async () => {
    let fail = false;
    const counter = createUnreadCounter({
      fetch: async () => {
        if (fail) throw new Error("offline");
        return 2;
      },
    });
    await counter.refresh();
    fail = true;
    await counter.refresh(true);
    expect(counter.get()).toBe(2);
  });

  it("ignores an answer that arrives after a logout", async () => {
    const answer = deferred<number>();
    const counter = createUnreadCounter({ fetch: () => answer.promise });
    const asking = counter.refresh();
    counter.reset();
    answer.resolve(7);
    await asking;
    expect(counter.get()).toBeNull();
  });

  it("never goes below zero", () => {
    const counter = createUnreadCounter({ fetch: async () => 0 });
    counter.set(-1);
    expect(counter.get()).toBe(0);
  });
});

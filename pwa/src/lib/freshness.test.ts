import { describe, expect, it } from "vitest";
import { createFreshnessStore, nextFreshness, type Freshness, type KeyValueStorage } from "./freshness";

const T0 = Date.UTC(2026, 10, 26, 8, 0);
const MIN = 60_000;

function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return { data, getItem: (key) => data[key] ?? null, setItem: (key, value) => void (data[key] = value) };
}

describe("nextFreshness", () => {
  const fresh: Freshness = { offline: false, shownAt: null, lastSync: T0 };

  it("a network answer is a sync", () => {
    const offline: Freshness = { offline: true, shownAt: T0 - MIN, lastSync: T0 - MIN };
    expect(nextFreshness(offline, { kind: "network" }, T0 + MIN)).toEqual({
      offline: false,
      shownAt: null,
      lastSync: T0 + MIN,
    });
  });

  it("a cached answer shows the time its copy was stored", () => {
    expect(nextFreshness(fresh, { kind: "cache", storedAt: T0 - 5 * MIN }, T0 + MIN)).toEqual({
      offline: true,
      shownAt: T0 - 5 * MIN,
      lastSync: T0,
    });
  });

  it("a cached copy newer than the known sync moves the sync forward", () => {
    const next = nextFreshness(fresh, { kind: "cache", storedAt: T0 + 2 * MIN }, T0 + 3 * MIN);
    expect(next).toEqual({ offline: true, shownAt: T0 + 2 * MIN, lastSync: T0 + 2 * MIN });
  });

  it("without a stamp or an answer, falls back to the last sync", () => {
    expect(nextFreshness(fresh, { kind: "cache", storedAt: null }, T0 + MIN)).toEqual({
      offline: true,
      shownAt: T0,
      lastSync: T0,
    });
    expect(nextFreshness(fresh, { kind: "unreachable" }, T0 + MIN)).toEqual({
      offline: true,
      shownAt: T0,
      lastSync: T0,
    });
    const never: Freshness = { offline: false, shownAt: null, lastSync: null };
    expect(nextFreshness(never, { kind: "unreachable" }, T0)).toEqual({ offline: true, shownAt: null, lastSync: null });
  });

  it("an unreachable server keeps the copy's time already on screen", () => {
    const shown = nextFreshness(fresh, { kind: "cache", storedAt: T0 - 9 * MIN }, T0);
    expect(nextFreshness(shown, { kind: "unreachable" }, T0 + MIN).shownAt).toBe(T0 - 9 * MIN);
  });
});

describe("the freshness store", () => {
  it("keeps the last sync across a reload (a new store on the same storage)", () => {
    const storage = memoryStorage();
    let now = T0;
    const first = createFreshnessStore(storage, () => now);
    first.report({ kind: "network" });
    now = T0 + 10 * MIN;
    first.report({ kind: "unreachable" });

    const afterReload = createFreshnessStore(storage, () => now);
    expect(afterReload.get()).toEqual({ offline: false, shownAt: null, lastSync: T0 });
    afterReload.report({ kind: "unreachable" });
    expect(afterReload.get()).toEqual({ offline: true, shownAt: T0, lastSync: T0 });
  });

  it("tells listeners only when the banner changes, and stops after unsubscribe", () => {
    let now = T0;
    const store = createFreshnessStore(memoryStorage(), () => now);
    const seen: boolean[] = [];
    const stop = store.subscribe((state) => seen.push(state.offline));
    store.report({ kind: "network" });
    now += MIN;
    store.report({ kind: "network" });
    store.report({ kind: "cache", storedAt: T0 });
    store.report({ kind: "cache", storedAt: T0 });
    store.report({ kind: "network" });
    stop();
    store.report({ kind: "unreachable" });
    expect(seen).toEqual([true, false]);
  });

  it("works without storage and ignores a garbled stored value", () => {
    expect(createFreshnessStore(null).get().lastSync).toBeNull();
    expect(createFreshnessStore(memoryStorage({ "wp.last_sync": "soon" })).get().lastSync).toBeNull();
    const throwing: KeyValueStorage = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    const store = createFreshnessStore(throwing, () => T0);
    store.report({ kind: "network" });
    expect(store.get().lastSync).toBe(T0);
  });
});

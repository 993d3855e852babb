import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import { errorMessage } from "../api/error-message";
import { createPagedList, type CursorPage, type PagedListState } from "./paged-list";

interface Row {
  id: number;
}

/** A server stand-in: each request waits until the test answers or fails it. */
function server() {
  const requests: Array<{
    cursor: string | null;
    answer(ids: number[], next?: string | null): Promise<void>;
    fail(error: unknown): Promise<void>;
  }> = [];
  const fetchPage = (cursor: string | null) =>
    new Promise<CursorPage<Row>>((resolve, reject) => {
      requests.push({
        cursor,
        answer: async (ids, next = null) => {
          resolve({ items: ids.map((id) => ({ id })), next_cursor: next });
          await settle();
        },
        fail: async (error) => {
          reject(error);
          await settle();
        },
      });
    });
  return { requests, fetchPage };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(options: { handled?: (error: unknown) => boolean } = {}) {
  const net = server();
  const states: Array<PagedListState<Row>> = [];
  const firstPages: Array<CursorPage<Row>> = [];
  const list = createPagedList<Row>({
    fetchPage: net.fetchPage,
    onChange: (state) => states.push(state),
    onFirstPage: (page) => firstPages.push(page),
    ...options,
  });
  const ids = () => list.get().items.map((row) => row.id);
  return { list, net, states, firstPages, ids };
}

describe("createPagedList", () => {
  it("is loading before the first request, with nothing shown", () => {
    const { list } = setup();
    expect(list.get()).toEqual({ items: [], cursor: null, loading: true, loadingMore: false, error: null });
  });

  it("shows the first page and where the next one starts", async () => {
    const { list, net, firstPages, ids } = setup();
    const loaded = list.reload();
    expect(net.requests[0]!.cursor).toBeNull();
    await net.requests[0]!.answer([1, 2], "c2");
    await loaded;
    expect(ids()).toEqual([1, 2]);
    expect(list.get()).toMatchObject({ cursor: "c2", loading: false, loadingMore: false, error: null });
    expect(firstPages).toHaveLength(1);
  });

  it("is empty when the first page has no rows", async () => {
    const { list, net } = setup();
    void list.reload();
    await net.requests[0]!.answer([]);
    expect(list.get()).toEqual({ items: [], cursor: null, loading: false, loadingMore: false, error: null });
  });

  it("appends the next page, skipping rows already shown, until there is no cursor", async () => {
    const { list, net, firstPages, ids } = setup();
    void list.reload();
    await net.requests[0]!.answer([1, 2], "c2");

    void list.more();
    expect(list.get()).toMatchObject({ loadingMore: true, loading: false });
    expect(net.requests[1]!.cursor).toBe("c2");
    // Row 2 moved between the pages while the person was scrolling: it shows once.
    await net.requests[1]!.answer([2, 3], null);
    expect(ids()).toEqual([1, 2, 3]);
    expect(list.get()).toMatchObject({ cursor: null, loadingMore: false });
    expect(firstPages).toHaveLength(1);

    // The end: "more" asks for nothing.
    await list.more();
    expect(net.requests).toHaveLength(2);
  });

  it("asks for one next page at a time, and none while the first page loads", async () => {
    const { list, net } = setup();
    void list.reload();
    void list.more();
    expect(net.requests).toHaveLength(1);
    await net.requests[0]!.answer([1], "c2");
    void list.more();
    void list.more();
    expect(net.requests).toHaveLength(2);
  });

  it("shows an error and keeps the rows; retry loads the first page again", async () => {
    const { list, net, ids } = setup();
    void list.reload();
    await net.requests[0]!.answer([1], "c2");
    void list.more();
    const busy = new ApiError(503, "Server busy");
    await net.requests[1]!.fail(busy);
    expect(list.get()).toMatchObject({ loading: false, loadingMore: false, error: errorMessage(busy) });
    expect(ids()).toEqual([1]);

    void list.reload();
    expect(list.get()).toMatchObject({ loading: true, error: null });
    expect(net.requests[2]!.cursor).toBeNull();
    await net.requests[2]!.answer([1, 2]);
    expect(ids()).toEqual([1, 2]);
    expect(list.get().error).toBeNull();
  });

  it("says nothing on a 401 (the app goes to the login screen) or a failure the screen claims", async () => {
    const claimed: unknown[] = [];
    const { list, net } = setup({
      handled: (error) => {
        if (!(error instanceof ApiError && error.status === 403)) return false;
        claimed.push(error);
        return true;
      },
    });
    void list.reload();
    await net.requests[0]!.fail(new ApiError(401, "Not authenticated"));
    expect(list.get()).toMatchObject({ loading: false, error: null });
    void list.reload();
    await net.requests[1]!.fail(new ApiError(403, "Not yours"));
    expect(list.get()).toMatchObject({ loading: false, error: null });
    expect(claimed).toHaveLength(1);
  });

  it("counts only the newest request: an older filter's late answer is dropped", async () => {
    const { list, net, ids } = setup();
    void list.reload();
    list.clear();
    expect(list.get()).toMatchObject({ items: [], loading: true });
    void list.reload();
    await net.requests[1]!.answer([7]);
    await net.requests[0]!.answer([1, 2], "old");
    expect(ids()).toEqual([7]);
    expect(list.get().cursor).toBeNull();
  });

  it("changes rows in place and shows an action's error", async () => {
    const { list, net, ids } = setup();
    void list.reload();
    await net.requests[0]!.answer([1, 2]);
    list.update((rows) => [{ id: 0 }, ...rows]);
    expect(ids()).toEqual([0, 1, 2]);
    list.setError("Could not mark");
    expect(list.get().error).toBe("Could not mark");
  });

  it("tells nothing after dispose", async () => {
    const { list, net, states } = setup();
    void list.reload();
    const before = states.length;
    list.dispose();
    await net.requests[0]!.answer([1]);
    expect(states).toHaveLength(before);
  });
});

/**
 * The outbox's sending loop against a real (in-memory) IndexedDB; only the network is replaced,
 * by a `send` function that records what it was asked to send and answers as told.
 */
import "fake-indexeddb/auto";
import { beforeEach, describe, expect, it } from "vitest";
import { flushOutbox, judge, type Send } from "./sender";
import { addItem, clearItems, getItem, listItems, removeItem, updateItem } from "./store";
import type { NewOutboxItem, StoredOutboxItem } from "./types";

const ME = 7;
let keys = 0;

function comment(postId: number, body: string, userId = ME): NewOutboxItem {
  return {
    kind: "comment",
    method: "POST",
    path: `/news/${postId}/comments`,
    body: { body },
    context: { postId, body },
    userId,
  };
}

function reaction(postId: number, kind: string, on: boolean): NewOutboxItem {
  return {
    kind: "reaction",
    method: on ? "PUT" : "DELETE",
    path: `/news/${postId}/reactions/${kind}`,
    context: { postId, reaction: kind },
    userId: ME,
  };
}

function mark(kind: "ack" | "read", postId: number): NewOutboxItem {
  return { kind, method: "POST", path: `/news/${postId}/${kind}`, context: { postId }, userId: ME };
}

const add = (item: NewOutboxItem) => addItem(item, `key-${++keys}`);

/** A stand-in for the network: answers with `answer(item)`, which may throw like ApiError. */
function network(answer: (item: StoredOutboxItem) => unknown = (item) => ({ id: item.id })) {
  const calls: Array<{ path: string; key: string; body: unknown; stateInDb: string | undefined }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const send: Send = async (item) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    // What the database said while the request was out: must be "sending".
    calls.push({ path: item.path, key: item.idempotencyKey, body: item.body, stateInDb: (await getItem(item.id))?.state });
    await new Promise((resolve) => setTimeout(resolve, 1));
    inFlight -= 1;
    return answer(item);
  };
  return { send, calls, maxInFlight: () => maxInFlight };
}

const httpError = (status: number, detail = "", extra: object = {}) =>
  Object.assign(new Error(`HTTP ${status}`), { status, detail, fieldErrors: [], retryAfter: null, ...extra });

beforeEach(async () => {
  await clearItems();
});

describe("flushOutbox", () => {
  it("sends waiting items oldest first, one at a time, marked sending while out", async () => {
    await add(comment(1, "first"));
    await add(comment(2, "second"));
    await add(comment(3, "third"));
    const net = network();
    const sent: string[] = [];

    const result = await flushOutbox({ userId: ME, send: net.send, onSent: (item) => sent.push(item.path) });

    expect(net.calls.map((c) => c.path)).toEqual(["/news/1/comments", "/news/2/comments", "/news/3/comments"]);
    expect(net.calls.every((c) => c.stateInDb === "sending")).toBe(true);
    expect(net.maxInFlight()).toBe(1);
    expect(sent).toEqual(net.calls.map((c) => c.path));
    expect(result).toEqual({ sent: 3, failed: 0, stopped: null, retryAfter: null });
    expect(await listItems()).toEqual([]);
  });

  it("hands the server's answer to onSent", async () => {
    await add(comment(1, "hallo"));
    const answers: unknown[] = [];
    await flushOutbox({
      userId: ME,
      send: network(() => ({ id: 99, body: "hallo" })).send,
      onSent: (_item, answer) => answers.push(answer),
    });
    expect(answers).toEqual([{ id: 99, body: "hallo" }]);
  });

  it("resends an item left 'sending' by a crash, with the same Idempotency-Key", async () => {
    const item = await add(comment(1, "half sent"));
    // The page died while the request was out: the state says so, the attempt was counted.
    await updateItem(item.id, (i) => ({ ...i, state: "sending", attempts: 1 }));
    const net = network();

    await flushOutbox({ userId: ME, send: net.send });

    expect(net.calls).toHaveLength(1);
    expect(net.calls[0]?.key).toBe(item.idempotencyKey);
    expect(await listItems()).toEqual([]);
  });

  it("marks a 4xx as failed with the server's words and goes on with the next item", async () => {
    await add(comment(1, "to a deleted post"));
    await add(comment(2, "fine"));
    const fieldErrors = [{ field: "body", message: "Too long" }];
    const net = network((item) => {
      if (item.path === "/news/1/comments") throw httpError(422, "Too long", { fieldErrors });
      return { id: 5 };
    });

    const result = await flushOutbox({ userId: ME, send: net.send });

    expect(result).toMatchObject({ sent: 1, failed: 1, stopped: null });
    const [left] = await listItems();
    expect(left).toMatchObject({
      path: "/news/1/comments",
      state: "failed",
      attempts: 1,
      lastError: { status: 422, detail: "Too long", fieldErrors },
    });
    expect(net.calls.map((c) => c.path)).toEqual(["/news/1/comments", "/news/2/comments"]);
  });

  it("drops a refused read mark instead of keeping it as failed (nothing to fix)", async () => {
    await add(mark("read", 1));
    await add(mark("ack", 1));
    const result = await flushOutbox({ userId: ME, send: network(() => { throw httpError(404, "Not found"); }).send });
    expect(result).toMatchObject({ failed: 2, stopped: null });
    expect((await listItems()).map((i) => [i.kind, i.state])).toEqual([["ack", "failed"]]);
  });

  it("does not send a failed item again on the next round", async () => {
    await add(comment(1, "refused"));
    await flushOutbox({ userId: ME, send: network(() => { throw httpError(404, "Not found"); }).send });
    const net = network();
    await flushOutbox({ userId: ME, send: net.send });
    expect(net.calls).toEqual([]);
    expect((await listItems())[0]?.state).toBe("failed");
  });

  it("stops at a network error and keeps everything, then sends with the same key later", async () => {
    const first = await add(comment(1, "one"));
    await add(comment(2, "two"));
    const offline = network(() => { throw httpError(0, "Failed to fetch"); });

    const result = await flushOutbox({ userId: ME, send: offline.send });

    expect(result).toMatchObject({ sent: 0, stopped: "retry" });
    expect(offline.calls).toHaveLength(1); // the round stopped: the second was not tried
    const left = await listItems();
    expect(left.map((i) => [i.path, i.state])).toEqual([
      ["/news/1/comments", "waiting"],
      ["/news/2/comments", "waiting"],
    ]);
    expect(left[0]?.lastError?.status).toBe(0);

    const online = network();
    await flushOutbox({ userId: ME, send: online.send });
    expect(online.calls.map((c) => c.key)[0]).toBe(first.idempotencyKey);
    expect(await listItems()).toEqual([]);
  });

  it.each([500, 503, 408, 429])("treats %i as 'try again later'", async (status) => {
    await add(comment(1, "x"));
    const result = await flushOutbox({
      userId: ME,
      send: network(() => { throw httpError(status, "", { retryAfter: status === 429 ? 30 : null }); }).send,
    });
    expect(result.stopped).toBe("retry");
    expect(result.retryAfter).toBe(status === 429 ? 30 : null);
    expect((await listItems())[0]?.state).toBe("waiting");
  });

  it("leaves items waiting on 401 (login gone): they go out after the next login", async () => {
    await add(comment(1, "x"));
    await add(comment(2, "y"));
    const result = await flushOutbox({ userId: ME, send: network(() => { throw httpError(401, "Expired"); }).send });
    expect(result.stopped).toBe("auth");
    expect((await listItems()).map((i) => i.state)).toEqual(["waiting", "waiting"]);
  });

  it("counts an unexpected exception as 'not sent yet', never as failed", async () => {
    await add(comment(1, "x"));
    const result = await flushOutbox({ userId: ME, send: network(() => { throw new TypeError("boom"); }).send });
    expect(result.stopped).toBe("retry");
    expect((await listItems())[0]?.state).toBe("waiting");
  });

  it("never sends another user's items", async () => {
    await add(comment(1, "someone else's", 8));
    await add(comment(2, "mine"));
    const net = network();
    await flushOutbox({ userId: ME, send: net.send });
    expect(net.calls.map((c) => c.path)).toEqual(["/news/2/comments"]);
    expect((await listItems()).map((i) => i.userId)).toEqual([8]);
  });

  it("sends each item once when two senders flush at the same time", async () => {
    for (let i = 1; i <= 5; i++) await add(comment(i, `c${i}`));
    const net = network();
    await Promise.all([flushOutbox({ userId: ME, send: net.send }), flushOutbox({ userId: ME, send: net.send })]);
    expect(net.calls.map((c) => c.path)).toEqual([1, 2, 3, 4, 5].map((i) => `/news/${i}/comments`));
    expect(net.maxInFlight()).toBe(1);
  });

  it("skips an item discarded while an earlier one was out", async () => {
    await add(comment(1, "one"));
    const second = await add(comment(2, "two"));
    const net = network(async (item) => {
      if (item.path === "/news/1/comments") await removeItem(second.id);
      return {};
    });
    await flushOutbox({ userId: ME, send: net.send });
    expect(net.calls.map((c) => c.path)).toEqual(["/news/1/comments"]);
  });
});

describe("queueing", () => {
  it("keeps only the last wish per post and reaction kind", async () => {
    await add(reaction(1, "like", true));
    await add(reaction(1, "heart", true));
    await add(reaction(1, "like", false));
    await add(reaction(2, "like", true));

    const left = await listItems();
    expect(left.map((i) => `${i.method} ${i.path}`)).toEqual([
      "PUT /news/1/reactions/heart",
      "DELETE /news/1/reactions/like",
      "PUT /news/2/reactions/like",
    ]);
  });

  it("does not replace a reaction that is being sent right now", async () => {
    const first = await add(reaction(1, "like", true));
    await updateItem(first.id, (i) => ({ ...i, state: "sending" }));
    await add(reaction(1, "like", false));
    expect((await listItems()).map((i) => i.method)).toEqual(["PUT", "DELETE"]);
  });

  it("drops a second ack or read mark for the same post, but replaces a failed one", async () => {
    const ack = await add(mark("ack", 1));
    expect((await add(mark("ack", 1))).id).toBe(ack.id);
    await add(mark("read", 1));
    await add(mark("read", 1));
    await add(mark("read", 2));
    expect((await listItems()).map((i) => i.path)).toEqual(["/news/1/ack", "/news/1/read", "/news/2/read"]);

    await updateItem(ack.id, (i) => ({ ...i, state: "failed" }));
    const again = await add(mark("ack", 1));
    expect(again.id).not.toBe(ack.id);
    expect((await listItems()).filter((i) => i.kind === "ack").map((i) => i.state)).toEqual(["waiting"]);
  });

  it("discards a waiting or failed item, but not one being sent", async () => {
    const waiting = await add(comment(1, "a"));
    const sending = await add(comment(2, "b"));
    await updateItem(sending.id, (i) => ({ ...i, state: "sending" }));
    expect(await removeItem(waiting.id)).toBe(true);
    expect(await removeItem(sending.id)).toBe(false);
    expect((await listItems()).map((i) => i.id)).toEqual([sending.id]);
  });
});

describe("judge", () => {
  it("reads the status, the detail and field errors of an ApiError-like rejection", () => {
    expect(judge(httpError(403, "Not yours"))).toEqual({
      outcome: "failed",
      error: { status: 403, detail: "Not yours", fieldErrors: [] },
    });
    expect(judge(httpError(401)).outcome).toBe("auth");
    expect(judge(httpError(502)).outcome).toBe("retry");
    expect(judge("weird").outcome).toBe("retry");
  });
});

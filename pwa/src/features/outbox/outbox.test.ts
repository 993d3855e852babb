/**
 * The page's side of the outbox against a real (in-memory) IndexedDB; the network is a `send`
 * function that records the Idempotency-Key it was given. (No login here, so nothing flushes
 * on its own: the test sends with the shared loop itself.)
 */
import "fake-indexeddb/auto";
import { beforeEach, describe, expect, it } from "vitest";
import { flushOutbox, type Send } from "../../lib/outbox/sender";
import { addItem, clearItems, getItem, updateItem } from "../../lib/outbox/store";
import { fix } from "./outbox";

const ME = 7;

beforeEach(async () => {
  await clearItems();
});

describe("fix", () => {
  it("sends edited text again with a new Idempotency-Key", async () => {
    const item = await addItem(
      {
        kind: "question",
        method: "POST",
        path: "/questions",
        body: { title: "Kassa", body: "x", category: "it", scope: "store" },
        context: { title: "Kassa", body: "x" },
        userId: ME,
      },
      "key-1",
    );
    await updateItem(item.id, (i) => ({
      ...i,
      state: "failed",
      attempts: 1,
      lastError: { status: 422, detail: "Too short", fieldErrors: [] },
    }));

    await fix(item.id, { title: "Kassa doet raar", body: "Scherm blijft zwart" });

    const fixed = await getItem(item.id);
    expect(fixed).toMatchObject({
      state: "waiting",
      attempts: 0,
      body: { title: "Kassa doet raar", body: "Scherm blijft zwart", category: "it", scope: "store" },
      context: { title: "Kassa doet raar", body: "Scherm blijft zwart" },
    });
    expect(fixed?.lastError).toBeUndefined();
    expect(fixed?.idempotencyKey).not.toBe(item.idempotencyKey);
    const keys: string[] = [];
    const send: Send = async (sent) => {
      keys.push(sent.idempotencyKey);
      return { id: sent.id };
    };
    await flushOutbox({ userId: ME, send });
    expect(keys).toEqual([fixed?.idempotencyKey]);
  });
});

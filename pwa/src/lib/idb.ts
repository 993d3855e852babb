/**
 * The app's IndexedDB database, shared by the page and the service worker. Version 1 holds a
 * small key-value store; version 2 adds the offline outbox (src/lib/outbox/).
 */
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { OutboxItem } from "./outbox/types";

const DB_NAME = "winkelpraat";
const DB_VERSION = 2;

/** Key under which the page mirrors the access token for the service worker. */
export const SW_ACCESS_TOKEN_KEY = "access_token";
/** Key under which the page mirrors the UI language, for text the service worker writes. */
export const SW_LOCALE_KEY = "locale";

export interface WinkelpraatDB extends DBSchema {
  kv: { key: string; value: string };
  /** Actions taken offline, sent oldest first; the auto-increment id is the order. */
  outbox: { key: number; value: OutboxItem };
}

let dbPromise: Promise<IDBPDatabase<WinkelpraatDB>> | null = null;

export function openAppDb(): Promise<IDBPDatabase<WinkelpraatDB>> {
  dbPromise ??= openDB<WinkelpraatDB>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      // One step per version, so any old version upgrades in order.
      if (oldVersion < 1) db.createObjectStore("kv");
      if (oldVersion < 2) db.createObjectStore("outbox", { keyPath: "id", autoIncrement: true });
    },
    blocking() {
      // A newer version (another tab, a new service worker) wants to upgrade: let it.
      void dbPromise?.then((db) => db.close());
      dbPromise = null;
    },
  }).catch((error: unknown) => {
    dbPromise = null; // let the next call try again
    throw error;
  });
  return dbPromise;
}

export async function kvGet(key: string): Promise<string | undefined> {
  return (await openAppDb()).get("kv", key);
}

export async function kvSet(key: string, value: string): Promise<void> {
  await (await openAppDb()).put("kv", value, key);
}

export async function kvDelete(key: string): Promise<void> {
  await (await openAppDb()).delete("kv", key);
}

"""What the app keeps in its IndexedDB database ("winkelpraat", see pwa/src/lib/idb.ts), read
and written from a test the way the page itself would, in the page."""

import time
from typing import Any

from playwright.sync_api import Page

# One request on one object store; resolves with its result once the transaction is done, or
# with null when the database has no such store. Rejects when the app has not created its
# database yet: a test never creates it (that would skip the app's own upgrade).
_REQUEST = """([store, mode, operation, args]) => new Promise((resolve, reject) => {
    const open = indexedDB.open("winkelpraat");
    open.onupgradeneeded = () => open.transaction.abort();
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
        const db = open.result;
        if (!db.objectStoreNames.contains(store)) {
            db.close();
            return resolve(null);
        }
        const tx = db.transaction(store, mode);
        const request = tx.objectStore(store)[operation](...args);
        tx.oncomplete = () => resolve(request.result);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
        // Closes once the transaction is done, so the app can still upgrade its database later.
        db.close();
    };
})"""


def _request(page: Page, store: str, operation: str, *args: Any, mode: str = "readonly") -> Any:
    return page.evaluate(_REQUEST, [store, mode, operation, list(args)])


def outbox_items(page: Page) -> list[dict[str, Any]]:
    """What this phone still holds in its outbox, oldest first."""
    items: list[dict[str, Any]] = _request(page, "outbox", "getAll") or []
    return items


def outbox_at_rest(page: Page, timeout_ms: int = 10_000) -> list[dict[str, Any]]:
    """The outbox once no item is mid-send: offline, the app still tries now and then (it
    trusts real answers, not navigator.onLine), and an item is "sending" while it does."""
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        items = outbox_items(page)
        if all(item["state"] != "sending" for item in items) or time.monotonic() > deadline:
            return items
        page.wait_for_timeout(100)


def outbox_count(page: Page) -> int:
    count: int | None = _request(page, "outbox", "count")
    assert count is not None, "the app's database has no outbox"
    return count


def outbox_settled(page: Page) -> None:
    """Wait until this phone's outbox is empty (opening a post queues and sends its read mark:
    going offline before that is done would leave it waiting too)."""
    page.wait_for_function(
        f"""() => ({_REQUEST})(["outbox", "readonly", "count", []]).then(
            (count) => count === null || count === 0,
            () => false,
        )"""
    )


def kv_put(page: Page, key: str, value: str) -> None:
    """Store `value` under `key` in the key-value store the page shares with its service worker."""
    _request(page, "kv", "put", value, key, mode="readwrite")

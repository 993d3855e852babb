import { useEffect, useRef, useState } from "preact/hooks";
import { getItems, onSent, startOutbox, subscribe, type StoredOutboxItem } from "./outbox";

/**
 * The signed-in person's queued items that `filter` keeps (all when left out), live: updated
 * on every change here, in other tabs and in the service worker. Pass a filter that only
 * depends on props the component is keyed by (it is read on every change).
 */
export function useOutbox(filter?: (item: StoredOutboxItem) => boolean): StoredOutboxItem[] {
  const pick = (all: readonly StoredOutboxItem[]) => (filter ? all.filter(filter) : [...all]);
  const [items, setItems] = useState<StoredOutboxItem[]>(() => pick(getItems()));
  useEffect(() => {
    startOutbox();
    setItems(pick(getItems()));
    return subscribe((all) => setItems(pick(all)));
  }, []);
  return items;
}

/** Call `listener` with each item the server accepts and its answer (the real resource). */
export function useOutboxSent(listener: (item: StoredOutboxItem, result: unknown) => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => onSent((item, result) => latest.current(item, result)), []);
}

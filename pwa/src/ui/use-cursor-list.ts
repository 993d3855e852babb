import { useRef, useState } from "preact/hooks";
import { ApiError } from "../api/client";
import { errorMessage } from "../api/error-message";
import { appendNew, byId } from "../lib/pages";

export type CursorPage<T> = { items: T[]; next_cursor: string | null };

/**
 * A list read page by page: `load(false)` (re)reads the first page, `load(true)` appends the
 * next one. One request at a time. A 401 shows nothing here (the app sends the person to the
 * login screen); `handled` may claim other failures (e.g. a 403 the screen explains itself).
 */
export function useCursorList<T extends { id: number }>(
  fetchPage: (cursor: string | null) => Promise<CursorPage<T>>,
  handled: (error: unknown) => boolean = () => false,
) {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef(false);

  async function load(more: boolean) {
    if (busy.current) return;
    busy.current = true;
    setLoading(true);
    setError(null);
    try {
      const page = await fetchPage(more ? cursor : null);
      setItems((shown) => (more ? appendNew(shown, page.items, byId) : page.items));
      setCursor(page.next_cursor);
    } catch (e) {
      if (!handled(e) && !(e instanceof ApiError && e.status === 401)) setError(errorMessage(e));
    } finally {
      busy.current = false;
      setLoading(false);
    }
  }

  return { items, setItems, cursor, loading, error, setError, load };
}

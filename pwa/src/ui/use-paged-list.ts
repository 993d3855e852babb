import { useEffect, useRef, useState } from "preact/hooks";
import { createPagedList, INITIAL_PAGED_STATE, type CursorPage, type PagedList, type PagedListState } from "./paged-list";

export type { CursorPage } from "./paged-list";

export interface UsePagedListOptions<T> {
  /** The first page loads on mount and again whenever one of these changes (a filter, a language). */
  deps?: unknown[];
  /** Claims a failure the screen shows its own way (e.g. a 403): no error then. */
  handled?: (error: unknown) => boolean;
  /** A first page is shown. */
  onFirstPage?: (page: CursorPage<T>) => void;
}

export type PagedListView<T> = PagedListState<T> &
  Pick<PagedList<T>, "reload" | "more" | "clear" | "update" | "setError">;

/**
 * A cursor-paged list for a screen (see paged-list.ts), to show with <PagedList>. `fetchPage`
 * may be a new closure on every render (it reads the current filter): the latest one is used.
 */
export function usePagedList<T extends { id: number }>(
  fetchPage: (cursor: string | null) => Promise<CursorPage<T>>,
  { deps = [], handled, onFirstPage }: UsePagedListOptions<T> = {},
): PagedListView<T> {
  const [state, setState] = useState<PagedListState<T>>(INITIAL_PAGED_STATE);
  const latest = useRef({ fetchPage, handled, onFirstPage });
  latest.current = { fetchPage, handled, onFirstPage };
  const [list] = useState(() =>
    createPagedList<T>({
      fetchPage: (cursor) => latest.current.fetchPage(cursor),
      handled: (error) => latest.current.handled?.(error) ?? false,
      onFirstPage: (page) => latest.current.onFirstPage?.(page),
      onChange: setState,
    }),
  );

  useEffect(() => () => list.dispose(), []);
  useEffect(() => {
    void list.reload();
  }, deps);

  return {
    ...state,
    reload: list.reload,
    more: list.more,
    clear: list.clear,
    update: list.update,
    setError: list.setError,
  };
}

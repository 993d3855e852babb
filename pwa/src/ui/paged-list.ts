/**
 * A list read page by page with a cursor (the feed, questions, inbox, the managers' queue, my
 * shifts): the first page, then "more" appended, and only the newest request's answer counts.
 * Without a framework, so its states are unit-tested; usePagedList holds it in a component and
 * PagedList shows it.
 */
import { ApiError } from "../api/client";
import { errorMessage } from "../api/error-message";
import { appendNew, byId } from "../lib/pages";

export interface CursorPage<T> {
  items: T[];
  next_cursor: string | null;
}

export interface PagedListState<T> {
  items: T[];
  /** Where the next page starts; null at the end of the list. */
  cursor: string | null;
  /** The first page is on its way (at the start, on retry, after the list's filter changed). */
  loading: boolean;
  /** The next page is on its way. */
  loadingMore: boolean;
  /** What to tell the person about the last failure; null when nothing failed. */
  error: string | null;
}

export interface PagedListOptions<T> {
  fetchPage(cursor: string | null): Promise<CursorPage<T>>;
  onChange(state: PagedListState<T>): void;
  /** Claims a failure the screen shows its own way (e.g. a 403 as "not for you"): no error then. */
  handled?(error: unknown): boolean;
  /** A first page is shown (the feed drops the posts that waited behind its pill). */
  onFirstPage?(page: CursorPage<T>): void;
}

export interface PagedList<T> {
  get(): PagedListState<T>;
  /** Load the first page again, replacing the rows: at the start, as retry, after a filter change. */
  reload(): Promise<void>;
  /** Append the next page; does nothing at the end or while a page is on its way. */
  more(): Promise<void>;
  /** Forget the rows (they answer an old filter): empty and loading until reload() answers. */
  clear(): void;
  /** Change the rows in place (marked read, a new question the server confirmed). */
  update(change: (items: T[]) => T[]): void;
  /** Show (or clear) the failure of an action on the list, such as "mark all read". */
  setError(message: string | null): void;
  /** No more onChange calls; answers still on their way are dropped. */
  dispose(): void;
}

export const INITIAL_PAGED_STATE: PagedListState<never> = {
  items: [],
  cursor: null,
  // Loading from the first render: the first request starts in an effect, after it.
  loading: true,
  loadingMore: false,
  error: null,
};

export function createPagedList<T extends { id: number }>(options: PagedListOptions<T>): PagedList<T> {
  let state: PagedListState<T> = INITIAL_PAGED_STATE;
  // Answers for an earlier filter may arrive after a later one's: only the newest request counts.
  let latest = 0;
  let disposed = false;

  function emit(next: Partial<PagedListState<T>>) {
    state = { ...state, ...next };
    if (!disposed) options.onChange(state);
  }

  /** The message to show, or null: a 401 has already sent the person to the login screen. */
  function describe(error: unknown): string | null {
    if (options.handled?.(error)) return null;
    if (error instanceof ApiError && error.status === 401) return null;
    return errorMessage(error);
  }

  async function request(more: boolean): Promise<void> {
    const mine = ++latest;
    emit(more ? { loadingMore: true, error: null } : { loading: true, loadingMore: false, error: null });
    try {
      const page = await options.fetchPage(more ? state.cursor : null);
      if (mine !== latest || disposed) return;
      const items = more ? appendNew(state.items, page.items, byId) : page.items;
      emit({ items, cursor: page.next_cursor, loading: false, loadingMore: false });
      if (!more) options.onFirstPage?.(page);
    } catch (error) {
      if (mine !== latest || disposed) return;
      emit({ loading: false, loadingMore: false, error: describe(error) });
    }
  }

  return {
    get: () => state,
    reload: () => request(false),
    more() {
      if (state.cursor === null || state.loading || state.loadingMore) return Promise.resolve();
      return request(true);
    },
    clear() {
      latest += 1;
      emit({ items: [], cursor: null, loading: true, loadingMore: false, error: null });
    },
    update(change) {
      emit({ items: change(state.items) });
    },
    setError(message) {
      emit({ error: message });
    },
    dispose() {
      disposed = true;
    },
  };
}

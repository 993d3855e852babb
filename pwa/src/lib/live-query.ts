/**
 * Look-ups while someone types (similar questions, search): wait until the typing pauses,
 * cancel the request an older text started, and report only the answer for the latest text.
 * Without this a slow answer for "bo" could land after, and overwrite, the one for "bon".
 */

export type LiveQueryStatus = "idle" | "waiting" | "loading" | "done" | "error";

export interface LiveQueryState<T> {
  /** The text as looked up: trimmed, runs of spaces as one. */
  text: string;
  /** idle: too short to look up; waiting: typing has not paused yet; loading; done; error. */
  status: LiveQueryStatus;
  /** The latest answer; kept while waiting for the next one so the list does not flicker. */
  result: T | null;
  error: unknown;
}

export interface LiveQueryOptions<T> {
  delayMs: number;
  /** Shorter texts are not looked up (status idle, no result). */
  minLength: number;
  fetch: (text: string, signal: AbortSignal) => Promise<T>;
  onChange: (state: LiveQueryState<T>) => void;
}

export interface LiveQuery {
  /** The text changed: look it up once typing pauses. The same text again does nothing. */
  update(text: string): void;
  /** Look up the current text again at once (after an error). */
  retry(): void;
  /** Stop: no timer, no request, no more onChange calls. */
  dispose(): void;
}

export function normalizeQuery(text: string): string {
  return text.trim().replace(/\s+/g, " ");
}

export function liveQuery<T>(options: LiveQueryOptions<T>): LiveQuery {
  let state: LiveQueryState<T> = { text: "", status: "idle", result: null, error: null };
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: AbortController | null = null;
  let disposed = false;

  function emit(next: LiveQueryState<T>) {
    state = next;
    if (!disposed) options.onChange(state);
  }

  function stop() {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    running?.abort();
    running = null;
  }

  function run(text: string) {
    timer = null;
    const controller = new AbortController();
    running = controller;
    emit({ ...state, status: "loading" });
    options.fetch(text, controller.signal).then(
      (result) => {
        if (controller.signal.aborted || disposed) return;
        running = null;
        emit({ text, status: "done", result, error: null });
      },
      (error: unknown) => {
        if (controller.signal.aborted || disposed) return;
        running = null;
        emit({ text, status: "error", result: null, error });
      },
    );
  }

  return {
    update(raw) {
      const text = normalizeQuery(raw);
      if (disposed || text === state.text) return;
      stop();
      if (text.length < options.minLength) {
        emit({ text, status: "idle", result: null, error: null });
        return;
      }
      emit({ ...state, text, status: "waiting", error: null });
      timer = setTimeout(() => run(text), options.delayMs);
    },
    retry() {
      if (disposed || state.text.length < options.minLength) return;
      stop();
      run(state.text);
    },
    dispose() {
      disposed = true;
      stop();
    },
  };
}

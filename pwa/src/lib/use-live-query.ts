import { useEffect, useRef, useState } from "preact/hooks";
import { liveQuery, type LiveQuery, type LiveQueryState } from "./live-query";

interface Options {
  delayMs?: number;
  minLength: number;
}

/** The state of a live look-up of `text` (see live-query.ts), plus retry for the error state. */
export function useLiveQuery<T>(
  text: string,
  fetch: (text: string, signal: AbortSignal) => Promise<T>,
  { delayMs = 250, minLength }: Options,
): LiveQueryState<T> & { retry: () => void } {
  const [state, setState] = useState<LiveQueryState<T>>({ text: "", status: "idle", result: null, error: null });
  const query = useRef<LiveQuery | null>(null);
  // The latest fetch function, so a re-render with a new closure does not restart anything.
  const fetchRef = useRef(fetch);
  fetchRef.current = fetch;
  const textRef = useRef(text);
  textRef.current = text;

  useEffect(() => {
    const live = liveQuery<T>({
      delayMs,
      minLength,
      fetch: (q, signal) => fetchRef.current(q, signal),
      onChange: setState,
    });
    query.current = live;
    live.update(textRef.current);
    return () => {
      live.dispose();
      query.current = null;
    };
  }, [delayMs, minLength]);

  useEffect(() => {
    query.current?.update(text);
  }, [text]);

  return { ...state, retry: () => query.current?.retry() };
}

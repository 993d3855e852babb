import { useEffect, useState } from "preact/hooks";

/**
 * A value kept outside Preact (a module-level store), read on render and kept current.
 *
 * It is read again right after subscribing: a change between the first render and the
 * subscription (an event fired while the screen was still mounting, say the browser's install
 * offer) would otherwise be missed until something else re-rendered the component.
 */
export function useStoreValue<T>(read: () => T, subscribe: (onChange: () => void) => () => void): T {
  const [value, setValue] = useState<{ current: T }>(() => ({ current: read() }));
  useEffect(() => {
    const update = () => {
      const next = read();
      setValue((shown) => (Object.is(shown.current, next) ? shown : { current: next }));
    };
    const stop = subscribe(update);
    update();
    return stop;
  }, []); // the store and its reader are fixed for the component's life
  return value.current;
}

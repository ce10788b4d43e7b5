/**
 * Code the first picture does not need, loaded later: `lazyModule(() => import(...))` makes a
 * chunk of its own, and `useLazyModule(m, when)` starts loading it once `when` is true and
 * re-renders when it has arrived (undefined until then). The Liquid engine and the graph checks
 * load this way, so the canvas of a big journey draws without them.
 */
import { useEffect, useState } from 'react';

export interface LazyModule<T> {
  /** The module, once loaded. */
  current(): T | undefined;
  load(): Promise<T>;
}

export function lazyModule<T>(importer: () => Promise<T>): LazyModule<T> {
  let value: T | undefined;
  let loading: Promise<T> | undefined;
  return {
    current: () => value,
    load: () =>
      (loading ??= importer().then(
        (m) => (value = m),
        (err: unknown) => {
          loading = undefined; // a failed chunk load (e.g. a new deploy) may be tried again
          throw err;
        },
      )),
  };
}

export function useLazyModule<T>(m: LazyModule<T>, when = true): T | undefined {
  const [value, setValue] = useState(m.current);
  useEffect(() => {
    if (!when || value) return;
    let live = true;
    m.load().then(
      (v) => live && setValue(() => v),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [m, when, value]);
  return value;
}

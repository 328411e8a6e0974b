/** A value that tells its listeners when it changes; the app's state and the loaded entries use it. */
export interface Store<T> {
  get(): T;
  /** Replaces the value with `update(value)` (or merges a partial object) and notifies, unless nothing changed. */
  set(patch: Partial<T> | ((value: T) => T)): void;
  subscribe(listener: (value: T, previous: T) => void): () => void;
}

export function createStore<T extends object>(
  initial: T,
  equals: (a: T, b: T) => boolean = Object.is,
): Store<T> {
  let value = initial;
  const listeners = new Set<(value: T, previous: T) => void>();
  return {
    get: () => value,
    set(patch) {
      const next = typeof patch === 'function' ? patch(value) : { ...value, ...patch };
      if (equals(next, value)) return;
      const previous = value;
      value = next;
      for (const listener of [...listeners]) listener(value, previous);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Calls `fn` once `ms` have passed without a new call; `flush` runs a pending call now. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: A | null = null;
  const run = () => {
    timer = undefined;
    if (!pending) return;
    const args = pending;
    pending = null;
    fn(...args);
  };
  const debounced = (...args: A) => {
    pending = args;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(run, ms);
  };
  debounced.flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    run();
  };
  debounced.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    pending = null;
  };
  return debounced;
}

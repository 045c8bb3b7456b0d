// Trailing-edge debounce with an explicit flush, for controls that send while being dragged
// (the sharpness slider recomputes a whole reveal on the server each time it is sent).

export interface Debounced<A extends unknown[]> {
  (...args: A): void;
  /** Runs a pending call now (slider released, toggle clicked); nothing when none is pending. */
  flush(): void;
  cancel(): void;
  readonly isPending: boolean;
}

export function debounce<A extends unknown[]>(fn: (...args: A) => void, waitMs: number): Debounced<A> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: A | null = null;
  const run = () => {
    clearTimeout(timer);
    timer = undefined;
    const args = pending;
    pending = null;
    if (args) fn(...args);
  };
  const debounced = ((...args: A) => {
    pending = args;
    clearTimeout(timer);
    timer = setTimeout(run, waitMs);
  }) as Debounced<A>;
  debounced.flush = run;
  debounced.cancel = () => {
    clearTimeout(timer);
    timer = undefined;
    pending = null;
  };
  Object.defineProperty(debounced, "isPending", { get: () => pending !== null });
  return debounced;
}

/**
 * Cooperative time slicing for CPU-heavy loops that share the event loop with the API (the embedded default runs
 * PGlite, the jobs and the HTTP server on one thread). PGlite answers queries through promises that settle as
 * microtasks, so a job that only ever awaits the database never lets the event loop poll for I/O: a batch of
 * documents analysed in one go held every request for seconds. `pause()` is cheap when the slice still has
 * time, and otherwise yields a macrotask (setImmediate), which lets pending requests and timers run first.
 */
export type TimeSlice = { pause(): Promise<void> };

/** Slices of `budgetMs` of work between yields; small enough to keep a request's wait well under 100 ms. */
export function timeSlice(budgetMs = 20): TimeSlice {
  let started = performance.now();
  return {
    async pause() {
      if (performance.now() - started < budgetMs) return;
      await yieldToEventLoop();
      started = performance.now();
    },
  };
}

/** One turn of the event loop: I/O callbacks and timers due now run before the caller continues. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

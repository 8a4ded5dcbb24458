// Whether the extension host's thread kept answering while work ran elsewhere (a worker): the latest a 20 ms timer
// came. Node-free, so it measures the web worker extension host too (the Node suites also have perf_hooks).

/** Runs `fn` and returns its value with the longest lateness of a 20 ms interval timer meanwhile, in ms. */
export async function withTimerLateness<T>(fn: () => Promise<T>): Promise<{ value: T; latestMs: number }> {
  let last = performance.now();
  let latestMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    latestMs = Math.max(latestMs, now - last - 20);
    last = now;
  }, 20);
  try {
    const value = await fn();
    return { value, latestMs };
  } finally {
    clearInterval(ticker);
  }
}

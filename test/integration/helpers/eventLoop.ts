import { monitorEventLoopDelay } from 'perf_hooks';

export interface EventLoopDelay<T> {
  value: T;
  /** Longest delay seen by perf_hooks' histogram (it under-reports single long blocks here). */
  maxMs: number;
  p99Ms: number;
  /** Longest lateness of a 20 ms timer: the check that catches one long block. */
  probeMaxMs: number;
}

/** Runs `fn` while measuring how long this thread (the extension host) could not answer. */
export async function measureEventLoop<T>(fn: () => Promise<T>): Promise<EventLoopDelay<T>> {
  const h = monitorEventLoopDelay({ resolution: 10 });
  let probeMax = 0;
  let last = performance.now();
  const probe = setInterval(() => {
    const now = performance.now();
    probeMax = Math.max(probeMax, now - last - 20);
    last = now;
  }, 20);
  h.enable();
  try {
    const value = await fn();
    return { value, maxMs: h.max / 1e6, p99Ms: h.percentile(99) / 1e6, probeMaxMs: probeMax };
  } finally {
    h.disable();
    clearInterval(probe);
  }
}

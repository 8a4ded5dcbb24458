import { monitorEventLoopDelay } from 'perf_hooks';

/** Runs `fn` while measuring the extension host's event-loop delay (how long it could not answer). */
export async function withEventLoopDelay<T>(fn: () => Promise<T>): Promise<{ value: T; maxMs: number; p99Ms: number }> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  try {
    const value = await fn();
    return { value, maxMs: delay.max / 1e6, p99Ms: delay.percentile(99) / 1e6 };
  } finally {
    delay.disable();
  }
}

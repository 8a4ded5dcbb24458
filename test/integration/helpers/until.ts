/** Polls `probe` until it returns something truthy (not a sleep: it returns as soon as it can). */
export async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  ms = 30_000,
  everyMs = 150,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Polls `fn` until it gives something other than undefined (a rejection counts as "not yet"): for probes that
 * read state which may briefly be missing, such as a course folder being scanned.
 */
export async function waitFor<T>(fn: () => Promise<T | undefined>, what: string, ms = 30_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** The next event that satisfies `test` (subscribe before the action that causes it). */
export function nextEvent<T>(
  event: (listener: (e: T) => unknown) => { dispose(): unknown },
  test: (e: T) => boolean,
  what: string,
  ms = 30_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
    }, ms);
    const sub = event((e) => {
      if (!test(e)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e);
    });
  });
}

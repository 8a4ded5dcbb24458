// One way to say what went wrong, and one way to start work nobody awaits without losing its failure.

/** The message of anything thrown: an Error's message, else the value as text. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Starts work that nothing awaits (an event handler, a page message) and logs its failure as `what`,
 * instead of leaving an unhandled rejection. Returns nothing on purpose: callers must not await it.
 */
export function runAndLog(
  log: { error(message: string, error?: unknown): void },
  what: string,
  work: PromiseLike<unknown> | (() => PromiseLike<unknown>),
): void {
  try {
    const promise = typeof work === 'function' ? work() : work;
    Promise.resolve(promise).then(undefined, (e: unknown) => log.error(what, e));
  } catch (e) {
    log.error(what, e);
  }
}

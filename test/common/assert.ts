// The part of Node's `assert` the tests use, without Node: test/common and test/web are bundled for the web worker
// extension host, where the 'assert' built-in does not exist. Same names and argument order as node:assert.

export class AssertionError extends Error {
  override name = 'AssertionError';
}

export function fail(message = 'Failed'): never {
  throw new AssertionError(message);
}

/** The caller's message before ours, as node:assert shows both. */
const failWith = (message: string | undefined, what: string): never => fail(message ? `${message}: ${what}` : what);

const show = (v: unknown): string => {
  try {
    return typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  } catch {
    return String(v);
  }
};

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Date || a instanceof RegExp) return String(a) === String(b);
  if (a instanceof Map && b instanceof Map)
    return a.size === b.size && [...a].every(([k, v]) => b.has(k) && deepEqual(v, b.get(k)));
  if (a instanceof Set && b instanceof Set) return a.size === b.size && [...a].every((v) => b.has(v));
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every(
    (k) => Object.hasOwn(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

export function ok(value: unknown, message?: string): asserts value {
  if (!value) failWith(message, `expected a truthy value, got ${show(value)}`);
}

export function strictEqual<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
  if (!Object.is(actual, expected)) failWith(message, `expected ${show(expected)}, got ${show(actual)}`);
}

export function notStrictEqual(actual: unknown, expected: unknown, message?: string): void {
  if (Object.is(actual, expected)) failWith(message, `expected anything but ${show(expected)}`);
}

/** Own enumerable keys (an undefined one too, as in node:assert), prototypes, Maps and Sets, compared recursively. */
export function deepStrictEqual<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
  if (!deepEqual(actual, expected)) failWith(message, `expected ${show(expected)}, got ${show(actual)}`);
}

export function match(text: string, re: RegExp, message?: string): void {
  if (typeof text !== 'string' || !re.test(text)) failWith(message, `${show(text)} does not match ${re}`);
}

export function doesNotMatch(text: string, re: RegExp, message?: string): void {
  if (typeof text !== 'string' || re.test(text)) failWith(message, `${show(text)} matches ${re}`);
}

/** Awaits `fn` (or the promise) and fails unless it rejects; with `test`, the error must match it too. */
export async function rejects(
  fn: Promise<unknown> | (() => Promise<unknown>),
  test?: RegExp | ((e: unknown) => boolean),
  message?: string,
): Promise<void> {
  try {
    await (typeof fn === 'function' ? fn() : fn);
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    if (test instanceof RegExp ? test.test(text) : (test?.(e) ?? true)) return;
    failWith(message, `rejected with an unexpected error: ${text}`);
  }
  failWith(message, 'expected a rejection');
}

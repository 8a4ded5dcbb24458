// The part of Node's `assert` the tests use, without Node: test/shared and test/web are bundled for the web worker
// extension host, where the 'assert' built-in does not exist. Same names and argument order as node:assert.

export class AssertionError extends Error {
  override name = 'AssertionError';
}

function fail(message: string | undefined, fallback: string): never {
  throw new AssertionError(message ?? fallback);
}

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
  if (!value) fail(message, `expected a truthy value, got ${show(value)}`);
}

export function strictEqual<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
  if (!Object.is(actual, expected)) fail(message, `expected ${show(expected)}, got ${show(actual)}`);
}

export function notStrictEqual(actual: unknown, expected: unknown, message?: string): void {
  if (Object.is(actual, expected)) fail(message, `expected anything but ${show(expected)}`);
}

/** Own enumerable keys (an undefined one too, as in node:assert), prototypes, Maps and Sets, compared recursively. */
export function deepStrictEqual<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
  if (!deepEqual(actual, expected)) fail(message, `expected ${show(expected)}, got ${show(actual)}`);
}

export function match(text: string, re: RegExp, message?: string): void {
  if (typeof text !== 'string' || !re.test(text)) fail(message, `${show(text)} does not match ${re}`);
}

export function doesNotMatch(text: string, re: RegExp, message?: string): void {
  if (typeof text !== 'string' || re.test(text)) fail(message, `${show(text)} matches ${re}`);
}

/** Waits for `promise` and checks that it rejects with an error whose message matches `re`. */
export async function rejects(promise: Promise<unknown>, re: RegExp, message?: string): Promise<void> {
  let error: unknown;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  if (error === undefined) fail(message, 'expected a rejection');
  const text = error instanceof Error ? error.message : String(error);
  if (!re.test(text)) fail(message, `rejected with ${show(text)}, which does not match ${re}`);
}

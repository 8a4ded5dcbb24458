// One test's record as both runners write it (test/integration/index.ts in the Node extension host,
// test/web/index.ts in the web worker one). Nothing Node-only here: the web tests build bundles it.
import type Mocha from 'mocha';
import type { TestRecord } from '../index';

export function errorText(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

/** The record of `test` ending in `state` (with the error when it failed, the reason when named skipped). */
export function testRecord(
  test: Mocha.Test,
  state: TestRecord['state'],
  err?: unknown,
  skipReason?: string,
): TestRecord {
  return {
    title: test.title,
    fullTitle: test.fullTitle(),
    state,
    durationMs: test.duration ?? 0,
    error: err === undefined ? undefined : errorText(err),
    skipReason: state === 'skipped' ? skipReason : undefined,
  };
}

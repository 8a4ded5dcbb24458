// The web journeys' runner: mocha's browser build inside VS Code's web worker extension host, started by the
// test-only web extension (test/host/web-tests-extension/extension.js). Like test/integration/index.ts it
// records every test as a TestRecord and the whole run as a SuiteResult, but it writes them into the workspace
// folder (test/web/helpers/channel.ts), since a web worker has neither env variables nor Node's fs:
// progress.jsonl as each test ends, result.json, then exit-code (0 all passed, 1 otherwise), which
// test/host/run.mjs --web waits for.
import 'mocha/mocha';
import type { SuiteResult, TestRecord } from '../integration/index';
import { errorText, testRecord } from '../integration/helpers/testRecord';
import { readChannelJson, writeChannelText } from './helpers/channel';

/** What the runner asks of this run (written by test/host/run.mjs before the workbench starts). */
interface RunOptions {
  grep?: string;
}

/** Runs the journeys `loadTests` defines (their describe() calls) and reports through the channel. */
export async function run(loadTests: () => void): Promise<void> {
  const started = Date.now();
  const result: SuiteResult = { passed: 0, failed: 0, skipped: 0, durationMs: 0, tests: [] };
  let progress = '';
  // Writes go one after another: each progress.jsonl is the whole list so far, written over the last.
  let writes = Promise.resolve();
  const write = (name: string, text: string) => {
    writes = writes.then(() => writeChannelText(name, text));
    return writes;
  };
  const finish = async (code: number) => {
    result.durationMs = Date.now() - started;
    await write('result.json', JSON.stringify(result, null, 2));
    await write('exit-code', String(code));
  };
  try {
    // The runner waits for this before it waits for the suite: no `started` means this extension never ran.
    await write('started', new Date().toISOString());
    const options = (await readChannelJson<RunOptions>('options.json')) ?? {};
    mocha.setup({ ui: 'bdd', reporter: undefined, timeout: 60_000, color: false });
    if (options.grep) mocha.grep(options.grep);
    loadTests();
    if (mocha.suite.total() === 0) throw new Error('no journey was loaded (test/web/**/*.test.ts)');
  } catch (err) {
    result.loadError = errorText(err);
    await finish(1).catch((e) => console.error('[interp-web-test] could not report:', e));
    return;
  }
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    const record = (test: Mocha.Test, state: TestRecord['state'], err?: unknown) => {
      const rec = testRecord(test, state, err);
      result.tests.push(rec);
      result[state]++;
      progress += `${JSON.stringify(rec)}\n`;
      void write('progress.jsonl', progress).catch((e) => console.error('[interp-web-test] progress:', e));
    };
    runner.on('pass', (t) => record(t, 'passed'));
    // 'fail' also fires for hooks (before/after): recorded as failed "tests" under the hook's title.
    runner.on('fail', (t, err) => record(t as Mocha.Test, 'failed', err));
    runner.on('pending', (t) => record(t, 'skipped'));
  });
  await writes.catch(() => undefined);
  await finish(result.failed === 0 && result.passed > 0 ? 0 : 1).catch((e) =>
    console.error('[interp-web-test] could not report:', e),
  );
}

// Entry point VS Code loads in the extension host as `extensionTestsPath` (bundled to
// dist/test/integration/index.js). Runs mocha over every *.test.js beside it and writes one JSON
// result file the outer runner (test/host/run.mjs) reads: the extension host's exit code alone says
// only pass/fail, the file says which tests. Both test/host/run.mjs and @vscode/test-cli load this.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { readReloadState, writeReloadState } from './helpers/reload';
import { errorText, testRecord } from './helpers/testRecord';

/** One test as written to the result file. */
export interface TestRecord {
  title: string;
  fullTitle: string;
  state: 'passed' | 'failed' | 'skipped';
  durationMs: number;
  error?: string;
  /** Why the test was skipped, when the runner named it in INTERP_TEST_SKIP. */
  skipReason?: string;
}

/** The result file: `INTERP_TEST_RESULT`, else `.interp-test-result.json` in the first workspace folder. */
export interface SuiteResult {
  passed: number;
  failed: number;
  skipped: number;
  durationMs: number;
  tests: TestRecord[];
  /** Set when the suite could not load or run at all (a broken import, no test files). */
  loadError?: string;
}

/** Prefix of the one-line JSON progress records test/host/run.mjs looks for in the console. */
const PROGRESS_PREFIX = '[interp-test] ';

/** Test files with a second phase after the window reload (each checks what its own first phase left). */
const RELOAD_TESTS = new Set(['quiz.test.js', 'reload.test.js']);

/** A test or suite (full title) the runner asks to skip on its host, and why (INTERP_TEST_SKIP, JSON). */
interface NamedSkip {
  title: string;
  reason: string;
}

/**
 * Marks the tests and suites INTERP_TEST_SKIP names as pending, so they are reported skipped with the
 * reason. Returns the reason per skipped test's full title, and the names that matched nothing (a stale
 * list must not hide anything: they are reported as failures).
 */
function applyNamedSkips(root: Mocha.Suite): { reasons: Map<string, string>; unmatched: NamedSkip[] } {
  const reasons = new Map<string, string>();
  let skips: NamedSkip[] = [];
  if (process.env.INTERP_TEST_SKIP) skips = JSON.parse(process.env.INTERP_TEST_SKIP) as NamedSkip[];
  const unmatched = skips.filter((skip) => {
    let hit = false;
    const visit = (suite: Mocha.Suite, inherited?: string) => {
      const reason = inherited ?? (suite.fullTitle() === skip.title ? skip.reason : undefined);
      if (reason !== undefined && !inherited) suite.pending = true;
      for (const test of suite.tests) {
        if (reason !== undefined || test.fullTitle() === skip.title) {
          test.pending = true;
          reasons.set(test.fullTitle(), reason ?? skip.reason);
          hit = true;
        }
      }
      for (const child of suite.suites) visit(child, reason);
    };
    visit(root);
    return !hit;
  });
  return { reasons, unmatched };
}

function resultPath(): string | undefined {
  if (process.env.INTERP_TEST_RESULT) return process.env.INTERP_TEST_RESULT;
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder?.uri.scheme === 'file' ? path.join(folder.uri.fsPath, '.interp-test-result.json') : undefined;
}

function writeResult(result: SuiteResult): void {
  const file = resultPath();
  if (!file) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(result, null, 2));
}

function findTests(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...findTests(p));
    else if (e.name.endsWith('.test.js')) out.push(p);
  }
  return out.sort();
}

/** Called by VS Code's extension host: resolves when every test passed, rejects otherwise (exit code 1). */
export async function run(): Promise<void> {
  const started = Date.now();
  const reload = readReloadState();
  const afterReload = reload.phase === 'after';
  const result: SuiteResult =
    reload.firstPhase && afterReload
      ? { ...reload.firstPhase, tests: [...reload.firstPhase.tests] }
      : { passed: 0, failed: 0, skipped: 0, durationMs: 0, tests: [] };
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 60_000,
    color: false,
    reporter: 'spec',
    // After the reload only the reload tests run, under the same grep: a grep that ran one suite's first phase
    // runs only that suite's second.
    grep: process.env.INTERP_TEST_GREP || undefined,
  });
  let skips: ReturnType<typeof applyNamedSkips> = { reasons: new Map(), unmatched: [] };
  try {
    let files = findTests(__dirname);
    if (files.length === 0) throw new Error(`no *.test.js under ${__dirname}: run \`npm run build\``);
    const isReload = (f: string) => RELOAD_TESTS.has(path.basename(f));
    // The reload test goes last: the window reload ends the first phase.
    files = afterReload ? files.filter(isReload) : [...files.filter((f) => !isReload(f)), ...files.filter(isReload)];
    for (const f of files) mocha.addFile(f);
    await mocha.loadFilesAsync();
    skips = applyNamedSkips(mocha.suite);
  } catch (err) {
    result.loadError = errorText(err);
    result.durationMs = Date.now() - started;
    writeResult(result);
    throw err;
  }

  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    const record = (test: Mocha.Test, state: TestRecord['state'], err?: unknown) => {
      const rec = testRecord(test, state, err, skips.reasons.get(test.fullTitle()));
      result.tests.push(rec);
      result[state]++;
      // The extension host's console reaches the runner (codeAutomationLog): live progress, and a
      // screenshot taken at the moment a test fails. Hosts without that channel (the oldest one) read
      // the same records from INTERP_TEST_PROGRESS, one JSON line each.
      console.log(`${PROGRESS_PREFIX}${JSON.stringify(rec)}`);
      if (process.env.INTERP_TEST_PROGRESS)
        fs.appendFileSync(process.env.INTERP_TEST_PROGRESS, `${JSON.stringify(rec)}\n`);
    };
    for (const skip of skips.unmatched) {
      const error = `INTERP_TEST_SKIP names "${skip.title}", which is no test or suite here (renamed? update the runner's list)`;
      const rec: TestRecord = {
        title: skip.title,
        fullTitle: `skip list: ${skip.title}`,
        state: 'failed',
        durationMs: 0,
        error,
      };
      result.tests.push(rec);
      result.failed++;
      console.log(`${PROGRESS_PREFIX}${JSON.stringify(rec)}`);
    }
    runner.on('pass', (t) => record(t, 'passed'));
    // 'fail' also fires for hooks (before/after): record them as failed "tests" under the hook's title.
    runner.on('fail', (t, err) => record(t as Mocha.Test, 'failed', err));
    runner.on('pending', (t) => record(t, 'skipped'));
  });
  result.durationMs = (afterReload ? (reload.firstPhase?.durationMs ?? 0) : 0) + Date.now() - started;
  writeResult(result);
  if (!afterReload && readReloadState().requested) {
    writeReloadState({ ...readReloadState(), phase: 'after', firstPhase: result });
    console.log('[interp-test-reload] first phase done: reloading the window');
    await vscode.commands.executeCommand('workbench.action.reloadWindow');
    // The extension host ends with the reload and the second phase reports the verdict; still alive a
    // minute later means the reload did not happen.
    await new Promise((r) => setTimeout(r, 60_000));
    throw new Error('workbench.action.reloadWindow did not reload the window within 60 s');
  }
  if (result.failed > 0) throw new Error(`${result.failed} test(s) failed`);
  if (result.passed === 0) throw new Error('no test ran');
}

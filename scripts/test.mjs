#!/usr/bin/env node
// `npm test`: every check and test run in order, each step timed, and one closing line that sums the tests
// of every run: `N passed, M failed, K skipped`. It first sets up the test host itself (idempotent), so
// `npm ci && npm test` is all a fresh machine needs. Every step runs even after a failure (so one run shows
// everything that is wrong), except the steps that need a step that failed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** kind: 'check' passes or fails as a whole; 'mocha' and 'host' report test counts. */
const STEPS = [
  { name: 'setup', cmd: 'bash scripts/setup-test-host.sh', kind: 'check' },
  { name: 'lint', cmd: 'npm run --silent lint', kind: 'check' },
  { name: 'types', cmd: 'npm run --silent typecheck', kind: 'check' },
  { name: 'unit', cmd: 'npm run --silent test:unit', kind: 'mocha' },
  {
    name: 'browser (hostile corpus in Chromium)',
    cmd: 'npm run --silent test:browser',
    kind: 'mocha',
    needs: ['setup'],
  },
  { name: 'build', cmd: 'npm run --silent build', kind: 'check' },
  {
    name: 'integration (current VS Code)',
    cmd: 'npm run --silent test:integration',
    kind: 'host',
    needs: ['setup', 'build'],
  },
  {
    name: 'restricted mode (current VS Code)',
    cmd: 'npm run --silent test:integration:restricted',
    kind: 'host',
    needs: ['setup', 'build'],
  },
  {
    name: 'packaged .vsix (current VS Code)',
    cmd: 'npm run --silent test:integration:vsix',
    kind: 'host',
    needs: ['setup'],
  },
  {
    // The web journeys (test/web) in the web worker extension host, the product as a browser-only copy of the
    // .vsix. It packages again (npm run package, as the oldest-host step does) rather than take the previous
    // step's interp-lessons.vsix, which may be missing or stale when that step failed before packaging.
    name: 'web worker extension host (current VS Code)',
    cmd: 'npm run --silent test:integration:web',
    kind: 'host',
    needs: ['setup'],
  },
  {
    // engines.vscode's oldest: the packaged .vsix and restricted mode (test/host/oldest.mjs).
    name: 'packaged .vsix + restricted mode (oldest VS Code)',
    cmd: 'npm run --silent test:integration:oldest',
    kind: 'host',
    needs: ['setup'],
  },
];

/** Test counts from a run's output: mocha's "N passing/failing/pending" or run.mjs's closing line. */
export function countsOf(kind, output) {
  if (kind === 'mocha') {
    const n = (re) => Number(output.match(re)?.[1] ?? 0);
    const c = {
      passed: n(/^\s*(\d+) passing\b/m),
      failed: n(/^\s*(\d+) failing\b/m),
      skipped: n(/^\s*(\d+) pending\b/m),
    };
    return c.passed + c.failed + c.skipped > 0 ? c : undefined;
  }
  if (kind === 'host') {
    const all = [...output.matchAll(/^(\d+) passed, (\d+) failed, (\d+) skipped$/gm)];
    const last = all.at(-1);
    return last ? { passed: Number(last[1]), failed: Number(last[2]), skipped: Number(last[3]) } : undefined;
  }
  return undefined;
}

function runStep(step) {
  return new Promise((resolve) => {
    const child = spawn(step.cmd, { cwd: ROOT, shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      if (!step.quiet) process.stdout.write(d);
      out += d;
    });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('close', (code, signal) => resolve({ code: code ?? 1, signal, out }));
  });
}

const seconds = (ms) => `${(ms / 1000).toFixed(0)} s`;

/**
 * Issue 20's budgets, when both hosts measured them in this run (the integration and web steps write
 * .test-host/host-budgets-{node,web}.json): `npm run bench -- webHost`'s ratios, reported, never a failure
 * (budgets are the bench's, not the tests').
 */
export async function reportHostBudgets(since) {
  const fresh = ['node', 'web'].every((h) => {
    try {
      return fs.statSync(path.join(ROOT, '.test-host', `host-budgets-${h}.json`)).mtimeMs >= since;
    } catch {
      return false;
    }
  });
  if (!fresh) return;
  const { out } = await runStep({ cmd: 'node bench/run.mjs webHost', quiet: true });
  let figures;
  try {
    figures = JSON.parse(out.slice(out.indexOf('{'))).figures;
  } catch {
    return;
  }
  console.log('\n::: issue 20 budgets, web worker extension host / Node extension host, measured in this run');
  for (const [name, f] of Object.entries(figures).filter(([, f]) => f.budget)) {
    console.log(`    ${name}: ${f.value} / ${f.baseline?.value} ${f.unit.split(',')[0]} = ${f.ratio}x (${f.budget})`);
  }
}

async function main() {
  const start = Date.now();
  const results = [];
  const ok = new Map();
  for (const step of STEPS) {
    const missing = (step.needs ?? []).filter((n) => ok.get(n) === false);
    if (missing.length) {
      console.log(`\n::: ${step.name}: not run (needs ${missing.join(', ')})`);
      ok.set(step.name, false);
      results.push({ step, ms: 0, status: 'not run', counts: undefined });
      continue;
    }
    console.log(`\n::: ${step.name} (${step.cmd})`);
    const t = Date.now();
    const { code, signal, out } = await runStep(step);
    const ms = Date.now() - t;
    const counts = countsOf(step.kind, out);
    // A test run that exits non-zero is a failure even if its counts look green (a crash after the summary).
    const passed = code === 0 && (step.kind === 'check' || (counts !== undefined && counts.failed === 0));
    ok.set(step.name, passed);
    results.push({ step, ms, status: passed ? 'ok' : `failed (${signal ?? `exit ${code}`})`, counts });
    console.log(`::: ${step.name}: ${passed ? 'ok' : 'FAILED'} in ${seconds(ms)}`);
  }

  await reportHostBudgets(start);
  const total = { passed: 0, failed: 0, skipped: 0 };
  console.log('\n::: summary');
  for (const r of results) {
    const c = r.counts;
    if (c) {
      total.passed += c.passed;
      total.failed += c.failed;
      total.skipped += c.skipped;
    }
    // A step that failed without reporting a failed test (a check, a crash, not run) counts as one failure,
    // so the closing line never reads "0 failed" on a red run.
    if (r.status !== 'ok' && !(c && c.failed > 0)) total.failed += 1;
    const what = c
      ? `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`
      : r.step.kind === 'check'
        ? ''
        : 'no counts';
    console.log(`    ${r.status.padEnd(18)} ${seconds(r.ms).padStart(6)}  ${r.step.name}${what ? `: ${what}` : ''}`);
  }
  const green = results.every((r) => r.status === 'ok');
  console.log(`::: ${green ? 'green' : 'RED'} in ${seconds(Date.now() - start)}`);
  console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(green ? 0 : 1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

#!/usr/bin/env node
// `npm run test:integration:oldest`: the integration suite on the oldest VS Code engines.vscode claims
// (code-server 4.96.4 = VS Code 1.96.4, installed by scripts/setup-test-host.sh). Packages the extension
// (`npm run package`, unless --vsix names an existing .vsix), then runs on that host what a user of that
// VS Code gets: the packaged run and the restricted-mode run (untrusted workspace). The development-path
// run stays on the newest host only. Each run's own closing line is printed with its name before it; the
// last line sums both, `N passed, N failed, N skipped`. Exit: 0 when both were green, else the first
// failing run's exit code (1 test failure, 2 host missing or bad usage, 3 infrastructure).
//
// Usage: node test/host/oldest.mjs [--vsix file.vsix]
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLOSING = /^(\d+) passed, (\d+) failed, (\d+) skipped$/;
const t0 = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

const { vsix: given } = parseArgs({ options: { vsix: { type: 'string' } } }).values;
let vsix = given;
if (!vsix) {
  const t = Date.now();
  console.log('[oldest] npm run package');
  const r = spawnSync('npm', ['run', 'package'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.log(`[oldest] npm run package failed (${r.status ?? r.signal})`);
    console.log('0 passed, 1 failed, 0 skipped');
    process.exit(1);
  }
  vsix = 'interp-lessons.vsix';
  console.log(`[oldest] packaged ${vsix} (${secs(Date.now() - t)})`);
}

const RUNS = [
  { name: 'packaged', args: [] },
  { name: 'restricted', args: ['--restricted', '--grep', 'Restricted mode'] },
];

/** Runs test/host/run.mjs, passing its output through; its closing line comes back with the run's name. */
function runOne({ name, args }) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['test/host/run.mjs', '--host', 'oldest', '--vsix', vsix, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let counts;
    let pending = '';
    const line = (l) => {
      const m = CLOSING.exec(l);
      if (m) counts = m.slice(1, 4).map(Number);
      console.log(m ? `${name} run: ${l}` : l);
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop();
      lines.forEach(line);
    });
    child.on('close', (code, signal) => {
      if (pending) line(pending);
      resolve({ name, code: code ?? 128, signal, counts });
    });
  });
}

const results = [];
for (const run of RUNS) {
  const t = Date.now();
  console.log(`[oldest] ${run.name} run on the oldest host`);
  const r = await runOne(run);
  results.push(r);
  console.log(`[oldest] ${run.name} run: exit ${r.code} in ${secs(Date.now() - t)}`);
}
const total = [0, 0, 0];
for (const r of results) {
  const [p, f, s] = r.counts ?? [0, 0, 0];
  total[0] += p;
  // A run that failed without a failed test (host missing, infrastructure) still counts as one failure.
  total[1] += r.code !== 0 && f === 0 ? 1 : f;
  total[2] += s;
}
const failedRun = results.find((r) => r.code !== 0);
console.log(
  `[oldest] ${failedRun ? `RED (${failedRun.name} run exit ${failedRun.code})` : 'green'} in ${secs(Date.now() - t0)}`,
);
console.log(`${total[0]} passed, ${total[1]} failed, ${total[2]} skipped`);
process.exit(failedRun ? failedRun.code || 1 : 0);

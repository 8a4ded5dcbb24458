// Broken and huge input in the real VS Code (issue 7): notes of 200,000 lines and a 1 MB line under the
// hover, a 50 MB glossary file, ten million cells of regression data. Each is answered quickly or refused
// with its own message and a line in the "Interp Lessons" output channel; the extension host's event loop
// is measured throughout and must never stall; afterwards everything still works.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { RenderReport } from '../../src/core';
import type { SnippetsApi } from '../../src/features/snippets/register';
import { SnippetRunner } from '../../src/features/snippets/runner';
import type { Log } from '../../src/features/shared/deps';
import { measureEventLoop } from './helpers/eventLoop';
import { clickLens, regressionLenses } from './helpers/snippets';
import { until } from './helpers/until';
import { workspaceFolder } from './helpers/workspace';
import { extensionApi as api } from './helpers/api';

interface Api {
  snippets: SnippetsApi;
  glossary: { service: { ready(): Promise<void>; glossary: { byId: ReadonlyMap<string, unknown> } } };
  log: Log;
}

/**
 * "Does not stall", not a speed budget: on this shared 2-core machine at load 8 the event loop of an idle
 * extension host already shows 1 s delays (the process is not scheduled); the render of a 5 MB lesson on
 * the host thread, which this kind of test exists to catch, blocked it for 4–8 s.
 */
const STALL_MS = 3000;

function workspaceFile(name: string): string {
  return path.join(workspaceFolder().fsPath, name);
}

async function hover(uri: vscode.Uri, position: vscode.Position): Promise<{ text: string; ms: number }> {
  const t = Date.now();
  const hovers =
    (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return {
    text: hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n'),
    ms: Date.now() - t,
  };
}

function logged(a: Api, pattern: RegExp, since: number): boolean {
  return a.log.linesSince(since).some((l) => pattern.test(l));
}

describe('Faults in the real VS Code', function () {
  this.timeout(180_000);
  after(async () => {
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('glossary.files', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  // Plain-text notes: a 200,000-line *markdown* file stalls this extension host for tens of seconds by
  // itself, in VS Code's built-in Markdown extension (a CPU profile shows it serialising the document to
  // its language server), which would hide anything of ours. The code-block scan our hover adds for
  // markdown is covered by the unit tests and `npm run bench` (glossary.codeBlocks200k).
  it('hovers on a 200,000-line note and on a single 1 MB line answer, and the host never stalls', async () => {
    await api(); // the hover provider is registered on activation
    const lines = Array.from({ length: 200_000 }, (_, i) =>
      i % 1000 === 500
        ? `Line ${i}: a linear probe reads the residual stream.`
        : `Line ${i}: plain words about nothing in particular.`,
    );
    const longFile = workspaceFile('fault-200k-lines.txt');
    fs.writeFileSync(longFile, `${lines.join('\n')}\n`);
    const wideFile = workspaceFile('fault-1mb-line.txt');
    const filler = 'lorem ipsum dolor sit amet '.repeat(Math.ceil((1024 * 1024) / 27));
    fs.writeFileSync(
      wideFile,
      `${filler.slice(0, 100)} superposition ${filler.slice(0, 512 * 1024)} superposition ${filler.slice(0, 512 * 1024)}\n`,
    );
    const {
      value: results,
      maxMs: histMax,
      p99Ms,
      probeMaxMs,
    } = await measureEventLoop(async () => {
      const out: { where: string; text: string; ms: number }[] = [];
      const long = vscode.Uri.file(longFile);
      const doc = await vscode.workspace.openTextDocument(long);
      await vscode.window.showTextDocument(doc);
      for (const line of [500, 100_500, 199_500]) {
        const at = doc.lineAt(line).text.indexOf('linear probe') + 3;
        out.push({ where: `200k-line note, line ${line + 1}`, ...(await hover(long, new vscode.Position(line, at))) });
      }
      const wide = vscode.Uri.file(wideFile);
      const wdoc = await vscode.workspace.openTextDocument(wide);
      const first = wdoc.lineAt(0).text.indexOf('superposition');
      const middle = wdoc.lineAt(0).text.indexOf('superposition', first + 1);
      out.push({ where: '1 MB line, a term at column 100', ...(await hover(wide, new vscode.Position(0, first + 4))) });
      out.push({
        where: `1 MB line, a term at column ${middle}`,
        ...(await hover(wide, new vscode.Position(0, middle + 4))),
      });
      return out;
    });
    console.log(
      `      ${results.map((r) => `${r.where}: ${r.ms} ms`).join('; ')}; event-loop delay max ${histMax.toFixed(0)} ms (timer probe ${probeMaxMs.toFixed(0)} ms), p99 ${p99Ms.toFixed(0)} ms`,
    );
    const maxMs = Math.max(histMax, probeMaxMs);
    for (const r of results.slice(0, 3)) assert.match(r.text, /\*\*linear probe\*\*/, r.where);
    assert.match(results[3].text, /\*\*superposition\*\*/);
    // Past column 20,000 (TERM_AT_MAX_COLUMN) the hover declines rather than scan a megabyte per hover.
    assert.doesNotMatch(results[4].text, /\*\*superposition\*\*/, 'declines far into a 1 MB line');
    assert.ok(maxMs < STALL_MS, `the extension host stalled for ${maxMs.toFixed(0)} ms`);
  });

  it('a 50 MB glossary file is refused unread with a diagnostic and a log line; the shipped glossary still hovers', async () => {
    const a = await api();
    const file = workspaceFile('fault-50mb-glossary.json');
    const fd = fs.openSync(file, 'w');
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    for (let i = 0; i < 50; i++) fs.writeSync(fd, chunk);
    fs.closeSync(fd);
    const since = a.log.mark();
    const { maxMs: histMax, probeMaxMs } = await measureEventLoop(async () => {
      await vscode.workspace
        .getConfiguration('interpLessons')
        .update('glossary.files', ['fault-50mb-glossary.json'], vscode.ConfigurationTarget.Workspace);
      await until('the diagnostic', () =>
        vscode.languages
          .getDiagnostics(vscode.Uri.file(file))
          .find((d) => /50\.0 MB is larger than the 5 MB limit/.test(d.message)),
      );
    });
    assert.ok(
      logged(a, /^warn .*fault-50mb-glossary\.json: glossary file refused unread/, since),
      a.log.linesSince(since).join('\n'),
    );
    const note = workspaceFile('fault-note.md');
    fs.writeFileSync(note, 'A linear probe.\n');
    const h = await hover(vscode.Uri.file(note), new vscode.Position(0, 5));
    assert.match(h.text, /\*\*linear probe\*\*/);
    assert.ok(
      Math.max(histMax, probeMaxMs) < STALL_MS,
      `the extension host stalled for ${Math.max(histMax, probeMaxMs).toFixed(0)} ms`,
    );
    fs.rmSync(file);
  });

  it('ten million cells of regression data are refused with a message, and a small table still runs', async () => {
    const a = await api();
    const csv = workspaceFile('fault-10m-cells.csv');
    const fd = fs.openSync(csv, 'w');
    fs.writeSync(fd, 'a,b,c,d,e,f,g,h,i,y\n');
    const rows = '1,2,3,4,5,6,7,8,9,0\n'.repeat(100_000);
    for (let i = 0; i < 10; i++) fs.writeSync(fd, rows);
    fs.closeSync(fd);
    const note = vscode.Uri.file(workspaceFile('fault-regression.md'));
    fs.writeFileSync(
      note.fsPath,
      '```regression\ny ~ a + b\nfile: fault-10m-cells.csv\n```\n\n```regression\ny ~ x\nx, y\n1, 2.1\n2, 3.9\n3, 6.2\n4, 7.8\n```\n',
    );
    const lenses = await regressionLenses(note);
    assert.strictEqual(lenses.length, 2);
    const since = a.log.mark();
    const {
      value: failure,
      maxMs: histMax,
      probeMaxMs,
    } = await measureEventLoop(async () => {
      const failed = new Promise<{ message: string }>((resolve) => {
        const sub = a.snippets.onDidFail((f) => {
          sub.dispose();
          resolve(f);
        });
      });
      await clickLens(lenses[0]);
      return failed;
    });
    assert.match(failure.message, /10[.,\s]?000[.,\s]?000|1e7|about 1000000\d/i, failure.message);
    assert.match(failure.message, /1[.,\s]?000[.,\s]?000/, 'the message gives the limit');
    assert.ok(logged(a, /^warn /, since), 'a log line');
    assert.ok(
      Math.max(histMax, probeMaxMs) < STALL_MS,
      `the extension host stalled for ${Math.max(histMax, probeMaxMs).toFixed(0)} ms`,
    );
    const done = new Promise<RenderReport>((resolve) => {
      const sub = a.snippets.onDidRender((e) => {
        if (e.snippetId === 'regression' && e.status === 'done') {
          sub.dispose();
          resolve(e);
        }
      });
    });
    await clickLens(lenses[1]);
    assert.strictEqual((await done).svgCount, 2);
    fs.rmSync(csv);
  });

  it('snippet parameters out of range and NaN, Infinity or empty cells in data each get their own message', async () => {
    const a = await api();
    const failures: string[] = [];
    const sub = a.snippets.onDidFail((f) => failures.push(f.message));
    try {
      await vscode.commands.executeCommand('interpLessons._runSnippet', { id: 'study-hours', params: { n: 100_000 } });
      await vscode.commands.executeCommand('interpLessons._runSnippet', { id: 'study-hours', params: { noise: -1 } });
      const note = vscode.Uri.file(workspaceFile('fault-bad-cells.md'));
      const block = (cell: string) => `\`\`\`regression\ny ~ x\nx, y\n1, 2\n2, ${cell}\n3, 5\n4, 7\n\`\`\`\n`;
      fs.writeFileSync(note.fsPath, ['NaN', 'Infinity', ''].map(block).join('\n'));
      const lenses = await regressionLenses(note);
      assert.strictEqual(lenses.length, 3);
      for (const lens of lenses) await clickLens(lens);
      await until('five messages', () => failures.length >= 5 || undefined, 30_000);
    } finally {
      sub.dispose();
    }
    assert.match(failures[0], /from 5 to 500 \(got 100000\)/);
    assert.match(failures[1], /from 0 to 40 \(got -1\)/);
    assert.match(failures[2], /Line 5 \(data row 2\), column "y": "NaN" is not a finite number|"NaN"/);
    assert.match(failures[3], /Line 1[47] \(data row 2\), column "y": "Infinity"/);
    assert.match(failures[4], /Line \d+ \(data row 2\), column "y" is empty/);
  });

  it('a computation that runs out of memory stops its worker with a message; the host lives on', async () => {
    const a = await api();
    // A stand-in worker that allocates without end, under the runner's real heap limit mechanism (64 MB here).
    const hog = workspaceFile('fault-memory-hog.js');
    fs.writeFileSync(
      hog,
      "const { parentPort } = require('worker_threads');\nparentPort.on('message', () => { const keep = []; for (;;) keep.push(new Array(1e5).fill(Math.random())); });\n",
    );
    const since = a.log.mark();
    const runner = new SnippetRunner(hog, a.log, 64);
    const {
      value: outcome,
      maxMs: histMax,
      probeMaxMs,
    } = await measureEventLoop(() =>
      runner.run({ kind: 'snippet', id: 'study-hours', params: {} }, 'memory hog', { forceWorker: true }),
    );
    assert.ok(outcome !== 'cancelled' && !outcome.ok, 'the run failed');
    assert.match(outcome.failure.message, /64 MB/);
    assert.ok(logged(a, /^error Snippet worker failed/, since), 'a log line');
    assert.ok(
      Math.max(histMax, probeMaxMs) < STALL_MS,
      `the extension host stalled for ${Math.max(histMax, probeMaxMs).toFixed(0)} ms`,
    );
    fs.rmSync(hog);
  });
});

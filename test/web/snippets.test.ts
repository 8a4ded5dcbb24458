// The runnable demos in the web worker extension host (issue 20): a snippet picked from Run Snippet…'s quick pick,
// one heavy enough for a worker (a Web Worker made from a blob URL on the web), and a ```regression block of a note
// run from its CodeLens with its data in a CSV beside the note, read through workspace.fs.
import * as vscode from 'vscode';
import type { RenderReport } from '../../src/core/snippets/messages';
import { snippetsApi } from '../integration/helpers/api';
import { acceptInputsUntil, clickLens, regressionLenses } from '../integration/helpers/snippets';
import { nextEvent } from '../integration/helpers/until';
import * as assert from '../common/assert';
import { withTimerLateness } from '../common/timerLateness';
import { writeText } from '../common/workspace';

const done = (id: string) => (r: RenderReport) => r.snippetId === id && r.status === 'done';

describe('Web journeys: snippets and a regression block', function () {
  this.timeout(120_000);
  const written: vscode.Uri[] = [];
  before(async () => {
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('language', 'en', vscode.ConfigurationTarget.Global);
    (await snippetsApi()).forgetRevealed();
  });
  after(async () => {
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('language', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of written) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  it("Run Snippet… from the command palette: the first entry, lesson 1's regression, asks first and draws its plots", async () => {
    const snippets = await snippetsApi();
    const rendered = nextEvent(snippets.onDidRender, done('study-hours'), 'the results page of study-hours');
    const command = vscode.commands.executeCommand('interpLessons.runSnippet');
    await acceptInputsUntil(rendered);
    await command;
    const r = await rendered;
    assert.strictEqual(r.svgCount, 2, 'scatter with fitted line, and residuals');
    assert.strictEqual(r.tableCount, 1);
    assert.strictEqual(r.revealed, false, 'first run: the prediction question comes before the results');
    assert.match(snippets.lastMarkdown() ?? '', /## Study hours and exam score/);
    assert.strictEqual(snippets.runner.lastStats?.inWorker, false, 'a small run stays in the extension host');
  });

  it('a heavy demo (the linear probe) runs in a Web Worker and its results page draws the plot', async () => {
    const snippets = await snippetsApi();
    const rendered = nextEvent(snippets.onDidRender, done('linear-probe'), 'the results page of linear-probe');
    await vscode.commands.executeCommand('interpLessons.runSnippet', 'linear-probe');
    const r = await rendered;
    assert.strictEqual(r.svgCount, 1);
    assert.strictEqual(snippets.runner.lastStats?.inWorker, true, 'linear-probe runs in a worker');
    assert.match(snippets.lastMarkdown() ?? '', /selectivity/i);
  });

  it('a long run shows its progress from the worker while the extension host keeps answering', async () => {
    const snippets = await snippetsApi();
    const { latestMs: longest } = await withTimerLateness(async () => {
      const rendered = nextEvent(snippets.onDidRender, done('superposition-readout'), 'a long run', 110_000);
      await vscode.commands.executeCommand('interpLessons._runSnippet', {
        id: 'superposition-readout',
        params: { samples: 10000, features: 64, dims: 32 },
      });
      return rendered;
    });
    const stats = snippets.runner.lastStats;
    assert.ok(stats?.inWorker && stats.progressShown, `worker ${stats?.inWorker}, progress ${stats?.progressShown}`);
    assert.ok(stats.ms > 300, `a run long enough to show progress: ${stats.ms} ms`);
    assert.ok(longest < Math.min(2000, stats.ms / 3), `the host was blocked ${Math.round(longest)} ms of ${stats.ms}`);
  });

  it("a note's ```regression block reads class.csv beside it and its CodeLens runs the fit", async () => {
    const snippets = await snippetsApi();
    written.push(await writeText('web-data/class.csv', 'hours,score\n1,52\n2,55\n3,61\n4,63\n5,70\n'));
    const note = await writeText(
      'web-data/file-note.md',
      '# Class\n\n```regression\nscore ~ hours\nfile: class.csv\n```\n',
    );
    written.push(note);
    const lenses = await regressionLenses(note);
    assert.strictEqual(lenses.length, 1, 'one "Run regression" CodeLens');
    assert.match(lenses[0].command!.title, /Run regression/);
    const rendered = nextEvent(snippets.onDidRender, done('regression'), 'the results page of the block');
    await clickLens(lenses[0]);
    const r = await rendered;
    assert.strictEqual(r.svgCount, 2, 'observed against fitted, and residuals');
    assert.strictEqual(r.revealed, true, 'the user’s own data has no prediction question');
    // The fit of the file's five rows: slope 44/10 = 4.4, intercept 60.2 - 3 * 4.4 = 47.
    const md = snippets.lastMarkdown() ?? '';
    assert.match(md, /^\| hours \| 4\.4\d* \|/m, md);
    assert.match(md, /^\| \(Intercept\) \| 47(\.0*)? \|/m, md);
  });

  it('bad data in a block: the message names the line, data row and column', async () => {
    const snippets = await snippetsApi();
    const note = await writeText(
      'web-data/bad-note.md',
      ['Notes', '```regression', 'y ~ x', 'x, y', '1, 2', '2, 3', '3, abc', '4, 5', '```'].join('\n'),
    );
    written.push(note);
    const [lens] = await regressionLenses(note);
    assert.ok(lens, 'the CodeLens');
    const failed = nextEvent(snippets.onDidFail, () => true, 'the failure message');
    const page = nextEvent(
      snippets.onDidRender,
      (r) => r.snippetId === 'regression' && r.status === 'error',
      'the error page',
    );
    await clickLens(lens);
    const f = await failed;
    assert.match(f.message, /Line 7 \(data row 3\), column "y": "abc" is not a number/);
    assert.deepStrictEqual(f.location, { line: 7, inFile: false });
    assert.strictEqual((await page).svgCount, 0, 'the page shows the message, no plot');
  });

  it('ten million cells of data are refused with the limit in the message (a web worker has no heap limit of its own)', async () => {
    const snippets = await snippetsApi();
    const rows = '1,2,3,4,5,6,7,8,9,0\n'.repeat(1_000_000);
    written.push(await writeText('web-data/ten-million.csv', `a,b,c,d,e,f,g,h,i,y\n${rows}`));
    const note = await writeText('web-data/big-note.md', '```regression\ny ~ a + b\nfile: ten-million.csv\n```\n');
    written.push(note);
    const [lens] = await regressionLenses(note);
    assert.ok(lens, 'the CodeLens');
    const { value: failure, latestMs } = await withTimerLateness(async () => {
      const failed = nextEvent(snippets.onDidFail, () => true, 'the refusal', 110_000);
      await clickLens(lens);
      return failed;
    });
    assert.match(failure.message, /10[.,\s]?000[.,\s]?000|1e7|about 1000000\d/i, failure.message);
    assert.match(failure.message, /1[.,\s]?000[.,\s]?000/, 'the message gives the limit');
    assert.ok(latestMs < 3000, `the extension host stalled ${Math.round(latestMs)} ms`);
  });
});

// Snippets in a real VS Code: Run Snippet shows the results panel with plots (the page reports its
// SVGs), heavy runs go to a worker thread, a CodeLens runs a ```regression block of a note, and bad
// data shows a message naming the line, data row and column.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { RenderReport } from '../../src/core';
import { requestScreenshot, setTheme } from './helpers/screenshot';
import { interceptWarnings } from './helpers/messages';
import { acceptInputsUntil, clickLens, regressionLenses } from './helpers/snippets';
import { workspaceFolder } from './helpers/workspace';
import { snippetsApi as api } from './helpers/api';
import { nextEvent as next } from './helpers/until';
import { withTimerLateness } from '../common/timerLateness';

const done = (id: string) => (r: RenderReport) => r.snippetId === id && r.status === 'done';

/** Writes a note into the (copied) test workspace and returns its URI. */
function writeNote(name: string, text: string): vscode.Uri {
  const file = path.join(workspaceFolder().fsPath, name);
  fs.writeFileSync(file, text);
  return vscode.Uri.file(file);
}

/** Runs the CodeLens command of the n-th regression block of a note, as clicking it would. */
async function runLens(uri: vscode.Uri, index = 0): Promise<void> {
  const ours = await regressionLenses(uri);
  assert.ok(ours.length > index, `CodeLens "Run regression" present (${ours.length})`);
  assert.match(ours[index].command!.title, /Run regression/);
  await clickLens(ours[index]);
}

describe('Snippets', function () {
  this.timeout(120_000);
  before(async () => {
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('language', 'en', vscode.ConfigurationTarget.Global);
    // The question is asked on a snippet's first run in a session; an earlier suite may have run study-hours.
    (await api()).forgetRevealed();
  });
  after(async () => {
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('language', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Run Snippet shows the question first and a results page with its SVG plots', async () => {
    const snippets = await api();
    const rendered = next(snippets.onDidRender, done('study-hours'), 'render report for study-hours');
    await vscode.commands.executeCommand('interpLessons.runSnippet', 'study-hours');
    const r = await rendered;
    assert.strictEqual(r.svgCount, 2, 'scatter with fitted line, and residuals');
    assert.strictEqual(r.tableCount, 1);
    assert.strictEqual(r.revealed, false, 'first run: results wait behind "Reveal the results"');
    const note = snippets.lastMarkdown() ?? '';
    assert.match(note, /## Study hours and exam score/);
    assert.match(note, /```regression\nscore ~ hours\n/);
    assert.match(snippets.lastPython() ?? '', /class Random:[\s\S]*n = 30/);
    assert.strictEqual(snippets.runner.lastStats?.inWorker, false, 'a small run stays in the extension host');
  });

  it('the reader Run button command runs a heavy snippet in a worker thread; a second run is revealed at once', async () => {
    const snippets = await api();
    let rendered = next(snippets.onDidRender, done('linear-probe'), 'render report for linear-probe');
    await vscode.commands.executeCommand('interpLessons._runSnippet', { id: 'linear-probe' });
    let r = await rendered;
    assert.strictEqual(r.svgCount, 1);
    assert.strictEqual(snippets.runner.lastStats?.inWorker, true, 'linear-probe runs in a worker thread');
    rendered = next(snippets.onDidRender, done('linear-probe'), 'second render report');
    await vscode.commands.executeCommand('interpLessons._runSnippet', { id: 'linear-probe', params: { noise: 2 } });
    r = await rendered;
    assert.strictEqual(r.revealed, true);
    assert.match(snippets.lastMarkdown() ?? '', /\| Noise standard deviation \(σ\) \(noise\) \| 2 \|/);
  });

  it('Run Snippet Again with Different Parameters steps through one input per parameter', async () => {
    const snippets = await api();
    // Six inputs, prefilled with the last run's values (linear-probe, noise 2); accept each as it is.
    const primed = next(snippets.onDidRender, done('linear-probe'), 'render report of the first run');
    await snippets.run('linear-probe', { noise: 2 });
    await primed;
    const rendered = next(snippets.onDidRender, done('linear-probe'), 'render report after the parameter inputs');
    const command = vscode.commands.executeCommand('interpLessons.rerunSnippet');
    await acceptInputsUntil(rendered);
    await command;
    await rendered;
    assert.match(
      snippets.lastMarkdown() ?? '',
      /\| Noise standard deviation \(σ\) \(noise\) \| 2 \|/,
      'kept the previous values',
    );
  });

  it("Run Snippet… offers the catalogue in lesson order; accepting the first entry runs lesson 1's snippet", async () => {
    const snippets = await api();
    const rendered = next(snippets.onDidRender, done('study-hours'), 'render report after the quick pick');
    const command = vscode.commands.executeCommand('interpLessons.runSnippet');
    await acceptInputsUntil(rendered);
    await command;
    assert.strictEqual((await rendered).svgCount, 2);
  });

  it('a long run shows progress in a worker thread while the extension host stays responsive', async () => {
    const snippets = await api();
    // The event loop of the extension host: how late a 20 ms timer came during the run.
    const { latestMs } = await withTimerLateness(async () => {
      const rendered = next(
        snippets.onDidRender,
        done('superposition-readout'),
        'render report for a long run',
        110_000,
      );
      await vscode.commands.executeCommand('interpLessons._runSnippet', {
        id: 'superposition-readout',
        params: { samples: 10000, features: 64, dims: 32 },
      });
      await rendered;
    });
    const stats = snippets.runner.lastStats;
    assert.ok(
      stats?.inWorker && stats.progressShown,
      `worker ${stats?.inWorker}, progress ${stats?.progressShown}, ${stats?.ms} ms`,
    );
    assert.ok(stats.ms > 300);
    // In-process the host would be blocked for the whole run; allow for a shared, loaded machine.
    assert.ok(
      latestMs < Math.min(2000, stats.ms / 3),
      `extension host blocked for ${Math.round(latestMs)} ms of a ${stats.ms} ms run`,
    );
    try {
      // Reported (not asserted beyond the bounds above): the machine is shared and noisy.
      const dir = path.resolve(__dirname, '..', '..', '..', '.test-host');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(
        path.join(dir, 'snippet-timings.json'),
        JSON.stringify({
          longRunMs: stats.ms,
          longestEventLoopGapMs: Math.round(latestMs + 20), // the gap between ticks, as before: lateness + 20 ms
          measuredAt: new Date().toISOString(),
        }),
      );
    } catch {
      // An installed copy may not be writable.
    }
  });

  it('a CodeLens runs the ```regression block of a note', async () => {
    const snippets = await api();
    const uri = writeNote(
      'regression-note.md',
      [
        '# My data',
        '',
        '```regression',
        'y ~ x1 + x2',
        'x1, x2, y',
        '1, 2, 3.1',
        '2, 1, 3.9',
        '3, 5, 8.2',
        '4, 3, 7.8',
        '5, 4, 9.9',
        '```',
        '',
      ].join('\n'),
    );
    const rendered = next(snippets.onDidRender, done('regression'), 'render report for the regression block');
    await runLens(uri);
    const r = await rendered;
    assert.strictEqual(r.svgCount, 2, 'observed against fitted, and residuals');
    assert.strictEqual(r.revealed, true, 'the user’s own data has no prediction question');
    const note = snippets.lastMarkdown() ?? '';
    assert.match(note, /y ~ x1 \+ x2/);
    // Issue #15, defect 13: a number cell's hover (its `title` in the page) is the full-precision value, the
    // same text Copy as Markdown gives, and reads back as the same double.
    const copied = note
      .split('\n')
      .filter((l) => /^\| (\(Intercept\)|x1|x2) \|/.test(l))
      .flatMap((l) => l.split(' | ').slice(1, 4));
    assert.strictEqual(copied.length, 9, note);
    assert.deepStrictEqual(r.cellTitles, copied, 'hovers of estimate, std. error and t');
    for (const title of r.cellTitles ?? []) assert.strictEqual(String(Number(title)), title);
    assert.ok(
      r.cellTitles!.some((title) => title.replace(/^-?0*\.?0*/, '').replace('.', '').length > 10),
      `more than the displayed digits: ${r.cellTitles}`,
    );
  });

  it('bad data shows a message naming the line, data row and column, and the page shows it too', async () => {
    const snippets = await api();
    const uri = writeNote(
      'bad-note.md',
      ['Notes', '```regression', 'y ~ x', 'x, y', '1, 2', '2, 3', '3, abc', '4, 5', '```'].join('\n'),
    );
    const failed = next(snippets.onDidFail, () => true, 'failure message');
    const page = next(snippets.onDidRender, (r) => r.snippetId === 'regression' && r.status === 'error', 'error page');
    await runLens(uri);
    const f = await failed;
    assert.match(f.message, /Line 7 \(data row 3\), column "y": "abc" is not a number/);
    assert.deepStrictEqual(f.location, { line: 7, inFile: false });
    const r = await page;
    assert.strictEqual(r.svgCount, 0);
  });

  it("after a reload, a regression on the user's data comes back as it was, display only", async () => {
    const snippets = await api();
    const uri = writeNote('restore-note.md', '```regression\ny ~ x\nx, y\n1, 2.1\n2, 3.9\n3, 6.2\n4, 7.8\n```\n');
    const first = next(snippets.onDidRender, done('regression'), 'the first render');
    await runLens(uri);
    const before = await first;
    // What the page kept in its state, as VS Code would hand it back after a reload.
    const saved = {
      view: {
        runId: 1,
        snippetId: 'regression',
        status: 'done',
        title: 'Regression',
        revealOnClick: false,
        params: [],
        summary: [['R²', '0.99']],
        notes: [],
        tables: [],
        plots: [
          '<svg xmlns="http://www.w3.org/2000/svg" class="il-plot" viewBox="0 0 10 10"></svg>',
          '<svg xmlns="http://www.w3.org/2000/svg" class="il-plot" viewBox="0 0 10 10"></svg>',
        ],
        canRerun: true,
        rerunLabel: 'Run Again',
      },
    };
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const panel = vscode.window.createWebviewPanel(
      'interpLessons.snippetResults',
      'Regression',
      vscode.ViewColumn.Active,
      { enableScripts: true },
    );
    const restored = next(
      snippets.onDidRender,
      (r) => r.snippetId === 'regression' && r.runId > before.runId,
      'the restored page',
    );
    await snippets.revive(panel, saved);
    const r = await restored;
    assert.strictEqual(r.status, 'done');
    assert.strictEqual(r.svgCount, 2, 'the saved plots are shown again');
  });

  it('a file: line reads a CSV next to the note', async () => {
    const snippets = await api();
    writeNote('class.csv', 'hours,score\n1,52\n2,55\n3,61\n4,63\n5,70\n');
    const uri = writeNote('file-note.md', '```regression\nscore ~ hours\nfile: class.csv\n```\n');
    const rendered = next(snippets.onDidRender, done('regression'), 'render report for the file block');
    await runLens(uri);
    assert.strictEqual((await rendered).svgCount, 2);
  });

  describe('a file: line and the workspace boundary', () => {
    const csv = 'hours,score\n1,52\n2,55\n3,61\n4,63\n5,70\n';
    // The test workspace is a folder of a throwaway sandbox: its parent is outside the workspace.
    const workspace = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
    const outside = (name: string) => {
      const file = path.join(path.dirname(workspace()), 'outside-data', name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, csv);
      return fs.realpathSync(file);
    };
    /** Runs the note's block: 'rendered', or the failure message. */
    const outcome = async (uri: vscode.Uri): Promise<string> => {
      const snippets = await api();
      const rendered = next(snippets.onDidRender, done('regression'), 'render report').then(() => 'rendered');
      const failed = next(snippets.onDidFail, () => true, 'failure').then((f) => f.message);
      await runLens(uri);
      return Promise.race([rendered, failed]);
    };

    it('is read only after a modal dialog naming the file is accepted, and asks once per file', async () => {
      const file = outside('hours.csv');
      const uri = writeNote('outside-note.md', '```regression\nscore ~ hours\nfile: ../outside-data/hours.csv\n```\n');
      const warnings = interceptWarnings((w) => (w.modal ? 'Read the File' : undefined));
      try {
        assert.strictEqual(await outcome(uri), 'rendered');
        assert.deepStrictEqual(warnings.shown, [
          {
            message: `Read ${file}? It is outside the workspace.`,
            modal: true,
            items: ['Read the File'],
            detail:
              'The line "file: ../outside-data/hours.csv" in outside-note.md names it. It is only read, to compute this regression; you are asked once per file in this session.',
          },
        ]);
        assert.strictEqual(await outcome(uri), 'rendered');
        assert.strictEqual(warnings.shown.length, 1, 'not asked again for the same file');
      } finally {
        warnings.restore();
      }
    });

    it('declining reads nothing and says so', async () => {
      const file = outside('declined.csv');
      const uri = writeNote('declined-note.md', `\`\`\`regression\nscore ~ hours\nfile: ${file}\n\`\`\`\n`);
      const warnings = interceptWarnings(() => undefined);
      try {
        assert.strictEqual(
          await outcome(uri),
          `The regression was not run: ${file} is outside the workspace and was not read.`,
        );
        assert.deepStrictEqual(
          warnings.shown.map((w) => [w.modal, w.message]),
          [[true, `Read ${file}? It is outside the workspace.`]],
        );
      } finally {
        warnings.restore();
      }
    });

    it('a symbolic link in the workspace that leads out is outside too, named by where it leads', async function () {
      const file = outside('linked.csv');
      const link = path.join(workspace(), 'linked-out');
      try {
        fs.rmSync(link, { force: true });
        fs.symlinkSync(path.dirname(file), link, 'dir');
      } catch {
        this.skip(); // no symbolic links on this file system
      }
      const uri = writeNote('linked-note.md', '```regression\nscore ~ hours\nfile: linked-out/linked.csv\n```\n');
      const warnings = interceptWarnings(() => undefined);
      try {
        assert.strictEqual(
          await outcome(uri),
          `The regression was not run: ${file} is outside the workspace and was not read.`,
        );
        assert.deepStrictEqual(
          warnings.shown.map((w) => w.message),
          [`Read ${file}? It is outside the workspace.`],
        );
      } finally {
        warnings.restore();
      }
    });

    it('data inside the workspace, even through ../, is read without a dialog', async () => {
      fs.mkdirSync(path.join(workspace(), 'notes'), { recursive: true });
      writeNote('inside-data.csv', csv);
      const uri = writeNote(
        path.join('notes', 'inside-note.md'),
        '```regression\nscore ~ hours\nfile: ../inside-data.csv\n```\n',
      );
      const warnings = interceptWarnings(() => 'Read the File');
      try {
        assert.strictEqual(await outcome(uri), 'rendered');
        assert.deepStrictEqual(warnings.shown, []);
      } finally {
        warnings.restore();
      }
    });
  });
});

// README screenshot of a snippet result: `node test/host/run.mjs --grep "Snippet screenshots" --theme "<theme>"`.
if ((process.env.INTERP_TEST_GREP ?? '').includes('Snippet screenshots')) {
  describe('Snippet screenshots', function () {
    this.timeout(180_000);
    after(async () => {
      const config = vscode.workspace.getConfiguration('interpLessons');
      await config.update('language', undefined, vscode.ConfigurationTarget.Global);
      await config.update('snippets.askBeforeRevealing', undefined, vscode.ConfigurationTarget.Global);
    });

    it('study-hours results with plots', async () => {
      // --theme: applied here (the runner cannot set it at start-up, see test/host/run.mjs).
      const theme = process.env.INTERP_TEST_THEME;
      if (theme)
        await setTheme(theme, /dark|black/i.test(theme) ? vscode.ColorThemeKind.Dark : vscode.ColorThemeKind.Light);
      const config = vscode.workspace.getConfiguration('interpLessons');
      await config.update(
        'language',
        process.env.INTERP_SCREENSHOT_LANGUAGE ?? 'en',
        vscode.ConfigurationTarget.Global,
      );
      await config.update('snippets.askBeforeRevealing', false, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('workbench.action.closeSidebar');
      await vscode.commands.executeCommand('workbench.action.closePanel');
      const snippets = await api();
      const rendered = next(snippets.onDidRender, done('study-hours'), 'render report');
      await vscode.commands.executeCommand('interpLessons.runSnippet', 'study-hours');
      await rendered;
      await vscode.commands.executeCommand('workbench.action.editorLayoutSingle');
      await new Promise((r) => setTimeout(r, 1500));
      const dark = vscode.window.activeColorTheme.kind !== vscode.ColorThemeKind.Light;
      await requestScreenshot(`docs/images/snippet-results-${dark ? 'dark' : 'light'}.png`);
    });
  });
}

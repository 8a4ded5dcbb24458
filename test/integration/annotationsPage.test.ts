// Annotating in the real reader page (issue 16): the selection is made by the outer Playwright driver with the
// real mouse and keyboard (test/host/page-driver.mjs), since mocha in the extension host cannot touch a webview.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { parseNotesFile } from '../../src/core';
import type { DrawReport } from '../../src/features/annotations/controller';
import { extensionApi, type ExtensionApi } from './helpers/api';
import { showAndWait } from './helpers/lessons';
import { drawnHighlights, pageAction } from './helpers/page';
import { nextEvent as next, until, waitFor } from './helpers/until';

const LESSON = 'what-is-mech-interp';

/** The notes file's entries as saved on disk (not the editor's buffer). */
async function savedEntries(uri: vscode.Uri) {
  return parseNotesFile(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))).entries;
}

/** Keeps "creating a highlight to seeing it" for `npm run bench` (reported, not asserted). */
function recordCreateTiming(ms: number): void {
  console.log(`creating a highlight to seeing it in the page: ${ms.toFixed(1)} ms`);
  const file = path.resolve(__dirname, '..', '..', '..', '.test-host', 'annotation-timings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ createToDrawnMs: +ms.toFixed(1), measuredAt: new Date().toISOString() }));
}

describe('Annotations in the page', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  let notes: vscode.Uri;

  before(async () => {
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('language', 'en', vscode.ConfigurationTarget.Global);
    api = await extensionApi();
    const drawn = next(api.annotations.onDidDraw, (r) => r.lesson.lessonId === LESSON, 'the first drawing');
    await showAndWait(api.lessons, LESSON);
    await drawn;
    const lesson = await until('the lesson as annotations see it', () => api.annotations.shownLesson());
    notes = api.annotations.store.notesUri(lesson);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(notes).then(
      () => undefined,
      () => undefined,
    );
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('language', undefined, vscode.ConfigurationTarget.Global);
  });

  it('select with the mouse, Highlight in green from the toolbar: a saved entry, painted in the page', async () => {
    const phrase = 'gradient descent found it, and we must recover it';
    const selected = await pageAction<string>({ action: 'select', text: phrase });
    assert.strictEqual(selected, phrase);
    const drawn = next<DrawReport>(api.annotations.onDidDraw, (r) => r.createdMs !== undefined, 'the highlight drawn');
    await pageAction({ action: 'click', selector: '.il-ann-toolbar .il-ann-color-green' });
    const report = await drawn;
    recordCreateTiming(report.createdMs ?? NaN);
    const entry = await waitFor(
      async () => (await savedEntries(notes)).find((e) => e.exact === phrase),
      'the saved entry',
    );
    assert.strictEqual(entry.color, 'green');
    assert.strictEqual(entry.note, '');
    // Saved, not left dirty (the save may land just after the file on disk has the entry).
    await until(
      'the notes file saved',
      () => {
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === notes.toString());
        return !doc?.isDirty;
      },
      10_000,
    );
    const painted = await until('the page to paint it', async () =>
      (await drawnHighlights())?.find((h) => h.id === entry.id),
    );
    assert.deepStrictEqual({ color: painted.color, text: painted.text }, { color: 'green', text: phrase });
  });

  it('keyboard only: Alt+A into the toolbar, arrows to Add Note…, the note typed in the input box', async () => {
    const phrase = 'Networks solve tasks nobody could program by hand';
    assert.strictEqual(await pageAction<string>({ action: 'select', text: phrase }), phrase);
    const posted = next(
      api.annotations.onDidPost,
      (p) => p.message.items.some((i) => i.noteHtml.includes('circuits')),
      'the note sent to the page',
    );
    await pageAction({ action: 'waitFor', selector: '.il-ann-toolbar' });
    await pageAction({ action: 'press', key: 'Alt+A' });
    // Four colour buttons come first, then Add Note….
    for (let i = 0; i < 4; i++) await pageAction({ action: 'press', key: 'ArrowRight' });
    await pageAction({ action: 'press', key: 'Enter' });
    await pageAction({
      action: 'type',
      into: 'inputBox',
      text: 'Compare: **circuits** found by training, not written.',
    });
    await pageAction({ action: 'press', key: 'Enter' });
    const message = await posted;
    const item = message.message.items.find((i) => i.noteHtml.includes('circuits'));
    assert.ok(item);
    assert.match(item.noteHtml, /<strong>circuits<\/strong>/);
    const entry = await waitFor(
      async () => (await savedEntries(notes)).find((e) => e.exact === phrase),
      'the saved entry with its note',
    );
    assert.strictEqual(entry.note, 'Compare: **circuits** found by training, not written.');
    const painted = await until('the page to paint it', async () =>
      (await drawnHighlights())?.find((h) => h.id === item.id),
    );
    assert.strictEqual(painted.text, phrase);
  });
});

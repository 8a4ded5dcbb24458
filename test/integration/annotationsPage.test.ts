// Annotating in the real reader page (issue 16): the selection is made by the outer Playwright driver with the
// real mouse and keyboard (test/host/page-driver.mjs), since mocha in the extension host cannot touch a webview.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { describeRange, formatEntry, parseNotesFile } from '../../src/core';
import type { DrawReport } from '../../src/features/annotations/controller';
import { extensionApi, type ExtensionApi } from './helpers/api';
import { nextRender, showAndWait } from './helpers/lessons';
import { forgetAnnotations, showLessonForAnnotations } from './helpers/annotations';
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
    ({ api, notes } = await showLessonForAnnotations(LESSON));
  });

  after(() => forgetAnnotations(notes));

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

  it('editing the notes file by hand: the page shows the new note, and loses the highlight whose entry is deleted', async () => {
    const phrase = 'gradient descent found it, and we must recover it';
    const doc = await vscode.workspace.openTextDocument(notes);
    const entry = parseNotesFile(doc.getText()).entries.find((e) => e.exact === phrase);
    assert.ok(entry, 'the first test made this entry');
    const withNote = next(
      api.annotations.onDidPost,
      (p) => p.message.items.some((i) => i.id === entry.id && i.noteHtml.includes('binary')),
      'the edited note sent to the page',
    );
    // As a user would: on the blank line under the quote, a new paragraph.
    assert.strictEqual(entry.noteSpan.start, entry.noteSpan.end, 'no note yet');
    const blankLine = doc.positionAt(entry.noteSpan.start).line + 1;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(notes, new vscode.Position(blankLine, 0), '\nLike decompiling a *binary*.\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await withNote.catch((e: Error) => {
      throw new Error(`${e.message}; the notes file: ${JSON.stringify(doc.getText())}`);
    });
    const gone = next(
      api.annotations.onDidPost,
      (p) => p.message.lessonId === LESSON && !p.message.items.some((i) => i.id === entry.id),
      'the entry gone from the page',
    );
    const now = parseNotesFile(doc.getText()).entries.find((e) => e.id === entry.id);
    assert.ok(now);
    const remove = new vscode.WorkspaceEdit();
    remove.delete(notes, new vscode.Range(doc.positionAt(now.span.start), doc.positionAt(now.span.end)));
    assert.ok(await vscode.workspace.applyEdit(remove));
    await gone;
    await until('the page to stop painting it', async () => (await drawnHighlights())?.every((h) => h.id !== entry.id));
    await doc.save();
  });
});

describe('Annotations in the page: a course lesson that changes', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  let root: string;
  const lessonFile = () => path.join(root, '15_notes-course', '01-anchors.md');
  const KEPT = 'A feature is a direction in activation space that the model uses.';
  const REMOVED = 'Superposition lets a layer store more features than it has neurons.';

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'il-anchor-course-'));
    fs.mkdirSync(path.dirname(lessonFile()));
    fs.writeFileSync(
      lessonFile(),
      `# Anchors\n\n## Features {#features}\n\n${KEPT} It is read by later layers.\n\n## Superposition {#superposition}\n\n${REMOVED} Interference is the price.\n`,
    );
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('courseFolder', root, vscode.ConfigurationTarget.Global);
    api = await extensionApi();
  });

  after(async () => {
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('courseFolder', undefined, vscode.ConfigurationTarget.Global);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('a paragraph inserted above: the highlight follows its text; its passage deleted: an orphan, drawn nowhere', async () => {
    const course = await waitFor(async () => {
      const c = await api.lessons.courses.get();
      return c.kind === 'folder' && c.lessons.length ? c : undefined;
    }, 'the course folder');
    const lessonId = course.lessons[0].id;
    const first = next(api.annotations.onDidDraw, (r) => r.lesson.lessonId === lessonId, 'the first drawing');
    await showAndWait(api.lessons, lessonId);
    await first;
    const ids: string[] = [];
    for (const phrase of [KEPT, REMOVED]) {
      assert.strictEqual(await pageAction<string>({ action: 'select', text: phrase }), phrase);
      const drawn = next<DrawReport>(api.annotations.onDidDraw, (r) => r.createdMs !== undefined, 'drawn');
      await pageAction({ action: 'click', selector: '.il-ann-toolbar .il-ann-color-yellow' });
      await drawn;
      const painted = await until('painted', async () => (await drawnHighlights())?.find((h) => h.text === phrase));
      ids.push(painted.id);
    }
    const ref = { lessonId, language: course.language, course: 'folder' as const };
    // The author edits the lesson: a paragraph above both passages, and the second passage deleted.
    const redrawn = next(
      api.annotations.onDidDraw,
      (r) => r.lesson.lessonId === lessonId && r.drawn === 1,
      'the page drawn again with one highlight',
    );
    const text = fs.readFileSync(lessonFile(), 'utf8');
    fs.writeFileSync(
      lessonFile(),
      text.replace('## Features', 'A new opening paragraph, written later.\n\n## Features').replace(REMOVED, ''),
    );
    await redrawn;
    const painted = await until('the kept highlight painted again', async () => {
      const all = await drawnHighlights();
      return all?.length === 1 ? all : undefined;
    });
    assert.deepStrictEqual(
      painted.map((h) => [h.id, h.text]),
      [[ids[0], KEPT]],
    );
    const anchored = await api.annotations.store.anchored(ref);
    const byId = new Map(anchored.map((a) => [a.entry.id, a.range]));
    assert.ok(byId.get(ids[0]), 'the kept passage is anchored');
    assert.strictEqual(byId.get(ids[1]), undefined, 'the deleted passage is an orphan');
    assert.strictEqual(byId.has(ids[1]), true, 'the orphan is still listed');
  });
});

describe('Annotations in the page: hostile notes', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  let notes: vscode.Uri;

  after(() => forgetAnnotations(notes));

  it('the hostile corpus notes, anchored to real passages, are drawn with their notes and the CSP refuses nothing', async () => {
    const lessonId = 'concepts-and-terms';
    const shown = await showLessonForAnnotations(lessonId);
    const { lesson } = shown;
    ({ api, notes } = shown);
    const folder = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'hostile', 'notes');
    const hostileNotes = fs
      .readdirSync(folder)
      .filter((f) => /^notes-.*\.md$/.test(f))
      .flatMap((f) => parseNotesFile(fs.readFileSync(path.join(folder, f), 'utf8')).entries.map((e) => e.note))
      .filter((n) => n.length > 0);
    assert.ok(hostileNotes.length >= 3, `hostile notes found: ${hostileNotes.length}`);
    // Each hostile note on a real passage of the lesson, one every 300 characters, so the page draws them all.
    const text = lesson.plainText();
    const body = hostileNotes.map((note, i) => {
      const start = 400 + i * 300;
      const range = { start, end: start + 40 };
      const sel = describeRange(text, range);
      return formatEntry(
        { id: `hostile${String(i).padStart(3, '0')}`, color: 'pink', ...sel, ...range, note },
        { link: 'vscode://interp-lessons.interp-lessons/lesson/concepts-and-terms' },
      );
    });
    const file = `# Hostile\n\n${body.join('\n')}`;
    assert.strictEqual(parseNotesFile(file).entries.length, body.length, 'every entry parses');
    const seen: DrawReport[] = [];
    const drawn = next<DrawReport>(
      api.annotations.onDidDraw,
      (r) => (seen.push(r), r.lesson.lessonId === lessonId && r.drawn === body.length),
      'every hostile note drawn',
    );
    await vscode.workspace.fs.writeFile(notes, new TextEncoder().encode(file));
    const report = await drawn.catch((e: Error) => {
      throw new Error(`${e.message}; drawings seen: ${JSON.stringify(seen.map((r) => [r.drawn, r.notDrawn]))}`);
    });
    assert.deepStrictEqual(report.notDrawn, []);
    // The page counts every securitypolicyviolation since it loaded and sends the count with its next report.
    const after = nextRender(api.lessons, 'what-is-mech-interp');
    await api.lessons.reader.show({ lessonId: 'what-is-mech-interp' });
    const r = await after;
    assert.strictEqual(r.cspViolations, 0, r.cspViolation);
  });
});

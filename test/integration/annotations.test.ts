// Highlights and notes in the real VS Code: the reader's annotation messages (sent here through the feature's
// handler, as the bridge passes them on: mocha cannot select text in the page) become saved edits of the notes
// file, the page draws them, and editing the notes file by hand is followed by the reader.
import * as assert from '../common/assert';
import * as vscode from 'vscode';
// Single core files, not src/core's index: the web journeys run this suite too (test/web/desktopSuites.test.ts).
import { formatEntry, newNotesFile } from '../../src/core/annotations/notesFormat';
import { parseNotesFile } from '../../src/core/annotations/notesFile';
import type { Annotation } from '../../src/core/annotations/types';
import type { PageAnnotationsMessage } from '../../src/core/page/annotationMessages';
import type { MoveReport } from '../../src/features/annotations/moveNotes';
import type { AnnotatableLesson } from '../../src/features/shared/annotationBridge';
import type { DrawReport } from '../../src/features/annotations/controller';
import type { ExtensionApi } from './helpers/api';
import { forgetAnnotations, rangeAt, showLessonForAnnotations } from './helpers/annotations';
import { waitFor, nextEvent as next } from './helpers/until';

const LESSON = 'what-is-mech-interp';
type Posted = { message: PageAnnotationsMessage };

describe('Annotations', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  let lesson: AnnotatableLesson;
  let notes: vscode.Uri;

  before(async () => {
    ({ api, lesson, notes } = await showLessonForAnnotations(LESSON));
  });

  after(() => forgetAnnotations(vscode.Uri.joinPath(notes, '..', '..')));

  it('Highlight writes a saved entry to the notes file, and the page draws it', async () => {
    const range = rangeAt(lesson, 200);
    const drawn = next<DrawReport>(api.annotations.onDidDraw, (r) => r.createdMs !== undefined, 'the highlight drawn');
    const result = await api.annotations.handle(lesson, {
      type: 'annotate',
      lessonId: LESSON,
      action: 'highlight',
      color: 'green',
      range,
    });
    assert.deepStrictEqual((result as { outcome: string }).outcome, 'done');
    const id = (result as { id: string }).id;

    assert.ok(notes.path.endsWith('/lesson-notes/en/01-what-is-mech-interp.md'), notes.toString());
    const doc = await vscode.workspace.openTextDocument(notes);
    assert.strictEqual(doc.isDirty, false, 'the notes file is saved');
    const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(notes));
    assert.strictEqual(onDisk, doc.getText());
    const entry = parseNotesFile(onDisk).entries.find((e) => e.id === id);
    assert.ok(entry, onDisk);
    assert.strictEqual(entry.exact, range.exact);
    assert.strictEqual(entry.color, 'green');

    // What the Annotations view and export read: the file in the folder's listing, anchored, and counted.
    const listed = (await api.annotations.store.all()).find((n) => n.uri.toString() === notes.toString());
    assert.deepStrictEqual(listed?.ref, { lessonId: LESSON, language: 'en', course: 'shipped' });
    const anchored = (await api.annotations.store.anchored(lesson)).find((a) => a.entry.id === id);
    assert.deepStrictEqual(anchored?.range, { start: range.start, end: range.end });
    assert.strictEqual(api.annotations.store.count(lesson), listed.entries.length);

    const report = await drawn;
    assert.deepStrictEqual(report.notDrawn, []);
    console.log(
      `creating a highlight to seeing it: ${report.createdMs!.toFixed(1)} ms (page ${report.ms.toFixed(1)} ms)`,
    );
  });

  it("a selection whose text is not the lesson's is refused, and Add Note… cancelled creates nothing", async () => {
    const before = (await api.annotations.store.forLesson(lesson)).entries.length;
    const range = rangeAt(lesson, 400);
    const forged = await api.annotations.handle(lesson, {
      type: 'annotate',
      lessonId: LESSON,
      action: 'highlight',
      range: { ...range, exact: range.exact.replace(/\w/, '#') },
    });
    assert.strictEqual((forged as { outcome: string }).outcome, 'mismatch');
    const restore = api.annotations.testing.answerNotes(() => undefined);
    try {
      const cancelled = await api.annotations.handle(lesson, {
        type: 'annotate',
        lessonId: LESSON,
        action: 'note',
        range,
      });
      assert.strictEqual((cancelled as { outcome: string }).outcome, 'cancelled');
    } finally {
      restore();
    }
    assert.strictEqual((await api.annotations.store.forLesson(lesson)).entries.length, before);
  });

  it('deleting the entry in the notes file removes the highlight; Undo in the editor brings it back', async () => {
    const doc = await vscode.workspace.openTextDocument(notes);
    await vscode.window.showTextDocument(doc);
    const [entry] = parseNotesFile(doc.getText()).entries;
    assert.ok(entry);
    const emptied = next<Posted>(
      api.annotations.onDidPost,
      (p) => p.message.items.length === 0,
      'a post with no items',
    );
    const edit = new vscode.WorkspaceEdit();
    edit.delete(notes, new vscode.Range(doc.positionAt(entry.span.start), doc.positionAt(entry.span.end)));
    assert.ok(await vscode.workspace.applyEdit(edit));
    await emptied;

    const back = next<Posted>(
      api.annotations.onDidPost,
      (p) => p.message.items.some((i) => i.id === entry.id),
      'the highlight drawn again',
    );
    await vscode.commands.executeCommand('undo');
    await back;
    await doc.save();
  });

  it('Add Note… writes the note, the page gets it as HTML; Edit opens it selected; a new colour is saved', async () => {
    const note = 'Compare with **superposition**: $x^2$';
    const restore = api.annotations.testing.answerNotes(() => note);
    let id: string;
    try {
      const posted = next<Posted>(
        api.annotations.onDidPost,
        (p) => p.message.items.some((i) => i.noteHtml.includes('<strong>superposition</strong>')),
        'the note drawn as HTML',
      );
      const result = await api.annotations.handle(lesson, {
        type: 'annotate',
        lessonId: LESSON,
        action: 'note',
        range: rangeAt(lesson, 800),
      });
      id = (result as { id: string }).id;
      const item = (await posted).message.items.find((i) => i.id === id);
      assert.ok(item && /katex/.test(item.noteHtml), item?.noteHtml);
    } finally {
      restore();
    }

    assert.strictEqual(
      await api.annotations.handle(lesson, { type: 'annotation', lessonId: LESSON, id, action: 'edit' }),
      'done',
    );
    const editor = vscode.window.activeTextEditor;
    assert.strictEqual(editor?.document.uri.toString(), notes.toString());
    assert.strictEqual(editor.document.getText(editor.selection), note);

    const recoloured = await api.annotations.handle(lesson, {
      type: 'annotation',
      lessonId: LESSON,
      id,
      action: 'color',
      color: 'pink',
    });
    assert.strictEqual(recoloured, 'done');
    assert.strictEqual(editor.document.isDirty, false);
    assert.strictEqual(parseNotesFile(editor.document.getText()).entries.find((e) => e.id === id)?.color, 'pink');
  });

  it("Highlight Selection acts on the page's last selection, and says so when there is none", async () => {
    const range = rangeAt(lesson, 1000);
    await api.annotations.handle(lesson, { type: 'selection', lessonId: LESSON, range });
    assert.deepStrictEqual(api.annotations.lastSelection()?.range, range);
    const result = (await vscode.commands.executeCommand('interpLessons.highlightSelection')) as {
      outcome: string;
      id: string;
    };
    assert.strictEqual(result.outcome, 'done');
    const entries = (await api.annotations.store.forLesson(lesson)).entries;
    assert.strictEqual(entries.find((e) => e.id === result.id)?.exact, range.exact);

    await api.annotations.handle(lesson, { type: 'selection', lessonId: LESSON });
    assert.strictEqual(api.annotations.lastSelection(), undefined);
    assert.strictEqual(await vscode.commands.executeCommand('interpLessons.highlightSelection'), undefined);
  });

  it('a malformed entry gets a diagnostic on its line, and the other entries are still drawn', async () => {
    const second = await api.annotations.handle(lesson, {
      type: 'annotate',
      lessonId: LESSON,
      action: 'highlight',
      range: rangeAt(lesson, 600),
    });
    const goodId = (second as { id: string }).id;
    const doc = await vscode.workspace.openTextDocument(notes);
    const [first] = parseNotesFile(doc.getText()).entries;
    assert.ok(first && first.id !== goodId);
    const anchorLine = doc.lineAt(first.line);
    const drawnWithout = next<Posted>(
      api.annotations.onDidPost,
      (p) => p.message.items.some((i) => i.id === goodId) && !p.message.items.some((i) => i.id === first.id),
      'a post without the malformed entry',
    );
    const edit = new vscode.WorkspaceEdit();
    // Breaks the anchor's JSON: a key without quotes.
    edit.replace(notes, anchorLine.range, anchorLine.text.replace('"id"', 'id'));
    assert.ok(await vscode.workspace.applyEdit(edit));
    await drawnWithout;
    const diagnostic = await waitFor(
      async () => vscode.languages.getDiagnostics(notes).find((d) => d.range.start.line === first.line),
      'a diagnostic on the malformed anchor line',
    );
    assert.ok(diagnostic.message.length > 0);
    await doc.save();
  });

  it("Copy as Quote fills the clipboard with a linked quote; Open Notes File opens the lesson's notes file", async () => {
    const range = rangeAt(lesson, 300);
    await vscode.env.clipboard.writeText('');
    const copied = await api.annotations.handle(lesson, { type: 'annotate', lessonId: LESSON, action: 'quote', range });
    assert.strictEqual((copied as { outcome: string }).outcome, 'copied');
    const quote = await vscode.env.clipboard.readText();
    assert.ok(quote.startsWith(`> ${range.exact.split('\n')[0].trimEnd()}`), quote);
    assert.match(quote, new RegExp(`> — \\[.+\\]\\(\\S+/lesson/${LESSON}`));

    const opened = (await vscode.commands.executeCommand('interpLessons.openNotesFile')) as vscode.Uri;
    assert.strictEqual(opened.toString(), notes.toString());
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), notes.toString());
  });

  it('interpLessons.notes.folder moves where notes are read from, and the reader follows', async () => {
    const config = () => vscode.workspace.getConfiguration('interpLessons');
    const emptied = next<Posted>(
      api.annotations.onDidPost,
      (p) => p.message.items.length === 0,
      'the new folder drawn',
    );
    await config().update('notes.folder', 'other-notes', vscode.ConfigurationTarget.Workspace);
    try {
      await emptied;
      assert.ok(api.annotations.store.notesUri(lesson).path.endsWith('/other-notes/en/01-what-is-mech-interp.md'));
    } finally {
      const back = next<Posted>(api.annotations.onDidPost, (p) => p.message.items.length > 0, 'the old folder drawn');
      await config().update('notes.folder', undefined, vscode.ConfigurationTarget.Workspace);
      await back;
    }
    assert.strictEqual(api.annotations.store.notesUri(lesson).toString(), notes.toString());
  });

  it('Move Notes into Workspace moves notes from global storage without overwriting what is there', async () => {
    const link = `vscode://interp-lessons.interp-lessons/lesson/${LESSON}`;
    const header = newNotesFile({ lessonId: LESSON, language: 'en', title: 'Lesson', link });
    const entry = (id: string, note: string) => {
      const a: Annotation = {
        id,
        color: 'blue',
        exact: `Quote ${id}.`,
        prefix: '',
        suffix: '',
        start: 0,
        end: 9,
        note,
      };
      return formatEntry(a, { link });
    };
    const global = api.annotations.location.globalRoot.uri;
    const workspace = api.annotations.location.workspaceRoot!.uri;
    const write = (uri: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const read = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    // One file the workspace already has (with an entry of its own), one it has not.
    const existing = ['en', '02-safety.md'];
    const fresh = ['en', '03-concepts-and-terms.md'];
    await write(vscode.Uri.joinPath(workspace, ...existing), header + entry('keepthis', 'Workspace note.'));
    await write(vscode.Uri.joinPath(global, ...existing), header + entry('movethis', 'Global note.'));
    await write(vscode.Uri.joinPath(global, ...fresh), header + entry('wholefile', 'Alone.'));

    const report = (await vscode.commands.executeCommand('interpLessons.moveNotesIntoWorkspace')) as MoveReport;
    assert.deepStrictEqual([report.moved, report.merged, report.appendedEntries, report.kept.length], [1, 1, 1, 0]);
    const merged = parseNotesFile(await read(vscode.Uri.joinPath(workspace, ...existing)));
    assert.deepStrictEqual(
      merged.entries.map((e) => [e.id, e.note]),
      [
        ['keepthis', 'Workspace note.'],
        ['movethis', 'Global note.'],
      ],
    );
    assert.strictEqual(await read(vscode.Uri.joinPath(workspace, ...fresh)), header + entry('wholefile', 'Alone.'));
    for (const gone of [existing, fresh])
      await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(global, ...gone))));
  });

  it('Delete from the page removes the entry and leaves the file saved', async () => {
    const doc = await vscode.workspace.openTextDocument(notes);
    const entries = parseNotesFile(doc.getText()).entries;
    const target = entries[entries.length - 1];
    const outcome = await api.annotations.handle(lesson, {
      type: 'annotation',
      lessonId: LESSON,
      id: target.id,
      action: 'delete',
    });
    assert.strictEqual(outcome, 'done');
    assert.strictEqual(doc.isDirty, false);
    assert.ok(!parseNotesFile(doc.getText()).entries.some((e) => e.id === target.id));
  });
});

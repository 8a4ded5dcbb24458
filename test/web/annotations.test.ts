// Highlights and notes in the web worker extension host (issue 20): text selected in the reader page with the real
// mouse (the outer driver), Highlight Selection, the notes markdown file written through workspace.fs, the
// highlight painted in the page; a note with math; the entry deleted by hand in the notes file leaves the page.
import * as vscode from 'vscode';
import { parseNotesFile } from '../../src/core/annotations/notesFile';
import type { PageAnnotationsMessage } from '../../src/core/page/annotationMessages';
import type { DrawReport } from '../../src/features/annotations/controller';
import type { AnnotatableLesson } from '../../src/features/shared/annotationBridge';
import type { ExtensionApi } from '../integration/helpers/api';
import { forgetAnnotations, rangeAt, showLessonForAnnotations } from '../integration/helpers/annotations';
import type { DrawnHighlight } from '../integration/helpers/page';
import { nextEvent, until } from '../integration/helpers/until';
import * as assert from '../common/assert';
import { readText } from '../common/workspace';
import { pageAction } from './helpers/page';

const LESSON = 'what-is-mech-interp';
const PHRASE = 'gradient descent found it, and we must recover it';
const drawnHighlights = () => pageAction<DrawnHighlight[] | null>({ action: 'drawn' });

describe('Web journeys: annotations', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  let lesson: AnnotatableLesson;
  let notes: vscode.Uri;
  let id: string;
  let noteId: string;

  before(async () => {
    ({ api, lesson, notes } = await showLessonForAnnotations(LESSON));
  });
  after(() => forgetAnnotations(vscode.Uri.joinPath(notes, '..', '..')));

  it('text selected in the page, Highlight Selection: saved in the notes file and painted in the page', async () => {
    assert.strictEqual(await pageAction<string>({ action: 'select', text: PHRASE }), PHRASE);
    await until('the page to report the selection', () => api.annotations.lastSelection()?.range.exact === PHRASE);
    const drawn = nextEvent<DrawReport>(api.annotations.onDidDraw, (r) => r.createdMs !== undefined, 'the drawing');
    const result = (await vscode.commands.executeCommand('interpLessons.highlightSelection')) as {
      outcome: string;
      id: string;
    };
    assert.strictEqual(result.outcome, 'done');
    id = result.id;

    assert.ok(notes.path.endsWith('/lesson-notes/en/01-what-is-mech-interp.md'), notes.toString());
    const entry = parseNotesFile(await readText(notes)).entries.find((e) => e.id === id);
    assert.ok(entry, 'the entry in the notes file');
    assert.strictEqual(entry.exact, PHRASE);
    assert.deepStrictEqual((await drawn).notDrawn, []);
    const painted = await until('the page to paint it', async () =>
      (await drawnHighlights())?.find((h) => h.id === id),
    );
    assert.deepStrictEqual({ color: painted.color, text: painted.text }, { color: entry.color, text: PHRASE });
  });

  it('a note with math: written to the file, drawn in the page as HTML with KaTeX', async () => {
    const note = 'Compare with **superposition**: $x^2$';
    const restore = api.annotations.testing.answerNotes(() => note);
    try {
      const posted = nextEvent<{ message: PageAnnotationsMessage }>(
        api.annotations.onDidPost,
        (p) => p.message.items.some((i) => i.noteHtml.includes('<strong>superposition</strong>')),
        'the note drawn as HTML',
      );
      const result = (await api.annotations.handle(lesson, {
        type: 'annotate',
        lessonId: LESSON,
        action: 'note',
        range: rangeAt(lesson, 800),
      })) as { id: string };
      noteId = result.id;
      const item = (await posted).message.items.find((i) => i.id === result.id);
      assert.ok(item && /katex/.test(item.noteHtml), item?.noteHtml);
      const entry = parseNotesFile(await readText(notes)).entries.find((e) => e.id === result.id);
      assert.strictEqual(entry?.note, note);
    } finally {
      restore();
    }
  });

  it('the entry deleted by hand in the notes file: the page no longer paints the highlight', async () => {
    const doc = await vscode.workspace.openTextDocument(notes);
    const entry = parseNotesFile(doc.getText()).entries.find((e) => e.id === id);
    assert.ok(entry, 'the highlight is in the file');
    const edit = new vscode.WorkspaceEdit();
    edit.delete(notes, new vscode.Range(doc.positionAt(entry.span.start), doc.positionAt(entry.span.end)));
    assert.ok(await vscode.workspace.applyEdit(edit));
    await doc.save();
    await until('the highlight gone from the page', async () => {
      const drawn = await drawnHighlights();
      return drawn !== null && !drawn.some((h) => h.id === id);
    });
  });

  it("the note deleted from the page's menu: gone from the notes file, nothing painted any more", async () => {
    assert.strictEqual(
      await api.annotations.handle(lesson, { type: 'annotation', lessonId: LESSON, id: noteId, action: 'delete' }),
      'done',
    );
    assert.deepStrictEqual(parseNotesFile(await readText(notes)).entries, [], 'no entry left in the file');
    await until('nothing painted in the page', async () => (await drawnHighlights())?.length === 0 || undefined);
  });
});

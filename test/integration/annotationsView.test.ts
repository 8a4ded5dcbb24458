// The Annotations view and the export commands in the real VS Code: highlights made through the feature's
// handler (as the page's messages arrive) show in the view, lesson → section → highlight; the filter ignores
// accents; Export Lesson with Notes… writes the offline page; Copy Notes as Markdown fills the clipboard; Delete
// removes the entry from the notes file and the view follows.
import * as assert from '../common/assert';
import * as vscode from 'vscode';
import { parseNotesFile } from '../../src/core/annotations/notesFile';
import type { AnnotatableLesson } from '../../src/features/shared/annotationBridge';
import type { AnnotationNode } from '../../src/features/annotations/treeModel';
import type { ExtensionApi } from './helpers/api';
import { forgetAnnotations, rangeAt, showLessonForAnnotations } from './helpers/annotations';
import { until } from './helpers/until';

const LESSON = 'what-is-mech-interp';

describe('Annotations view and export', function () {
  this.timeout(120_000);
  let api: ExtensionApi;
  let lesson: AnnotatableLesson;
  let notes: vscode.Uri;
  const ids: string[] = [];

  before(async () => {
    ({ api, lesson, notes } = await showLessonForAnnotations(LESSON));
    const restore = api.annotations.testing.answerNotes(() => 'Xem lại: siêu chồng chập\nsecond line');
    try {
      for (const [action, from] of [
        ['highlight', 300],
        ['note', 900],
      ] as const) {
        const r = await api.annotations.handle(lesson, {
          type: 'annotate',
          lessonId: LESSON,
          action,
          color: 'green',
          range: rangeAt(lesson, from),
        });
        ids.push((r as { id: string }).id);
      }
    } finally {
      restore();
    }
  });

  after(async () => {
    api.annotations.view.tree.setFilter('');
    await forgetAnnotations(vscode.Uri.joinPath(notes, '..', '..'));
  });

  /** The lesson's node and its annotation nodes, once the view lists `count` of them. */
  async function lessonInView(count: number) {
    const tree = api.annotations.view.tree;
    return until(`the view to list ${count} highlights of the lesson`, async () => {
      const root = await tree.getChildren();
      const node = root.find((n) => n.kind === 'lesson' && n.lesson.ref.lessonId === LESSON);
      if (!node) return undefined;
      const sections = await tree.getChildren(node);
      const items = (await Promise.all(sections.map((s) => tree.getChildren(s)))).flat();
      return items.length === count ? { node, sections, items } : undefined;
    });
  }

  it('lists the lesson, its section and each highlight with its colour, quote and note', async () => {
    const { node, sections, items } = await lessonInView(2);
    const tree = api.annotations.view.tree;
    assert.strictEqual(tree.getTreeItem(node).label, lesson.title);
    assert.ok(sections.every((s) => s.kind === 'section'));
    const noted = items.find((i) => i.kind === 'annotation' && i.entry.id === ids[1])!;
    const item = tree.getTreeItem(noted);
    assert.strictEqual(item.description, 'Xem lại: siêu chồng chập');
    const quote = (item.label as string).replace(/…$/, '');
    assert.ok(quote.length > 10 && noted.kind === 'annotation', quote);
    assert.ok(noted.entry.exact.replace(/\s+/g, ' ').trim().startsWith(quote), `${quote} / ${noted.entry.exact}`);
    assert.strictEqual(((item.iconPath as vscode.ThemeIcon).color as vscode.ThemeColor).id, 'charts.green');
    assert.strictEqual(item.command?.command, 'interpLessons._revealAnnotation');
    assert.strictEqual(item.contextValue, 'annotation');
  });

  it('filters without accents and shows the filter in the view description', async () => {
    const tree = api.annotations.view.tree;
    tree.setFilter('sieu chong chap');
    const { items } = await lessonInView(1);
    assert.strictEqual(items[0].kind === 'annotation' && items[0].entry.id, ids[1]);
    assert.match(api.annotations.view.view.description ?? '', /sieu chong chap/);
    tree.setFilter('');
    await lessonInView(2);
  });

  it('Export Lesson with Notes… writes one offline page with the marks and the note', async () => {
    const { node } = await lessonInView(2);
    const target = vscode.Uri.joinPath(notes, '..', '..', 'export-test.html');
    const restore = api.annotations.view.testing.answerSaveDialog(async () => target);
    try {
      await vscode.commands.executeCommand('interpLessons.exportLessonWithNotes', node);
    } finally {
      restore();
    }
    const html = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    assert.strictEqual((html.match(/<mark class="il-mark il-green" data-annotation="/g) ?? []).length >= 2, true);
    assert.match(html, /<aside class="il-note il-green"[^>]*>[\s\S]*siêu chồng chập/);
    assert.match(html, /url\(data:font\/woff2;base64,/);
    // Addresses may show as text (a lesson cites its sources); none is loaded or linked.
    assert.doesNotMatch(html, /<script|\s(?:href|src)="(?!#|data:)|url\((?!data:)/);
  });

  it('Copy Notes as Markdown puts the notes on the clipboard without their anchor lines', async () => {
    const { node } = await lessonInView(2);
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('interpLessons.copyNotesAsMarkdown', node);
    const copied = await vscode.env.clipboard.readText();
    assert.match(copied, /siêu chồng chập/);
    assert.ok(copied.includes(rangeAt(lesson, 300).exact.trim().split(/\s+/).slice(0, 3).join(' ')), copied);
    assert.strictEqual(parseNotesFile(copied).entries.length, 0, 'no anchor line left');
  });

  it('Delete removes the entry from the notes file, and the view follows', async () => {
    const { items } = await lessonInView(2);
    const first = items.find(
      (i): i is Extract<AnnotationNode, { kind: 'annotation' }> => i.kind === 'annotation' && i.entry.id === ids[0],
    )!;
    await vscode.commands.executeCommand('interpLessons.deleteAnnotationInView', first);
    const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(notes));
    assert.deepStrictEqual(
      parseNotesFile(onDisk).entries.map((e) => e.id),
      [ids[1]],
    );
    await lessonInView(1);
  });
});

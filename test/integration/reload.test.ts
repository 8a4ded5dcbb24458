// A real window reload (workbench.action.reloadWindow), not a simulation: the first phase opens a lesson
// in Vietnamese at a section and marks another lesson read; test/integration/index.ts then reloads the
// window; after the reload VS Code must bring the reader back through the extension's webview
// serializer on the same lesson, language and section, and the reading progress must still be there.
// Needs test/host/run.mjs (INTERP_TEST_RELOAD); elsewhere (@vscode/test-cli) the test is skipped.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { LessonsApi } from '../../src/features/lessons/register';
import type { ReaderEvents } from '../../src/features/lessons/reader';
import { readReloadState, reloadFile, writeReloadState } from './helpers/reload';
import { until, waitFor } from './helpers/until';
import { parseNotesFile } from '../../src/core';
import { drawnHighlights, pageAction, type DrawnHighlight } from './helpers/page';
import { extensionApi as exportsOf, lessonsApi as api } from './helpers/api';

interface Expected {
  /** A highlight made in the page before the reload: the page must paint it again after. */
  highlight: DrawnHighlight;
  lessonId: string;
  language: string;
  section: string;
  readLesson: string;
  description: string;
  snippet: string;
  svgCount: number;
}

const tabsOf = (viewType: string) =>
  vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(viewType));

/** The page's last report, once it is for `lessonId` (after a reload there is no event to wait on). */
function reportedNow(lessons: LessonsApi, lessonId: string): Promise<ReaderEvents['rendered']> {
  return until(
    `the page's render report for ${lessonId}`,
    () => {
      const r = lessons.reader.lastRendered;
      return r?.lessonId === lessonId ? r : undefined;
    },
    90_000,
  );
}

/**
 * Selects the first words under the section heading on screen with the real mouse (nothing scrolls: the
 * restored position stays the section's) and highlights them in blue from the toolbar.
 */
async function highlightUnderHeading(sectionId: string): Promise<DrawnHighlight> {
  const { annotations } = await exportsOf();
  const lesson = await until('the lesson as annotations see it', () => annotations.shownLesson());
  const title = lesson.sections.find((s) => s.id === sectionId)?.title;
  assert.ok(title, 'the section has a title');
  const text = lesson.plainText();
  const at = text.indexOf(title);
  const paragraph = text.slice(at + title.length).match(/\S[^\n$]{24,}/);
  assert.ok(at >= 0 && paragraph, 'text under the heading');
  const phrase = paragraph[0].slice(0, 24).trimEnd();
  assert.strictEqual(await pageAction<string>({ action: 'select', text: phrase }), phrase);
  await pageAction({ action: 'click', selector: '.il-ann-toolbar .il-ann-color-blue' });
  const painted = await until('the highlight painted', async () =>
    (await drawnHighlights())?.find((h) => h.text === phrase),
  );
  // The page paints before the notes file is written: the reload must not come before the save.
  const notes = annotations.store.notesUri(lesson);
  await waitFor(async () => {
    const saved = parseNotesFile(new TextDecoder().decode(await vscode.workspace.fs.readFile(notes)));
    const dirty = vscode.workspace.textDocuments.some((d) => d.uri.toString() === notes.toString() && d.isDirty);
    return saved.entries.some((e) => e.id === painted.id) && !dirty ? true : undefined;
  }, 'the highlight saved in the notes file');
  return painted;
}

const state = readReloadState();

describe('Window reload', function () {
  this.timeout(120_000);

  if (state.phase !== 'after') {
    it('before the reload: snippet results, a lesson open in Vietnamese at a section, another lesson marked read', async function () {
      if (!reloadFile()) this.skip(); // not under test/host/run.mjs: nothing can reload the window
      const { lessons, snippets } = await exportsOf();
      // The results panel first (it opens beside, narrowing the reader would move the section).
      const snippet = 'study-hours';
      await snippets.run(snippet, { n: 40 });
      const report = await until('the results page', () => {
        const r = snippets.lastReport();
        return r?.snippetId === snippet && r.status === 'done' ? r : undefined;
      });
      assert.ok(report.svgCount > 0);
      const lessonId = 'concepts-and-terms';
      const readLesson = 'mech-interp-and-safety';
      await lessons.progress.reset();
      await vscode.commands.executeCommand('interpLessons.markRead', lessons.tree.lessonNode(readLesson));
      // A section well down the page, so "restored at the top" cannot pass for "restored in place".
      const sections = await lessons.tree.getChildren(lessons.tree.lessonNode(lessonId));
      const node = sections[Math.min(3, sections.length - 1)];
      assert.ok(node?.kind === 'section', 'the lesson has sections');
      lessons.reader.lastRendered = undefined;
      await lessons.reader.show({ lessonId, section: node.sectionId, language: 'vi' });
      const r = await reportedNow(lessons, lessonId);
      assert.strictEqual(r.language, 'vi');
      assert.strictEqual(r.visibleHeading, node.sectionId, 'the page scrolled to the section before the reload');
      const highlight = await highlightUnderHeading(node.sectionId);
      await until(
        'the tree description',
        () => /^1\/5/.test(String(lessons.treeView.description)) || undefined,
        10_000,
      );
      const expect: Expected = {
        highlight,
        lessonId,
        language: 'vi',
        section: node.sectionId,
        readLesson,
        description: String(lessons.treeView.description),
        snippet,
        svgCount: report.svgCount,
      };
      writeReloadState({ ...readReloadState(), requested: true, expect: { ...expect } });
    });
    return;
  }

  const expect = state.expect as unknown as Expected;

  it('after the reload: VS Code restored the reader on the same lesson, language and section', async () => {
    assert.ok(expect?.lessonId, 'the first phase left its expectations');
    const lessons = await api();
    const r = await reportedNow(lessons, expect.lessonId);
    assert.ok(lessons.reader.isOpen, 'a reader panel exists');
    assert.strictEqual(tabsOf('interpLessons.reader').length, 1, 'exactly one reader tab, the restored one');
    assert.deepStrictEqual(lessons.reader.currentLesson, { lessonId: expect.lessonId, language: expect.language });
    assert.ok(
      r.katexCount > 0 && r.fontsLoaded,
      `math rendered with its fonts after the reload (${r.katexCount} formulas)`,
    );
    assert.strictEqual(r.visibleHeading, expect.section, 'scrolled back to the section that was on screen');
  });

  it('after the reload: the snippet results came back, computed again with the same parameters', async () => {
    const { snippets } = await exportsOf();
    const [tab] = tabsOf('interpLessons.snippetResults');
    assert.ok(tab, 'the results tab came back');
    // VS Code restores a webview when its tab is shown: click it, as a user would.
    const group = vscode.window.tabGroups.all.find((g) => g.tabs.includes(tab))!;
    await vscode.commands.executeCommand(
      `workbench.action.focus${['First', 'Second', 'Third'][group.viewColumn - 1] ?? 'First'}EditorGroup`,
    );
    await vscode.commands.executeCommand(`workbench.action.openEditorAtIndex${group.tabs.indexOf(tab) + 1}`);
    const r = await until(
      'the restored results page',
      () => {
        const x = snippets.lastReport();
        return x?.snippetId === expect.snippet && x.status === 'done' ? x : undefined;
      },
      90_000,
    );
    assert.strictEqual(tabsOf('interpLessons.snippetResults').length, 1, 'exactly one results tab, the restored one');
    assert.strictEqual(r.svgCount, expect.svgCount);
    assert.strictEqual(r.revealed, true, 'the prediction question was answered before the reload');
    assert.match(snippets.lastMarkdown() ?? '', /\(n\) \| 40 \|/, 'the same parameters (n = 40, not the default 30)');
  });

  it('after the reload: the highlight made in the page is painted again, from the notes file', async () => {
    // The results tab was brought to the front above: show the reader's page again.
    (await api()).reader.testing.webviewPanel()?.reveal();
    // The page may still be loading after reveal() (no lesson body yet): that counts as "not yet".
    const painted = await waitFor(
      async () => (await drawnHighlights())?.find((h) => h.id === expect.highlight.id),
      'the highlight painted again',
      60_000,
    );
    assert.deepStrictEqual(painted, expect.highlight);
  });

  it('after the reload: reading progress survived', async () => {
    const lessons = await api();
    assert.strictEqual(lessons.progress.get(expect.readLesson), 'read');
    assert.strictEqual(lessons.progress.countRead((await lessons.courses.get()).lessons.map((l) => l.id)), 1);
    await until(
      'the tree description',
      () => String(lessons.treeView.description) === expect.description || undefined,
      10_000,
    );
  });
});

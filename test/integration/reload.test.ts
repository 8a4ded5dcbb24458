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
import { until } from './helpers/until';

interface Expected {
  lessonId: string;
  language: string;
  section: string;
  readLesson: string;
  description: string;
}

async function api(): Promise<LessonsApi> {
  const ext = vscode.extensions.getExtension<{ lessons: LessonsApi }>('interp-lessons.interp-lessons');
  assert.ok(ext);
  await ext.activate();
  return ext.exports.lessons;
}

function nextRender(lessons: LessonsApi, lessonId: string): Promise<ReaderEvents['rendered']> {
  return until(`the page's render report for ${lessonId}`, () => {
    const r = lessons.reader.lastRendered;
    return r?.lessonId === lessonId ? r : undefined;
  }, 90_000);
}

const state = readReloadState();

describe('Window reload', function () {
  this.timeout(120_000);

  if (state.phase !== 'after') {
    it('before the reload: a lesson open in Vietnamese at a section, another lesson marked read', async function () {
      if (!reloadFile()) this.skip(); // not under test/host/run.mjs: nothing can reload the window
      const lessons = await api();
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
      const r = await nextRender(lessons, lessonId);
      assert.strictEqual(r.language, 'vi');
      assert.strictEqual(r.visibleHeading, node.sectionId, 'the page scrolled to the section before the reload');
      await until('the tree description', () => /^1\/5/.test(String(lessons.treeView.description)) || undefined, 10_000);
      const expect: Expected = { lessonId, language: 'vi', section: node.sectionId, readLesson, description: String(lessons.treeView.description) };
      writeReloadState({ ...readReloadState(), requested: true, expect: { ...expect } });
    });
    return;
  }

  const expect = state.expect as unknown as Expected;

  it('after the reload: VS Code restored the reader on the same lesson, language and section', async () => {
    assert.ok(expect?.lessonId, 'the first phase left its expectations');
    const lessons = await api();
    const r = await nextRender(lessons, expect.lessonId);
    assert.ok(lessons.reader.isOpen, 'a reader panel exists');
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('interpLessons.reader'));
    assert.strictEqual(tabs.length, 1, 'exactly one reader tab, the restored one');
    assert.deepStrictEqual(lessons.reader.currentLesson, { lessonId: expect.lessonId, language: expect.language });
    assert.ok(r.katexCount > 0 && r.fontsLoaded, `math rendered with its fonts after the reload (${r.katexCount} formulas)`);
    assert.strictEqual(r.visibleHeading, expect.section, 'scrolled back to the section that was on screen');
  });

  it('after the reload: reading progress survived', async () => {
    const lessons = await api();
    assert.strictEqual(lessons.progress.get(expect.readLesson), 'read');
    assert.strictEqual(lessons.progress.countRead((await lessons.courses.get()).lessons.map((l) => l.id)), 1);
    await until('the tree description', () => String(lessons.treeView.description) === expect.description || undefined, 10_000);
  });
});

// The Lessons tree and the reader with math, in the web worker extension host (issue 20): what a learner on
// vscode.dev or github.dev sees first. The page is asked through the outer driver (test/web/helpers/page.ts).
import * as vscode from 'vscode';
import type { LessonNode } from '../../src/features/lessons/lessonTree';
import { lessonsApi } from '../integration/helpers/api';
import { nextRender, showAndWait } from '../integration/helpers/lessons';
import { until } from '../integration/helpers/until';
import * as assert from '../common/assert';
import { pageAction, queryPage } from './helpers/page';

const LESSON_IDS = [
  'what-is-mech-interp',
  'mech-interp-and-safety',
  'concepts-and-terms',
  'theory-and-experiment',
  'criticisms',
];

const setLanguage = (value: 'en' | 'vi' | undefined) =>
  vscode.workspace.getConfiguration('interpLessons').update('language', value, vscode.ConfigurationTarget.Global);

describe('Web journeys: Lessons tree and reader', function () {
  this.timeout(120_000);
  before(async () => {
    await setLanguage('en');
    await vscode.commands.executeCommand('workbench.view.extension.interpLessons');
  });
  after(async () => {
    await setLanguage(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the Lessons view lists the module, its five lessons in order with their minutes, and their sections', async () => {
    const { tree } = await lessonsApi();
    const [module] = await until('the module in the tree', async () => {
      const modules = await tree.getChildren();
      return modules.length ? modules : undefined;
    });
    assert.ok(module, 'the module');
    const lessons = (await tree.getChildren(module)) as LessonNode[];
    assert.deepStrictEqual(
      lessons.map((l) => (l.kind === 'lesson' ? l.lessonId : l.kind)),
      LESSON_IDS,
    );
    for (const l of lessons) {
      const item = tree.getTreeItem(l);
      assert.match(String(item.label), /^\d\. \S/);
      assert.match(String(item.description), /\d+ min/);
      const sections = await tree.getChildren(l);
      assert.ok(sections.length >= 4, `${String(item.label)}: ${sections.length} sections`);
      for (const s of sections) assert.deepStrictEqual(tree.getParent(s), l);
    }
    // The workbench drew the view: the driver finds lesson 1's row in the sidebar.
    await pageAction({ action: 'workbenchRow', text: String(tree.getTreeItem(lessons[0]).label) });
  });

  it('Open Lesson shows lesson 1 with its math typeset by KaTeX, fonts loaded, and marks it in progress', async () => {
    const lessons = await lessonsApi();
    await lessons.progress.set('what-is-mech-interp', 'unread');
    const rendered = nextRender(lessons, 'what-is-mech-interp');
    await vscode.commands.executeCommand('interpLessons.openLesson', { lessonId: 'what-is-mech-interp' });
    const r = await rendered;
    assert.ok(r.katexCount >= 5, `the page reports ${r.katexCount} formulas`);
    assert.strictEqual(r.fontsLoaded, true, 'KaTeX woff2 fonts loaded from media/katex');
    assert.strictEqual(r.cspViolations, 0, r.cspViolation);
    assert.notStrictEqual(lessons.progress.get('what-is-mech-interp'), 'unread', 'opening marks it in progress');
    // What the page shows, as the driver finds it in the webview: the typeset formulas and the lesson's title.
    const katex = await queryPage('.il-lesson-body .katex');
    assert.ok(katex.length >= r.katexCount, `${katex.length} .katex elements in the page for ${r.katexCount}`);
    assert.ok(
      katex.some((k) => k.text && /[=+−]/.test(k.text)),
      'a formula with its symbols',
    );
    const [title] = await queryPage('.il-lesson-body h1');
    assert.match(title?.text ?? '', /mechanistic interpretability/i);
  });

  it('a section opens scrolled to it; the language switch re-renders the same lesson in Vietnamese', async () => {
    const lessons = await lessonsApi();
    let rendered = nextRender(lessons, 'concepts-and-terms');
    await vscode.commands.executeCommand('interpLessons._showLesson', {
      lessonId: 'concepts-and-terms',
      section: 'superposition',
    });
    assert.strictEqual((await rendered).visibleHeading, 'superposition');
    rendered = nextRender(lessons, 'concepts-and-terms');
    await setLanguage('vi');
    const vi = await rendered;
    assert.strictEqual(vi.language, 'vi');
    const viTitle = (await queryPage('.il-lesson-body h1'))[0]?.text ?? '';
    assert.match(viTitle, /[^ -~]/, `a Vietnamese title: ${viTitle}`);
    await setLanguage('en');
  });

  it('next and previous lesson, and Mark Read counted in the view description', async () => {
    const lessons = await lessonsApi();
    await showAndWait(lessons, 'theory-and-experiment');
    let rendered = nextRender(lessons, 'criticisms');
    await vscode.commands.executeCommand('interpLessons.nextLesson');
    await rendered;
    rendered = nextRender(lessons, 'theory-and-experiment');
    await vscode.commands.executeCommand('interpLessons.previousLesson');
    await rendered;
    await lessons.progress.reset();
    await vscode.commands.executeCommand('interpLessons.markRead', lessons.tree.lessonNode('criticisms'));
    assert.strictEqual(lessons.progress.get('criticisms'), 'read');
    await until('the view description', () => /^1\/5/.test(String(lessons.treeView.description)) || undefined);
    await lessons.progress.reset();
  });
});

// Screenshots for the README, taken in the real VS Code: `npm run docs:screenshots` (one run per theme).
// Registered only when asked for, so ordinary runs neither take nor skip them.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { LessonsApi } from '../../src/features/lessons/register';
import { requestScreenshot, setTheme } from './helpers/screenshot';
import { extensionApi, lessonsApi as lessons } from './helpers/api';
import { drawnHighlights, pageAction } from './helpers/page';
import type { HighlightColor } from '../../src/core';
import { until } from './helpers/until';

async function showRendered(api: LessonsApi, lessonId: string, section?: string): Promise<string | undefined> {
  const done = new Promise<string | undefined>((resolve) => {
    const sub = api.reader.onDidRender((e) => {
      if (e.lessonId === lessonId) {
        sub.dispose();
        resolve(e.themeKind);
      }
    });
  });
  await api.reader.show({ lessonId, section });
  const themeKind = await done;
  // The workbench around the page: the Lessons tree, when open, follows the reader to the section.
  const node = section ? api.tree.sectionNode(lessonId, section) : api.tree.lessonNode(lessonId);
  if (api.treeView.visible) await until('the tree following the reader', () => api.treeView.selection.includes(node));
  return themeKind;
}

if ((process.env.INTERP_TEST_GREP ?? '').includes('Docs screenshots')) {
  describe('Docs screenshots', function () {
    this.timeout(180_000);
    after(async () => {
      await vscode.workspace
        .getConfiguration('interpLessons')
        .update('language', undefined, vscode.ConfigurationTarget.Global);
    });

    it('a rendered lesson in the current theme', async () => {
      const api = await lessons();
      // run.mjs --theme: applied now; at startup this host shows the first built-in theme (see run.mjs makeSandbox).
      const theme = process.env.INTERP_TEST_THEME;
      if (theme)
        await setTheme(theme, /dark|black/i.test(theme) ? vscode.ColorThemeKind.Dark : vscode.ColorThemeKind.Light);
      await vscode.workspace
        .getConfiguration('interpLessons')
        .update('language', 'vi', vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.view.extension.interpLessons');
      const dark = vscode.window.activeColorTheme.kind === vscode.ColorThemeKind.Dark;
      const pageTheme = await showRendered(api, 'what-is-mech-interp', 'regression-analogy');
      assert.strictEqual(pageTheme, dark ? 'vscode-dark' : 'vscode-light', 'the page follows the theme');
      await requestScreenshot(dark ? 'docs/reader-dark.png' : 'docs/reader-light.png');
    });

    it('a lesson figure in the current theme', async () => {
      const api = await lessons();
      const dark = vscode.window.activeColorTheme.kind === vscode.ColorThemeKind.Dark;
      await showRendered(api, 'theory-and-experiment', 'progress-measures');
      await requestScreenshot(`docs/images/reader-figure-${dark ? 'dark' : 'light'}.png`);
    });
    it('a checked question answered wrong, with its hint, in the current theme', async () => {
      const api = await lessons();
      const dark = vscode.window.activeColorTheme.kind === vscode.ColorThemeKind.Dark;
      await showRendered(api, 'what-is-mech-interp', 'check-understanding');
      // The first question: the second choice (a wrong one), then Check; its hint and section link appear.
      await pageAction({ action: 'click', selector: '.il-quiz input[type="radio"]', nth: 1 });
      await pageAction({ action: 'click', selector: '.il-quiz [data-quiz-action="check"]' });
      await pageAction({ action: 'waitFor', selector: '.il-quiz [data-quiz-part="hint"]:not([hidden])' });
      await requestScreenshot(`docs/images/quiz-${dark ? 'dark' : 'light'}.png`);
    });

    it('an annotated lesson, its notes and the Annotations view in the current theme', async () => {
      const api = await extensionApi();
      const dark = vscode.window.activeColorTheme.kind === vscode.ColorThemeKind.Dark;
      await showRendered(api.lessons, 'what-is-mech-interp', 'definition');
      const lesson = await until('the lesson as annotations see it', () => {
        const l = api.annotations.shownLesson();
        return l?.lessonId === 'what-is-mech-interp' ? l : undefined;
      });
      const notes = api.annotations.store.notesUri(lesson);
      const text = lesson.plainText();
      // Three passages of the Definition section: two with a note (one with math), one highlight alone.
      const marks: { phrase: string; color: HighlightColor; note?: string }[] = [
        {
          phrase: 'dịch ngược (reverse-engineer)',
          color: 'yellow',
          note: 'Như dịch ngược một tệp nhị phân: ta chỉ có *trọng số*.',
        },
        { phrase: 'gradient descent tìm ra nó', color: 'green' },
        { phrase: 'trọng số nối đặc trưng thành', color: 'blue', note: 'Mạch = đồ thị con; xem $W_{OV}$ ở Bài 3.' },
      ];
      for (const m of marks) {
        const start = text.indexOf(m.phrase);
        assert.ok(start >= 0, `"${m.phrase}" is in the lesson`);
        const range = { start, end: start + m.phrase.length, exact: m.phrase, section: 'definition' };
        const restore = api.annotations.testing.answerNotes(() => m.note);
        await api.annotations.handle(lesson, {
          type: 'annotate',
          lessonId: lesson.lessonId,
          action: m.note ? 'note' : 'highlight',
          color: m.color,
          range,
        });
        restore();
      }
      await until('three highlights painted', async () => ((await drawnHighlights())?.length ?? 0) >= 3 || undefined);
      await vscode.commands.executeCommand('interpLessons.annotations.focus');
      const tree = api.annotations.view.tree;
      await until('the Annotations view listing the three', async () => {
        const leaves = async (node?: Parameters<typeof tree.getChildren>[0]): Promise<number> => {
          const children = await tree.getChildren(node);
          if (!children.length) return node ? 1 : 0;
          return (await Promise.all(children.map(leaves))).reduce((a, b) => a + b, 0);
        };
        return (await leaves()) === 3 || undefined;
      });
      // The view has drawn the newest row (its model may be ahead of what is on screen).
      await pageAction({ action: 'workbenchRow', text: 'trọng số nối' });
      // Wide enough for the lesson row's description (its notes and answered questions) to show: the editor
      // has the focus, so narrowing it widens the sidebar.
      for (let i = 0; i < 4; i++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
      api.lessons.reader.scrollTo('definition');
      await requestScreenshot(`docs/images/annotations-${dark ? 'dark' : 'light'}.png`);
      await vscode.workspace.fs.delete(notes);
    });
  });
}

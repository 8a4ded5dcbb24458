// Screenshots for the README, taken in the real VS Code: `npm run docs:screenshots` (one run per theme).
// Registered only when asked for, so ordinary runs neither take nor skip them.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { LessonsApi } from '../../src/features/lessons/register';
import { requestScreenshot, setTheme } from './helpers/screenshot';
import { lessonsApi as lessons } from './helpers/api';
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
  });
}

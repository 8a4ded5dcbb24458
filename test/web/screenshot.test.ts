// The README's picture of the web host: lesson 1 read in the web worker extension host at its regression analogy,
// taken by the outer driver once the page has reported the lesson rendered with its math and fonts
// (docs/images/web-lesson.png; node test/host/run.mjs --web --vsix interp-lessons.vsix --grep "Web screenshot").
import * as vscode from 'vscode';
import { lessonsApi } from '../integration/helpers/api';
import { nextRender } from '../integration/helpers/lessons';
import * as assert from '../common/assert';
import { readChannelJson } from './helpers/channel';
import { pageAction, screenshot } from './helpers/page';

describe('Web screenshot', function () {
  this.timeout(120_000);
  // Taken when the run's grep names it (--grep "Web screenshot"), as the desktop docs screenshots are: an ordinary
  // run would rewrite the committed picture. The runner's options reach a web worker only as this file.
  before(async function () {
    const options = await readChannelJson<{ grep?: string }>('options.json');
    if (!(options?.grep ?? '').includes('Web screenshot')) this.skip();
  });

  it('lesson 1 read in the web host, for the README', async () => {
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('language', 'en', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.view.extension.interpLessons');
    const lessons = await lessonsApi();
    const rendered = nextRender(lessons, 'what-is-mech-interp');
    // At the regression analogy: its display formulas are in the shot.
    await vscode.commands.executeCommand('interpLessons._showLesson', {
      lessonId: 'what-is-mech-interp',
      section: 'regression-analogy',
    });
    const r = await rendered;
    assert.ok(r.katexCount >= 5 && r.fontsLoaded, 'the lesson with its math and fonts');
    assert.strictEqual(r.visibleHeading, 'regression-analogy');
    // A clean shot: no notification left by an earlier journey, no highlight painted on the lesson.
    await vscode.commands.executeCommand('notifications.clearAll');
    assert.deepStrictEqual(await pageAction({ action: 'drawn' }), [], 'no highlights on the page');
    // The sidebar drew the Lessons view too (the shot shows it beside the reader).
    await pageAction({ action: 'workbenchRow', text: 'What is mechanistic interpretability' });
    await screenshot('docs/images/web-lesson.png');
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('language', undefined, vscode.ConfigurationTarget.Global);
  });
});

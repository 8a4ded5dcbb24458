// A big lesson in the web worker extension host (issue 20): past the host's size it renders in a Web Worker (made
// from a blob URL on the web), not on the extension host's thread, while the host stays responsive; a small
// lesson beside it renders in the host; the desktop's time limit and message hold, and closing the reader stops
// the worker. The lessons are a course folder written into the workspace.
import * as vscode from 'vscode';
import { HOST_RENDER_MAX_CHARS } from '../../src/core/markdown/limits';
import { lessonsApi } from '../integration/helpers/api';
import { nextRender } from '../integration/helpers/lessons';
import { nextEvent, until } from '../integration/helpers/until';
import * as assert from '../common/assert';
import { withTimerLateness } from '../common/timerLateness';
import { firstWorkspaceFolder, writeText } from '../common/workspace';
import { queryPage } from './helpers/page';

const FOLDER = 'web-big-course';
/** "Never stalls", generous for a loaded 2-core machine: in-thread, a lesson this size blocks for seconds. */
const MAX_STALL_MS = 1500;

/** The shipped lessons' bodies (front matter dropped), repeated to `chars` characters under one title. */
function bigLesson(title: string, bodies: string[], chars: number): string {
  const body = bodies.map((t) => t.replace(/^---[\s\S]*?\n---\n/, '')).join('\n\n');
  let text = `---\ntitle: ${title}\n---\n`;
  while (text.length < chars) text += `${body}\n\n`;
  return text;
}

describe('Web journeys: a big lesson rendered in a worker', function () {
  this.timeout(300_000);
  const big = 2 * 1024 * 1024;

  before(async () => {
    const lessons = await lessonsApi();
    const shipped = await lessons.courses.get();
    assert.strictEqual(shipped.kind, 'shipped');
    const bodies = shipped.lessons.map((l) => shipped.texts.get(l.path) ?? '');
    assert.ok(
      bodies.every((b) => b.length > 1000),
      'the shipped lessons are read',
    );
    await writeText(`${FOLDER}/01-small.md`, '# Small\n\nEuler: $e^{i\\pi} + 1 = 0$.\n');
    await writeText(`${FOLDER}/02-two-megabytes.md`, bigLesson('Two megabytes', bodies, big));
    await writeText(`${FOLDER}/03-slow.md`, bigLesson('Slow to render', bodies, big));
    await writeText(`${FOLDER}/04-closed-while-rendering.md`, bigLesson('Closed while rendering', bodies, big));
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('courseFolder', FOLDER, vscode.ConfigurationTarget.Global);
    await until(
      'the big-lesson course folder',
      async () => {
        const c = await lessons.courses.get();
        const ids = ['01-small', '02-two-megabytes', '03-slow', '04-closed-while-rendering'];
        return ids.every((id) => c.lessons.some((l) => l.id === id)) || undefined;
      },
      60_000,
    );
  });
  after(async () => {
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('courseFolder', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs
      .delete(vscode.Uri.joinPath(firstWorkspaceFolder(), FOLDER), { recursive: true })
      .then(undefined, () => undefined);
  });

  it('a small lesson renders in the host; a 2 MB one in a worker, typeset, while the host keeps answering', async () => {
    const lessons = await lessonsApi();
    const small = nextRender(lessons, '01-small');
    assert.strictEqual(await lessons.reader.show({ lessonId: '01-small' }), true);
    assert.strictEqual((await small).katexCount, 1);
    assert.notStrictEqual(lessons.reader.lastRenderPath?.where, 'worker', 'a small lesson renders in the host');

    const course = await lessons.courses.get();
    const text = course.texts.get(course.lessons.find((l) => l.id === '02-two-megabytes')!.path) ?? '';
    assert.ok(text.length > HOST_RENDER_MAX_CHARS * 10, `${text.length} characters: far past the host's size`);
    // The extension host's thread: how late a 20 ms timer came while the big lesson rendered.
    let where: typeof lessons.reader.lastRenderPath;
    const { value: report, latestMs: longest } = await withTimerLateness(async () => {
      const rendered = nextRender(lessons, '02-two-megabytes', 240_000);
      assert.strictEqual(await lessons.reader.show({ lessonId: '02-two-megabytes' }), true);
      where = lessons.reader.lastRenderPath;
      return rendered;
    });
    console.log(`web: 2 MB lesson ${JSON.stringify({ where, pageMs: Math.round(report.ms), longest })}`);
    assert.strictEqual(where?.where, 'worker', 'rendered in a Web Worker, not in the extension host');
    assert.ok(report.katexCount > 100, `${report.katexCount} formulas typeset`);
    assert.strictEqual(report.cspViolations, 0, report.cspViolation);
    assert.ok(longest < MAX_STALL_MS, `the extension host stalled ${Math.round(longest)} ms`);
    // The driver finds the lesson on the page: its sections, many times over.
    const headings = (await queryPage('.il-lesson-body h2')).length;
    assert.ok(headings > 10, `${headings} sections on the page`);
  });

  it("a render past its time limit is stopped with the lesson's own message, as on desktop", async () => {
    const lessons = await lessonsApi();
    await lessons.reader.show({ lessonId: '01-small' });
    const restoreTimeout = lessons.reader.testing.setRenderTimeout(100);
    try {
      const failed = nextEvent(lessons.reader.onDidFail, () => true, 'the render failure');
      const page = nextRender(lessons, '03-slow', 120_000);
      assert.strictEqual(await lessons.reader.show({ lessonId: '03-slow' }), false);
      const f = await failed;
      assert.strictEqual(f.reason, 'timeout');
      assert.match(f.message, /03-slow\.md is too big to show: rendering it took longer than 0.1 s and was stopped/);
      assert.strictEqual((await page).katexCount, 0, 'the page shows the message, not half a lesson');
    } finally {
      restoreTimeout();
    }
    assert.strictEqual(lessons.reader.renderingInWorker, false, 'the stopped worker is gone');
  });

  it('closing the reader while a big lesson renders stops its worker', async () => {
    const lessons = await lessonsApi();
    const showing = lessons.reader.show({ lessonId: '04-closed-while-rendering' });
    await until('the worker rendering the lesson', () => lessons.reader.renderingInWorker || undefined, 60_000, 20);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await until('the reader closed', () => !lessons.reader.isOpen || undefined);
    assert.strictEqual(lessons.reader.renderingInWorker, false, 'the worker was stopped with the panel');
    assert.strictEqual(await showing, false, 'show() ends quietly: the page it rendered for is gone');
  });
});

// Issue 20's budgets, measured the same way in both extension hosts (test/integration/hostBudgets.test.ts in the
// Node host, test/web/hostBudgets.test.ts in the web worker host); `npm run bench -- webHost` compares the two
// files they leave. Figures only: a budget is checked by the bench, never asserted by a test.
import * as vscode from 'vscode';
import type { ExtensionApi } from '../integration/helpers/api';
import { nextRender } from '../integration/helpers/lessons';
import type { HostBudgetFigures, SeriesFigures } from './hostBudgetFigures';
import { writeText } from './workspace';

export { figuresFileName, type HostBudgetFigures } from './hostBudgetFigures';

export const BUDGET_LESSON = 'what-is-mech-interp';
/** Measured runs after the first (cold) one. */
export const OPEN_RUNS = 5;
export const HOVER_RUNS = 10;
/** "Never hangs", not a budget: one open or one hover past this fails the test. */
export const HANG_MS = 60_000;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function series([firstMs, ...runsMs]: number[]): SeriesFigures {
  return { firstMs, medianMs: +median(runsMs).toFixed(2), runsMs };
}

function withinHangBound<T>(what: string, p: Thenable<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    Promise.resolve(p).finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not finish within ${HANG_MS} ms`)), HANG_MS);
    }),
  ]);
}

/** Lesson 1 opened fresh (the reader closed first) once, then `runs` times: open → rendered each time, in ms. */
async function openToRendered(api: ExtensionApi, runs: number): Promise<HostBudgetFigures['openToRendered']> {
  const lessons = api.lessons;
  await vscode.workspace.getConfiguration('interpLessons').update('language', 'en', vscode.ConfigurationTarget.Global);
  const firstInSession = lessons.reader.lastRendered === undefined;
  const ms: number[] = [];
  let katexCount = 0;
  for (let i = 0; i <= runs; i++) {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const rendered = nextRender(lessons, BUDGET_LESSON, HANG_MS);
    await withinHangBound(
      'the open command',
      vscode.commands.executeCommand('interpLessons.openLesson', {
        lessonId: BUDGET_LESSON,
      }),
    );
    const r = await rendered;
    ms.push(Date.now() - r.openedAt);
    katexCount = r.katexCount;
  }
  return { ...series(ms), firstInSession, katexCount };
}

const NOTE = [
  '# Notes for the host budgets',
  '',
  'A sparse autoencoder reads features out of superposition in the residual stream.',
  '',
].join('\n');
export const HOVER_TERM = 'superposition';

/** A glossary hover in a markdown note, once and then `runs` times: the hover command until its result, in ms. */
async function hover(runs: number): Promise<HostBudgetFigures['hover']> {
  const uri = await writeText('host-budgets-note.md', NOTE);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  const at = doc.positionAt(NOTE.indexOf(HOVER_TERM) + 3);
  const ms: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const start = performance.now();
    const hovers = await withinHangBound(
      'a hover',
      vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at),
    );
    ms.push(performance.now() - start);
    const text = (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join();
    // A hover without the glossary's entry would measure nothing of ours.
    if (!/\*\*superposition\*\*/.test(text)) throw new Error(`the hover on "${HOVER_TERM}" has no glossary entry`);
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  return { ...series(ms.map((m) => +m.toFixed(2))), term: HOVER_TERM };
}

/** Measures both figures in this extension host. */
export async function measureHostBudgets(api: ExtensionApi, host: 'node' | 'web'): Promise<HostBudgetFigures> {
  const open = await openToRendered(api, OPEN_RUNS);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const hovers = await hover(HOVER_RUNS);
  await vscode.workspace
    .getConfiguration('interpLessons')
    .update('language', undefined, vscode.ConfigurationTarget.Global);
  return {
    host,
    processDefined: typeof process !== 'undefined',
    uiKind: vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop',
    vscodeVersion: vscode.version,
    measuredAt: new Date().toISOString(),
    lessonId: BUDGET_LESSON,
    openToRendered: open,
    hover: hovers,
  };
}

// The typed calls between features (src/features/shared/internalCommands.ts): each calls its own command id with
// its arguments, the ids are commands the running extension registered, a failed call is logged (and a failed
// Run shown), and with VS Code's own runner the calls reach the snippets and glossary features.
import * as assert from '../common/assert';
import * as vscode from 'vscode';
import type { Log } from '../../src/features/shared/deps';
import { runPageAction, runSnippet, showTerm, type CommandRunner } from '../../src/features/shared/internalCommands';
import { extensionApi } from './helpers/api';
import { until } from './helpers/until';

/** A log that keeps its lines (level, message and the error's message). */
function memoryLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  const keep = (line: string) => lines.push(line);
  return {
    lines,
    info: (m) => keep(`info ${m}`),
    warn: (m) => keep(`warn ${m}`),
    error: (m, e) => keep(`error ${m}${e === undefined ? '' : `: ${e instanceof Error ? e.message : String(e)}`}`),
    recent: () => lines,
    mark: () => lines.length,
    linesSince: (since) => lines.slice(since),
  };
}

/** Records every call; `fail` makes executeCommand reject with that message. */
function fakeRunner(fail?: string): CommandRunner & { calls: unknown[][]; errors: string[] } {
  const calls: unknown[][] = [];
  const errors: string[] = [];
  return {
    calls,
    errors,
    executeCommand: (command, ...args) => {
      calls.push([command, ...args]);
      return fail ? Promise.reject(new Error(fail)) : Promise.resolve(undefined);
    },
    showErrorMessage: (message) => void errors.push(message),
  };
}

describe('Internal commands between features', function () {
  this.timeout(60_000);

  it('each call runs its own command id with its arguments, and logs nothing when it succeeds', async () => {
    const log = memoryLog();
    const runner = fakeRunner();
    runSnippet(log, 'study-hours', { n: 3 }, runner);
    showTerm(log, 'superposition', runner);
    runPageAction(log, 'interpLessons.typesetAllMath', runner);
    runPageAction(log, 'interpLessons.repairEncoding', runner);
    await until('four calls', async () => runner.calls.length === 4);
    assert.deepStrictEqual(runner.calls, [
      ['interpLessons._runSnippet', { id: 'study-hours', params: { n: 3 } }],
      ['interpLessons._showTerm', { id: 'superposition' }],
      ['interpLessons.typesetAllMath'],
      ['interpLessons.repairEncoding'],
    ]);
    // The ids are the running extension's commands (a wrapper calling an id nobody registers would do nothing).
    await extensionApi();
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepStrictEqual(
      runner.calls.map(([id]) => id).filter((id) => !registered.has(id as string)),
      [],
    );
    assert.deepStrictEqual(log.lines, []);
    assert.deepStrictEqual(runner.errors, []);
  });

  it('a failed call is logged with what it was; a failed Run is also shown', async () => {
    const log = memoryLog();
    const runner = fakeRunner('the feature is gone (test)');
    runSnippet(log, 'study-hours', undefined, runner);
    showTerm(log, 'superposition', runner);
    runPageAction(log, 'interpLessons.typesetAllMath', runner);
    await until('three log lines', async () => log.lines.length >= 3);
    assert.deepStrictEqual([...log.lines].sort(), [
      'error run interpLessons.typesetAllMath: the feature is gone (test)',
      'error run snippet study-hours: the feature is gone (test)',
      'error show glossary entry superposition: the feature is gone (test)',
    ]);
    assert.deepStrictEqual(runner.errors, ['Cannot run snippet study-hours: the feature is gone (test)']);
  });

  it("with VS Code's runner, Run shows the snippet's results and a term opens its entry page", async () => {
    const api = await extensionApi();
    const log = memoryLog();
    const rendered = new Promise<void>((resolve) => {
      const sub = api.snippets.onDidRender((r) => {
        if (r.snippetId !== 'study-hours') return;
        sub.dispose();
        resolve();
      });
    });
    runSnippet(log, 'study-hours');
    await rendered;
    showTerm(log, 'linear-probe');
    await until('the entry page', async () => api.glossary.panel.shownId === 'linear-probe');
    assert.deepStrictEqual(log.lines, []);
  });
});

// The snippets feature's body: the results panel, the runner, runs of catalogue snippets and regressions, the
// pickers and the data-file reader. register.ts loads it on the first command, CodeLens click or panel revive
// (dist/lazy-snippets.js, esbuild.js LAZY), so activation carries none of it.
import * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { Deps } from '../shared/deps';
import { runAndLog } from '../shared/errors';
import type { RenderReport, SnippetParams } from '../../core/activation';
import type { SNIPPETS_COMMANDS } from './commandIds';
import { createDataFileReader, type Ui } from './dataFileHost';
import { pickSnippet } from './pickers';
import { RegressionRuns } from './regressionRuns';
import { ResultsPanel } from './resultsPanel';
import { SnippetRunner } from './runner';
import { numbersOf, SnippetRuns, type RunFailure } from './runs';
import { RunSession } from './session';
import { workerScript } from '../shared/platform/workers.node';

/** What the body needs from activation: the extension's `ui` and the feature's two events, made there. */
export interface SnippetsHost {
  ui: Ui;
  failed: vscode.EventEmitter<RunFailure>;
  rendered: vscode.EventEmitter<RenderReport>;
}

export type SnippetsCommandId = (typeof SNIPPETS_COMMANDS)[number];

/** What register.ts reaches through its thin shells. */
export interface SnippetsBody {
  readonly runner: SnippetRunner;
  /** The command bodies, by command id (register.ts's table calls them). */
  readonly commands: Record<SnippetsCommandId, (...args: never[]) => Promise<void>>;
  run(id: string, params?: Partial<SnippetParams>): Promise<void>;
  revive(panel: vscode.WebviewPanel, state: unknown): Promise<void>;
  lastMarkdown(): string | undefined;
  lastPython(): string | undefined;
  lastReport(): RenderReport | undefined;
  forgetRevealed(): void;
}

/** Builds the body once; its disposables go on `context.subscriptions` like everything the feature makes. */
export function createSnippetsBody(context: vscode.ExtensionContext, deps: Deps, host: SnippetsHost): SnippetsBody {
  const panel = new ResultsPanel(context.extensionUri);
  const runner = new SnippetRunner(workerScript(context.extensionUri, 'snippet'), deps.log);
  const session = new RunSession();
  const runs = new SnippetRuns(deps, panel, runner, session, host.failed);
  const regressions = new RegressionRuns(runs, createDataFileReader(deps.log, host.ui), host.failed, host.ui);
  context.subscriptions.push(
    panel,
    panel.onDidRender((r) => host.rendered.fire(r)),
    panel.onDidRequestAction((a) => runAndLog(deps.log, `results page action ${a.type}`, runs.onAction(a))),
  );
  return {
    runner,
    commands: {
      [Commands.runSnippet]: async (arg?: unknown) => {
        const id = typeof arg === 'string' ? arg : (await pickSnippet(deps.lessonsUri, deps.language()))?.id;
        if (id) await runs.runSnippet(id);
      },
      [Commands.runSnippetInternal]: async (arg: unknown) => {
        const a = arg as { id?: unknown; params?: unknown } | undefined;
        if (a && typeof a.id === 'string') await runs.runSnippet(a.id, numbersOf(a.params));
      },
      [Commands.rerunSnippet]: () => runs.rerunWithParameters(),
      [Commands.runRegressionOnSelection]: () => regressions.runSelection(),
      [Commands.runRegressionBlockInternal]: (uriText: unknown, fenceLine: unknown) =>
        regressions.runBlock(uriText, fenceLine),
    },
    run: (id, params) => runs.runSnippet(id, params),
    revive: (p, state) => runs.revive(p, state),
    lastMarkdown: () => session.lastMarkdown(deps.language()),
    lastPython: () => session.lastPython(),
    lastReport: () => panel.lastReport,
    forgetRevealed: () => session.forgetRevealed(),
  };
}

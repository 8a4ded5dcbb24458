import * as vscode from 'vscode';
import type { RenderReport, SnippetParams } from '../../core/activation';
import { Commands, WebviewTypes } from '../../constants';
import { commandTable, registerCommands, type Command } from '../shared/commands';
import type { Deps } from '../shared/deps';
import { runAndLog } from '../shared/errors';
import { RegressionCodeLensProvider } from './codeLens';
import { SNIPPETS_COMMANDS } from './commandIds';
import { createDataFileReader } from './dataFileHost';
import { pickSnippet } from './pickers';
import { RegressionRuns } from './regressionRuns';
import { ResultsPanel } from './resultsPanel';
import { SnippetRunner } from './runner';
import { numbersOf, SnippetRuns, type RunFailure } from './runs';
import { RunSession } from './session';

/** What tests (and the lesson reader) can use. */
export interface SnippetsApi {
  /** The results page rendered a run (with how many SVG plots and tables). */
  onDidRender: vscode.Event<RenderReport>;
  /** A run failed; the message names line, row and column where it can. */
  onDidFail: vscode.Event<RunFailure>;
  runner: SnippetRunner;
  /** Runs a catalogue snippet and shows it (the same as the reader's Run button). */
  run(id: string, params?: Partial<SnippetParams>): Promise<void>;
  /** The Markdown note and the Python script of the last successful run. */
  lastMarkdown(): string | undefined;
  lastPython(): string | undefined;
  /** The results page's last report. */
  lastReport(): RenderReport | undefined;
  /** What the webview serializer does after a window reload (tests hand it a panel and a saved state). */
  revive(panel: vscode.WebviewPanel, state: unknown): Promise<void>;
}

/** Snippets: commands, the results panel, the regression CodeLens, and runs in a worker thread. */
export function register(context: vscode.ExtensionContext, deps: Deps): SnippetsApi {
  const panel = new ResultsPanel(context.extensionUri);
  const runner = new SnippetRunner(
    vscode.Uri.joinPath(context.extensionUri, 'dist', 'snippet-worker.js').fsPath,
    deps.log,
  );
  const failed = new vscode.EventEmitter<RunFailure>();
  const session = new RunSession();
  const runs = new SnippetRuns(deps, panel, runner, session, failed);
  const regressions = new RegressionRuns(runs, createDataFileReader(deps.log), failed);

  context.subscriptions.push(
    panel,
    failed,
    panel.onDidRequestAction((a) => runAndLog(deps.log, `results page action ${a.type}`, runs.onAction(a))),
    vscode.window.registerWebviewPanelSerializer(WebviewTypes.snippetResults, {
      deserializeWebviewPanel: (p, state) => runs.revive(p, state),
    }),
    registerCommands(snippetCommands(deps, runs, regressions)),
    vscode.languages.registerCodeLensProvider({ language: 'markdown' }, new RegressionCodeLensProvider()),
  );

  return {
    onDidRender: panel.onDidRender,
    onDidFail: failed.event,
    runner,
    run: (id, params) => runs.runSnippet(id, params),
    lastMarkdown: () => session.lastMarkdown(deps.language()),
    lastPython: () => session.lastPython(),
    lastReport: () => panel.lastReport,
    revive: (p, state) => runs.revive(p, state),
  };
}

/** The snippets feature's command table (ids in commandIds.ts). */
function snippetCommands(deps: Deps, runs: SnippetRuns, regressions: RegressionRuns): Command[] {
  return commandTable(SNIPPETS_COMMANDS, {
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
  });
}

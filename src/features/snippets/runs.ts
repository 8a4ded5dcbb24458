import * as vscode from 'vscode';
import {
  findSnippet,
  pick,
  resolveParams,
  resultToText,
  toMarkdownNote,
  type JobFailure,
  type Language,
  type PanelAction,
  type ResultView,
  type SnippetJob,
  type SnippetParams,
} from '../../core/activation';
import type { Deps } from '../shared/deps';
import { setting } from '../shared/settings';
import { failureLocation, failureMessage, type FailureLocation } from './messages';
import { askParameters, pickSnippet } from './pickers';
import { resultView, type ResultsPanel } from './resultsPanel';
import type { SnippetRunner } from './runner';
import { pythonFor, type RegressionSource, type RunSession } from './session';

/** A failed run, as the tests see it: the message names line, row and column where it can. */
export interface RunFailure {
  message: string;
  location?: FailureLocation;
}

/** Display language of UI messages (vi or en, as far as we have texts). */
function uiLanguage(): Language {
  return vscode.env.language.toLowerCase().startsWith('vi') ? 'vi' : 'en';
}

/** Runs jobs and shows them in the results page: the question first, then the results or the error. */
export class SnippetRuns {
  constructor(
    private readonly deps: Deps,
    private readonly panel: ResultsPanel,
    private readonly runner: SnippetRunner,
    private readonly session: RunSession,
    private readonly failed: vscode.EventEmitter<RunFailure>,
  ) {}

  /** Runs a job, shows the question and then the results (or the error) in the panel. */
  async execute(job: SnippetJob, source?: RegressionSource): Promise<void> {
    const runId = this.session.nextRunId();
    const language = this.deps.language();
    const entry = job.kind === 'snippet' ? findSnippet(job.id) : undefined;
    const base: ResultView = {
      runId,
      snippetId: entry?.id ?? 'regression',
      status: 'running',
      title: entry ? pick(entry.title, language) : vscode.l10n.t('Regression'),
      description: entry ? pick(entry.description, language) : undefined,
      question: entry ? pick(entry.question, language) : undefined,
      revealOnClick: false,
      params: [],
      summary: [],
      notes: [],
      tables: [],
      plots: [],
      canRerun: false,
      rerunLabel: '',
    };
    this.panel.show(base);
    const outcome = await this.runner.run(job, vscode.l10n.t('Running {0}', base.title));
    if (outcome === 'cancelled') {
      this.panel.show({ ...base, status: 'error', error: vscode.l10n.t('The run was cancelled.') });
      this.deps.log.info(`${base.title}: cancelled`);
      return;
    }
    if (!outcome.ok) return this.fail(runId, base, outcome.failure, source);
    const result = outcome.result;
    const run = { runId, result, params: result.params, regression: outcome.regression, source };
    const firstTime = this.session.succeeded(run, entry?.id);
    this.panel.show(
      resultView(runId, result, language, {
        revealOnClick: firstTime && setting('snippets.askBeforeRevealing'),
        rerunLabel: entry ? vscode.l10n.t('Run Again with Different Parameters') : vscode.l10n.t('Run Again'),
      }),
    );
    const stats = this.runner.lastStats;
    this.deps.output.info(
      `${resultToText(result, language)}\n(${stats?.ms ?? 0} ms${stats?.inWorker ? ', worker thread' : ''})`,
    );
  }

  private fail(runId: number, base: ResultView, failure: JobFailure, source?: RegressionSource): void {
    const message = failureMessage(failure, uiLanguage());
    const location = failureLocation(failure);
    this.deps.log.warn(`${base.title}: ${message}`);
    this.panel.show({ ...base, runId, status: 'error', error: message });
    this.failed.fire({ message, location });
    // Not awaited: the run is over when the message shows, whether or not the user clicks.
    const goTo = vscode.l10n.t('Go to Line {0}', location?.line ?? 0);
    void vscode.window.showErrorMessage(message, ...(location && source ? [goTo] : [])).then(async (choice) => {
      if (choice !== goTo || !location || !source) return;
      const uri = location.inFile && source.fileUri ? source.fileUri : source.documentUri;
      const editor = await vscode.window.showTextDocument(uri, { preview: false });
      const pos = new vscode.Position(Math.min(Math.max(0, location.line - 1), editor.document.lineCount - 1), 0);
      editor.selection = new vscode.Selection(pos, editor.document.lineAt(pos.line).range.end);
      editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenter);
    });
  }

  /** Runs a catalogue snippet and shows it (the Run Snippet command, the reader's Run button). */
  async runSnippet(id: string, params: Partial<SnippetParams> = {}): Promise<void> {
    if (!findSnippet(id)) {
      void vscode.window.showErrorMessage(vscode.l10n.t('There is no snippet "{0}".', id));
      return;
    }
    await this.execute({ kind: 'snippet', id, params });
  }

  /** Run Again with Different Parameters: the last snippet (else one picked), its parameters asked again. */
  async rerunWithParameters(): Promise<void> {
    const language = this.deps.language();
    const last = this.session.lastSnippet;
    const entry = last ? findSnippet(last.id) : await pickSnippet(this.deps.lessonsUri, language);
    if (!entry) return;
    const current = last?.id === entry.id ? last.params : resolveParams(entry);
    const params = await askParameters(entry, current, language);
    if (params) await this.runSnippet(entry.id, params);
  }

  /**
   * After a window reload: a catalogue run is computed again (deterministic: same numbers, every action
   * works, its question already answered); a regression on the user's data is shown as it was, display only.
   */
  async revive(webviewPanel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = this.panel.revive(webviewPanel, state);
    this.deps.log.info(
      `results panel restored after a reload: ${saved ? (saved.job ? `running ${saved.job.id} again` : `showing "${saved.title}" as it was`) : 'nothing saved to show'}`,
    );
    if (!saved) return;
    const job = saved.job;
    if (job && typeof job.id === 'string' && findSnippet(job.id)) {
      this.session.markRevealed(job.id);
      await this.runSnippet(job.id, numbersOf(job.params));
      return;
    }
    this.panel.show({
      ...saved,
      runId: this.session.nextRunId(),
      revealOnClick: false,
      canRerun: false,
      exportable: false,
      notes: [
        vscode.l10n.t(
          'Restored after a window reload. Run the block in your note again to copy or export these results.',
        ),
        ...(saved.notes ?? []),
      ],
    });
  }

  /** A button on the results page: about the last run only (an older page's buttons do nothing). */
  async onAction(action: PanelAction): Promise<void> {
    const last = this.session.current(action.runId);
    if (!last) return;
    if (action.type === 'copyMarkdown') {
      await vscode.env.clipboard.writeText(toMarkdownNote(last.result, this.deps.language()));
      void vscode.window.showInformationMessage(vscode.l10n.t('Copied the parameters, data and results as Markdown.'));
    } else if (action.type === 'openPython') {
      const content = pythonFor(last);
      if (!content) return;
      const doc = await vscode.workspace.openTextDocument({ language: 'python', content });
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Active, preview: false });
    } else if (action.type === 'rerun') {
      if (last.source) await last.source.rerun();
      else await this.rerunWithParameters();
    }
  }
}

/** The numeric parameters of an argument (`{ k: number }`); anything else is dropped. */
export function numbersOf(value: unknown): Partial<SnippetParams> {
  const params: Partial<SnippetParams> = {};
  if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) if (typeof v === 'number') params[k] = v;
  return params;
}

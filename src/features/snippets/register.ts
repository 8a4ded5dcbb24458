import * as fs from 'fs';
import * as vscode from 'vscode';
import { ui } from '../shared/ui';
import {
  SNIPPETS,
  findRegressionBlocks,
  findSnippet,
  isInsideFolders,
  normalizeSlashPath,
  pick,
  regressionFileReference,
  resolveParams,
  resultToText,
  tableColumns,
  toMarkdownNote,
  toPythonScript,
  type JobFailure,
  type Language,
  type PanelAction,
  type RenderReport,
  type ResultView,
  type RegressionExport,
  type SnippetJob,
  type SnippetParams,
  type SnippetResult,
} from '../../core/activation';
import { Commands, WebviewTypes } from '../../constants';
import type { Deps } from '../shared/deps';
import { RegressionCodeLensProvider } from './codeLens';
import { failureLocation, failureMessage, type FailureLocation } from './messages';
import { askParameters, pickResponse, pickSnippet } from './pickers';
import { ResultsPanel, resultView } from './resultsPanel';
import { SnippetRunner } from './runner';
import { setting } from '../shared/settings';

/** Largest CSV a `file:` line may read. */
const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** Where the data of a regression run came from, to point at errors and to run it again. */
interface RegressionSource {
  documentUri: vscode.Uri;
  fileUri?: vscode.Uri;
  /** Runs it again from the current text (a block is looked up again, so edits count). */
  rerun: () => Promise<void>;
}

interface LastRun {
  runId: number;
  result: SnippetResult;
  params: SnippetParams;
  regression?: RegressionExport;
  source?: RegressionSource;
}

/** What tests (and the lesson reader) can use. */
export interface SnippetsApi {
  /** The results page rendered a run (with how many SVG plots and tables). */
  onDidRender: vscode.Event<RenderReport>;
  /** A run failed; the message names line, row and column where it can. */
  onDidFail: vscode.Event<{ message: string; location?: FailureLocation }>;
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

export interface SnippetsOptions {
  /** The lesson reader's set of runnable snippet ids (its Run buttons); filled with the catalogue. */
  runnableSnippets?: Set<string>;
}

/** Display language of UI messages (vi or en, as far as we have texts). */
function uiLanguage(): Language {
  return vscode.env.language.toLowerCase().startsWith('vi') ? 'vi' : 'en';
}

/** Snippets: commands, the results panel, the regression CodeLens, and runs in a worker thread. */
export function register(context: vscode.ExtensionContext, deps: Deps, options: SnippetsOptions = {}): SnippetsApi {
  const panel = new ResultsPanel(context.extensionUri);
  const runner = new SnippetRunner(
    vscode.Uri.joinPath(context.extensionUri, 'dist', 'snippet-worker.js').fsPath,
    deps.log,
  );
  const failEmitter = new vscode.EventEmitter<{ message: string; location?: FailureLocation }>();
  const revealed = new Set<string>();
  let runCounter = 0;
  let last: LastRun | undefined;
  let lastSnippet: { id: string; params: SnippetParams } | undefined;
  for (const s of SNIPPETS) options.runnableSnippets?.add(s.id);

  const askBeforeRevealing = () => setting('snippets.askBeforeRevealing');

  const fail = (runId: number, base: ResultView, failure: JobFailure, source?: RegressionSource) => {
    const message = failureMessage(failure, uiLanguage());
    const location = failureLocation(failure);
    deps.log.warn(`${base.title}: ${message}`);
    panel.show({ ...base, runId, status: 'error', error: message });
    failEmitter.fire({ message, location });
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
  };

  /** Runs a job, shows the question and then the results (or the error) in the panel. */
  const execute = async (job: SnippetJob, source?: RegressionSource): Promise<void> => {
    const runId = ++runCounter;
    const language = deps.language();
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
    panel.show(base);
    const outcome = await runner.run(job, vscode.l10n.t('Running {0}', base.title));
    if (outcome === 'cancelled') {
      panel.show({ ...base, status: 'error', error: vscode.l10n.t('The run was cancelled.') });
      deps.log.info(`${base.title}: cancelled`);
      return;
    }
    if (!outcome.ok) return fail(runId, base, outcome.failure, source);
    const result = outcome.result;
    const firstTime = !!entry && !revealed.has(entry.id);
    if (entry) revealed.add(entry.id);
    last = { runId, result, params: result.params, regression: outcome.regression, source };
    if (entry) lastSnippet = { id: entry.id, params: result.params };
    panel.show(
      resultView(runId, result, language, {
        revealOnClick: firstTime && askBeforeRevealing(),
        rerunLabel: entry ? vscode.l10n.t('Run Again with Different Parameters') : vscode.l10n.t('Run Again'),
      }),
    );
    const stats = runner.lastStats;
    deps.output.info(
      `${resultToText(result, language)}\n(${stats?.ms ?? 0} ms${stats?.inWorker ? ', worker thread' : ''})`,
    );
  };

  const runSnippet = async (id: string, params: Partial<SnippetParams> = {}) => {
    if (!findSnippet(id)) {
      void vscode.window.showErrorMessage(vscode.l10n.t('There is no snippet "{0}".', id));
      return;
    }
    await execute({ kind: 'snippet', id, params });
  };

  /**
   * After a window reload: a catalogue run is computed again (deterministic: same numbers, every action
   * works, its question already answered); a regression on the user's data is shown as it was, display only.
   */
  const revive = async (webviewPanel: vscode.WebviewPanel, state: unknown) => {
    const saved = panel.revive(webviewPanel, state);
    deps.log.info(
      `results panel restored after a reload: ${saved ? (saved.job ? `running ${saved.job.id} again` : `showing "${saved.title}" as it was`) : 'nothing saved to show'}`,
    );
    if (!saved) return;
    const job = saved.job;
    if (job && typeof job.id === 'string' && findSnippet(job.id)) {
      revealed.add(job.id);
      const params: Partial<SnippetParams> = {};
      for (const [k, v] of Object.entries(job.params ?? {})) if (typeof v === 'number') params[k] = v;
      await runSnippet(job.id, params);
      return;
    }
    panel.show({
      ...saved,
      runId: ++runCounter,
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
  };

  const rerunWithParameters = async () => {
    const language = deps.language();
    const entry = lastSnippet ? findSnippet(lastSnippet.id) : await pickSnippet(deps.lessonsUri, language);
    if (!entry) return;
    const current = lastSnippet?.id === entry.id ? lastSnippet.params : resolveParams(entry);
    const params = await askParameters(entry, current, language);
    if (params) await runSnippet(entry.id, params);
  };

  /** Data files outside the workspace that the user allowed this session, by URI. */
  const allowedOutside = new Set<string>();

  /**
   * A note in a workspace folder reads data from outside every folder (`../`, an absolute path, a link that
   * leads out) only after the user allows that file once in a modal dialog, and never in Restricted Mode.
   * A note in no folder (untitled, a file opened alone) has no workspace to stay in: it reads as before.
   * Returns why nothing was read (the user has been told), or undefined to go on.
   */
  const outsideWorkspace = async (
    documentUri: vscode.Uri,
    uri: vscode.Uri,
    ref: string,
  ): Promise<string | undefined> => {
    if (!vscode.workspace.getWorkspaceFolder(documentUri)) return undefined;
    const folders = await Promise.all((vscode.workspace.workspaceFolders ?? []).map((f) => realUri(f.uri)));
    const target = await realUri(uri);
    if (
      isInsideFolders(target, folders, {
        ignoreCase: uri.scheme === 'file' && (process.platform === 'win32' || process.platform === 'darwin'),
      })
    )
      return undefined;
    const shown = target.scheme === 'file' ? target.fsPath : target.toString(true);
    const note = vscode.workspace.asRelativePath(documentUri, false);
    if (!vscode.workspace.isTrusted) {
      const message = vscode.l10n.t(
        'The regression was not run: {0} is outside the workspace, and in Restricted Mode data files are read only from inside it.',
        shown,
      );
      deps.log.warn(
        `regression in ${note}: file: ${ref} is ${shown}, outside the workspace; not read in Restricted Mode`,
      );
      const manage = vscode.l10n.t('Manage Workspace Trust');
      void ui
        .showWarningMessage(message, manage)
        .then((a) => (a === manage ? vscode.commands.executeCommand('workbench.trust.manage') : undefined));
      return message;
    }
    if (allowedOutside.has(target.toString())) return undefined;
    const read = vscode.l10n.t('Read the File');
    const answer = await ui.showWarningMessage(
      vscode.l10n.t('Read {0}? It is outside the workspace.', shown),
      {
        modal: true,
        detail: vscode.l10n.t(
          'The line "file: {0}" in {1} names it. It is only read, to compute this regression; you are asked once per file in this session.',
          ref,
          note,
        ),
      },
      read,
    );
    if (answer !== read) {
      const message = vscode.l10n.t(
        'The regression was not run: {0} is outside the workspace and was not read.',
        shown,
      );
      deps.log.info(`regression in ${note}: reading ${shown} (outside the workspace) was declined`);
      void vscode.window.showInformationMessage(message);
      return message;
    }
    allowedOutside.add(target.toString());
    deps.log.info(`regression in ${note}: reading ${shown} (outside the workspace) was allowed for this session`);
    return undefined;
  };

  /** Reads the CSV a `file:` line names: relative to the note's folder, else to the workspace folders. */
  const readDataFile = async (
    documentUri: vscode.Uri,
    ref: string,
  ): Promise<{ uri: vscode.Uri; text: string } | { problem: string; told?: boolean }> => {
    const candidates: vscode.Uri[] = [];
    // An absolute path names a file beside the note's own file system: local disk only for a local note.
    if (/^([a-zA-Z]:[\\/]|\/)/.test(ref)) {
      const uri =
        documentUri.scheme === 'file'
          ? vscode.Uri.file(ref)
          : documentUri.with({ path: `/${ref.replace(/\\/g, '/').replace(/^\/+/, '')}`, query: '', fragment: '' });
      candidates.push(uri.with({ path: normalizeSlashPath(uri.path) })); // what is read is what was checked
    } else {
      candidates.push(vscode.Uri.joinPath(documentUri, '..', ref));
      for (const f of vscode.workspace.workspaceFolders ?? []) candidates.push(vscode.Uri.joinPath(f.uri, ref));
    }
    for (const uri of candidates) {
      let size: number;
      try {
        size = (await vscode.workspace.fs.stat(uri)).size;
      } catch {
        continue; // Try the next place.
      }
      const refused = await outsideWorkspace(documentUri, uri, ref);
      if (refused) return { problem: refused, told: true };
      if (size > MAX_FILE_BYTES)
        return {
          problem: vscode.l10n.t(
            '{0} is {1} MB; the limit is {2} MB.',
            ref,
            Math.round(size / 1048576),
            MAX_FILE_BYTES / 1048576,
          ),
        };
      try {
        return { uri, text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) };
      } catch {
        // Try the next place.
      }
    }
    return { problem: vscode.l10n.t('The data file {0} was not found next to the note or in the workspace.', ref) };
  };

  const runRegression = async (
    documentUri: vscode.Uri,
    text: string,
    lineOffset: number,
    rerun: () => Promise<void>,
    response?: string,
  ) => {
    const job: SnippetJob & { kind: 'regression' } = { kind: 'regression', text, lineOffset, response };
    const source: RegressionSource = { documentUri, rerun };
    const ref = regressionFileReference(text);
    if (ref) {
      const file = await readDataFile(documentUri, ref);
      if ('problem' in file) {
        failEmitter.fire({ message: file.problem });
        if (!file.told) void vscode.window.showErrorMessage(file.problem);
        return;
      }
      job.fileText = file.text;
      source.fileUri = file.uri;
    }
    await execute(job, source);
  };

  const runBlock = async (uriText: unknown, fenceLine: unknown): Promise<void> => {
    if (typeof uriText !== 'string' || typeof fenceLine !== 'number') return;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uriText));
    const block = findRegressionBlocks(document.getText()).find((b) => b.fenceLine === fenceLine);
    if (!block) {
      void ui.showWarningMessage(vscode.l10n.t('The regression block has moved; run it again from its CodeLens.'));
      return;
    }
    await runRegression(document.uri, block.body, block.bodyStart, () => runBlock(uriText, fenceLine));
  };

  const runSelection = async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return;
    const doc = editor.document;
    if (editor.selection.isEmpty) {
      const line = editor.selection.active.line;
      const block = findRegressionBlocks(doc.getText()).find((b) => line >= b.fenceLine && line <= b.bodyEnd);
      if (block)
        return runRegression(doc.uri, block.body, block.bodyStart, () => runBlock(doc.uri.toString(), block.fenceLine));
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Select a CSV or markdown table (with a header line) first.'),
      );
      return;
    }
    const text = doc.getText(editor.selection);
    const offset = editor.selection.start.line;
    let response: string | undefined;
    if (!text.split(/\r?\n/, 20).some((l) => l.includes('~')) && !regressionFileReference(text)) {
      let columns: string[];
      try {
        columns = tableColumns(text);
      } catch {
        columns = [];
      }
      if (columns.length >= 2) {
        response = await pickResponse(columns);
        if (!response) return;
      }
    }
    const again = (): Promise<void> => runRegression(doc.uri, text, offset, again, response);
    await again();
  };

  const onAction = async (action: PanelAction) => {
    if (!last || action.runId !== last.runId) return;
    const language = deps.language();
    if (action.type === 'copyMarkdown') {
      await vscode.env.clipboard.writeText(toMarkdownNote(last.result, language));
      void vscode.window.showInformationMessage(vscode.l10n.t('Copied the parameters, data and results as Markdown.'));
    } else if (action.type === 'openPython') {
      const content = pythonFor(last);
      if (!content) return;
      const doc = await vscode.workspace.openTextDocument({ language: 'python', content });
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Active, preview: false });
    } else if (action.type === 'rerun') {
      if (last.source) await last.source.rerun();
      else await rerunWithParameters();
    }
  };

  context.subscriptions.push(
    panel,
    failEmitter,
    panel.onDidRequestAction((a) => void onAction(a)),
    vscode.commands.registerCommand(Commands.runSnippet, async (arg?: unknown) => {
      const id = typeof arg === 'string' ? arg : (await pickSnippet(deps.lessonsUri, deps.language()))?.id;
      if (id) await runSnippet(id);
    }),
    vscode.commands.registerCommand(Commands.runSnippetInternal, async (arg: unknown) => {
      const a = arg as { id?: unknown; params?: unknown } | undefined;
      if (!a || typeof a.id !== 'string') return;
      const params: Partial<SnippetParams> = {};
      if (a.params && typeof a.params === 'object') {
        for (const [k, v] of Object.entries(a.params)) if (typeof v === 'number') params[k] = v;
      }
      await runSnippet(a.id, params);
    }),
    vscode.commands.registerCommand(Commands.rerunSnippet, rerunWithParameters),
    vscode.window.registerWebviewPanelSerializer(WebviewTypes.snippetResults, { deserializeWebviewPanel: revive }),
    vscode.commands.registerCommand(Commands.runRegressionOnSelection, runSelection),
    vscode.commands.registerCommand(Commands.runRegressionBlockInternal, runBlock),
    vscode.languages.registerCodeLensProvider({ language: 'markdown' }, new RegressionCodeLensProvider()),
  );

  return {
    onDidRender: panel.onDidRender,
    onDidFail: failEmitter.event,
    runner,
    run: runSnippet,
    lastMarkdown: () => (last ? toMarkdownNote(last.result, deps.language()) : undefined),
    lastReport: () => panel.lastReport,
    revive,
    lastPython: () => (last ? pythonFor(last) : undefined),
  };
}

/** The Python script of a run: the snippet's own, or an OLS script over the user's rows (or file). */
function pythonFor(run: LastRun): string | undefined {
  if (run.result.snippetId !== 'regression') return toPythonScript(run.result.snippetId, run.params);
  if (!run.regression) return undefined;
  const file = run.source?.fileUri;
  return toPythonScript('regression', {}, { data: run.regression, ...(file ? dataFileForPython(file) : {}) });
}

/**
 * How a script names the data file: its path on this disk, else (a virtual workspace, another scheme) the path
 * inside its workspace folder, or its name, with the real URI said in a comment: never a made-up local path.
 */
export function dataFileForPython(uri: vscode.Uri): { file: string; fileSource?: string } {
  if (uri.scheme === 'file') return { file: uri.fsPath };
  const inWorkspace = vscode.workspace.getWorkspaceFolder(uri);
  return {
    file: inWorkspace ? vscode.workspace.asRelativePath(uri, false) : uri.path.split('/').pop() || 'data.csv',
    fileSource: uri.toString(true),
  };
}

/**
 * Where a file really is, to compare with the workspace folders: on this disk through every symbolic link (a
 * link inside the workspace may lead out of it), elsewhere as the URI says.
 */
async function realUri(uri: vscode.Uri): Promise<vscode.Uri> {
  if (uri.scheme !== 'file') return uri;
  try {
    return vscode.Uri.file(await fs.promises.realpath(uri.fsPath));
  } catch {
    return uri; // Not on disk: compare the path as written.
  }
}

import * as vscode from 'vscode';
import {
  toMarkdownNote,
  toPythonScript,
  type Language,
  type RegressionExport,
  type SnippetParams,
  type SnippetResult,
} from '../../core/activation';

/** Where the data of a regression run came from, to point at errors and to run it again. */
export interface RegressionSource {
  documentUri: vscode.Uri;
  fileUri?: vscode.Uri;
  /** Runs it again from the current text (a block is looked up again, so edits count). */
  rerun: () => Promise<void>;
}

/** A run that succeeded: what Copy as Markdown, Open as Python and Run Again act on. */
export interface LastRun {
  runId: number;
  result: SnippetResult;
  params: SnippetParams;
  regression?: RegressionExport;
  source?: RegressionSource;
}

/**
 * The runs of this session: run numbers (the results page's actions name the run they belong to), the last
 * successful run, the last catalogue snippet's parameters (Run Again with Different Parameters starts from them),
 * and which snippets have shown their results once (the prediction question is asked only the first time).
 */
export class RunSession {
  private counter = 0;
  private lastRun: LastRun | undefined;
  private snippet: { id: string; params: SnippetParams } | undefined;
  private readonly revealed = new Set<string>();

  /** A new run's number. */
  nextRunId(): number {
    return ++this.counter;
  }

  /** A run succeeded; `snippetId` for a catalogue snippet. True when that snippet's results are new this session. */
  succeeded(run: LastRun, snippetId?: string): boolean {
    this.lastRun = run;
    if (!snippetId) return false;
    this.snippet = { id: snippetId, params: run.result.params };
    const firstTime = !this.revealed.has(snippetId);
    this.revealed.add(snippetId);
    return firstTime;
  }

  /** A snippet whose results the user has seen already (a page restored after a reload). */
  markRevealed(snippetId: string): void {
    this.revealed.add(snippetId);
  }

  /** Tests: every snippet asks its prediction question again on its next run, as in a new session. */
  forgetRevealed(): void {
    this.revealed.clear();
  }

  /** The last successful run, if the page's action `runId` is about it (an older page's is ignored). */
  current(runId: number): LastRun | undefined {
    return this.lastRun?.runId === runId ? this.lastRun : undefined;
  }

  get last(): LastRun | undefined {
    return this.lastRun;
  }

  get lastSnippet(): { id: string; params: SnippetParams } | undefined {
    return this.snippet;
  }

  lastMarkdown(language: Language): string | undefined {
    return this.lastRun ? toMarkdownNote(this.lastRun.result, language) : undefined;
  }

  lastPython(): string | undefined {
    return this.lastRun ? pythonFor(this.lastRun) : undefined;
  }
}

/** The Python script of a run: the snippet's own, or an OLS script over the user's rows (or file). */
export function pythonFor(run: LastRun): string | undefined {
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

import * as vscode from 'vscode';
import { findRegressionBlocks, regressionFileReference, tableColumns, type SnippetJob } from '../../core/activation';
import type { DataFileReader } from './dataFile';
import type { Ui } from './dataFileHost';
import { pickResponse } from './pickers';
import type { RunFailure, SnippetRuns } from './runs';
import type { RegressionSource } from './session';

/** Regressions on the user's data: a ```regression block (its CodeLens) or the selection. */
export class RegressionRuns {
  constructor(
    private readonly runs: SnippetRuns,
    private readonly dataFiles: DataFileReader<vscode.Uri>,
    private readonly failed: vscode.EventEmitter<RunFailure>,
    private readonly ui: Ui,
  ) {}

  /** Runs rows (or a `file:` line's CSV) from a note; `rerun` runs the same source again. */
  async runRegression(
    documentUri: vscode.Uri,
    text: string,
    lineOffset: number,
    rerun: () => Promise<void>,
    response?: string,
  ): Promise<void> {
    const job: SnippetJob & { kind: 'regression' } = { kind: 'regression', text, lineOffset, response };
    const source: RegressionSource = { documentUri, rerun };
    const ref = regressionFileReference(text);
    if (ref) {
      const file = await this.dataFiles.read(documentUri, ref);
      if ('problem' in file) {
        this.failed.fire({ message: file.problem });
        if (!file.told) void vscode.window.showErrorMessage(file.problem);
        return;
      }
      job.fileText = file.text;
      source.fileUri = file.uri;
    }
    await this.runs.execute(job, source);
  }

  /** The block whose fence is at `fenceLine` in the document `uriText` (the CodeLens's arguments). */
  async runBlock(uriText: unknown, fenceLine: unknown): Promise<void> {
    if (typeof uriText !== 'string' || typeof fenceLine !== 'number') return;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uriText));
    const block = findRegressionBlocks(document.getText()).find((b) => b.fenceLine === fenceLine);
    if (!block) {
      void this.ui.showWarningMessage(vscode.l10n.t('The regression block has moved; run it again from its CodeLens.'));
      return;
    }
    await this.runRegression(document.uri, block.body, block.bodyStart, () => this.runBlock(uriText, fenceLine));
  }

  /** Run Regression on Selection: the selected table (asking for the response column), else the block there. */
  async runSelection(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return;
    const doc = editor.document;
    if (editor.selection.isEmpty) {
      const line = editor.selection.active.line;
      const block = findRegressionBlocks(doc.getText()).find((b) => line >= b.fenceLine && line <= b.bodyEnd);
      if (block)
        return this.runRegression(doc.uri, block.body, block.bodyStart, () =>
          this.runBlock(doc.uri.toString(), block.fenceLine),
        );
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Select a CSV or markdown table (with a header line) first.'),
      );
      return;
    }
    const text = doc.getText(editor.selection);
    const offset = editor.selection.start.line;
    let response: string | undefined;
    if (!text.split(/\r?\n/, 20).some((l) => l.includes('~')) && !regressionFileReference(text)) {
      const columns = columnsOf(text);
      if (columns.length >= 2) {
        response = await pickResponse(columns);
        if (!response) return;
      }
    }
    const again = (): Promise<void> => this.runRegression(doc.uri, text, offset, again, response);
    await again();
  }
}

function columnsOf(text: string): string[] {
  try {
    return tableColumns(text);
  } catch {
    return [];
  }
}

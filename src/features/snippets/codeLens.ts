import * as vscode from 'vscode';
import { findRegressionBlocks } from '../../core/activation';
import { Commands } from '../../constants';

/** "Run regression" above every ```regression block of a markdown document. */
export class RegressionCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const text = document.getText();
    if (!/regression/.test(text)) return [];
    return findRegressionBlocks(text).map(
      (block) =>
        new vscode.CodeLens(new vscode.Range(block.fenceLine, 0, block.fenceLine, 0), {
          title: `$(play) ${vscode.l10n.t('Run regression')}`,
          tooltip: vscode.l10n.t('Fit the formula to the data in this block and show the results'),
          command: Commands.runRegressionBlockInternal,
          arguments: [document.uri.toString(), block.fenceLine],
        }),
    );
  }
}

// The words of the page's toolbar and popover, in VS Code's display language (sent with every 'annotations').
import * as vscode from 'vscode';
import type { AnnotationLabels } from '../../core/activation';

export function annotationLabels(): AnnotationLabels {
  return {
    toolbar: vscode.l10n.t('Annotate the selection'),
    highlight: vscode.l10n.t('Highlight'),
    addNote: vscode.l10n.t('Add Note…'),
    copyQuote: vscode.l10n.t('Copy as Quote'),
    edit: vscode.l10n.t('Edit Note'),
    delete: vscode.l10n.t('Delete Highlight'),
    colors: {
      yellow: vscode.l10n.t('Yellow'),
      green: vscode.l10n.t('Green'),
      blue: vscode.l10n.t('Blue'),
      pink: vscode.l10n.t('Pink'),
    },
  };
}

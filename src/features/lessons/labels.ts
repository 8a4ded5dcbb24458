import * as vscode from 'vscode';
import type { LessonViewLabels, RenderLabels } from '../../core/activation';

/** Page labels in the display language (the lesson text itself follows interpLessons.language). */
export function renderLabels(): Partial<RenderLabels> {
  return {
    run: vscode.l10n.t('Run'),
    snippetUnavailable: vscode.l10n.t('This snippet is not available'),
    mathError: vscode.l10n.t('Math error'),
    brokenLink: vscode.l10n.t('This link does not lead to a lesson in this course'),
    externalLink: vscode.l10n.t('Opens in your browser'),
    longTextUnformatted: vscode.l10n.t(
      'This text has {0} characters, more than the {1} the reader formats in one block: it is shown as written.',
    ),
    tableRowsUnformatted: vscode.l10n.t('This table has more than {0} rows: the other {1} are shown as written.'),
    numberLocale: vscode.env.language,
    figureNotShown: vscode.l10n.t('Figure not shown: {0}'),
    figureProblems: {
      url: vscode.l10n.t('figures are read from files next to the lessons, not from URLs'),
      absolute: vscode.l10n.t('absolute paths are not read; use a path relative to the lesson'),
      outside: vscode.l10n.t('the file is outside the folder of the lessons'),
      badPath: vscode.l10n.t('the path has characters or parts figures may not use'),
      symlink: vscode.l10n.t('the file is a symbolic link'),
      missing: vscode.l10n.t('the file was not found'),
      tooLarge: vscode.l10n.t('the file is too large'),
      tooMany: vscode.l10n.t('the lesson has too many figures'),
      notAllowed: vscode.l10n.t('the SVG is outside the allowlist'),
    },
    calloutTitles: {
      note: vscode.l10n.t('Note'),
      tip: vscode.l10n.t('Tip'),
      warning: vscode.l10n.t('Warning'),
      important: vscode.l10n.t('Important'),
      caution: vscode.l10n.t('Caution'),
      correction: vscode.l10n.t('Correction to the original course'),
      predict: vscode.l10n.t('Predict before you run'),
    },
  };
}

export function readerLabels(): LessonViewLabels {
  return {
    contents: vscode.l10n.t('Contents'),
    previous: vscode.l10n.t('Previous'),
    next: vscode.l10n.t('Next'),
    endOfCourse: vscode.l10n.t('End of the module'),
    minutes: vscode.l10n.t('{0} min'),
    mathErrors: vscode.l10n.t(
      '{0} formulas in this lesson could not be rendered; they are shown as TeX with the error.',
    ),
  };
}

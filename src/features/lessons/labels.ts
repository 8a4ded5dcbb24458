import * as vscode from 'vscode';
import type { LessonViewLabels, QuizLabels, QuizPageLabels, RenderLabels } from '../../core/activation';

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
    quiz: quizLabels(),
  };
}

/** The words of a checked question's static HTML (the renderer's RenderLabels.quiz). */
function quizLabels(): QuizLabels {
  return {
    check: vscode.l10n.t('Check'),
    reveal: vscode.l10n.t('Show the answer'),
    chooseOne: vscode.l10n.t('Choose one answer'),
    chooseMany: vscode.l10n.t('Choose every correct answer'),
    yourAnswer: vscode.l10n.t('Your answer'),
    hint: vscode.l10n.t('Hint'),
    explanation: vscode.l10n.t('Explanation'),
    answer: vscode.l10n.t('Answer'),
    readSection: vscode.l10n.t('Read again: {0}'),
    selfRight: vscode.l10n.t('I had it'),
    selfWrong: vscode.l10n.t('Not yet'),
    error: vscode.l10n.t('This question cannot be shown'),
    errorLine: vscode.l10n.t('Line {0}: {1}'),
  };
}

/** The words the page script adds to questions: results, typing problems, Reset. */
export function quizPageLabels(): QuizPageLabels {
  return {
    right: vscode.l10n.t('Right.'),
    wrong: vscode.l10n.t('Not quite: see the hint.'),
    missing: vscode.l10n.t('Not quite: some correct answers are not picked.'),
    wrongNumber: vscode.l10n.t('Not quite: try again.'),
    noChoice: vscode.l10n.t('Pick an answer first.'),
    problems: {
      empty: vscode.l10n.t('Type a number first.'),
      notANumber: vscode.l10n.t('That is not a number: type digits, with "," or "." for decimals.'),
      unit: vscode.l10n.t('Use the unit {0}, or no unit.'),
      separators: vscode.l10n.t('Use either "," or "." as the decimal mark, not both.'),
    },
    selfRight: vscode.l10n.t('You had it.'),
    selfWrong: vscode.l10n.t('Marked for another look.'),
    reset: vscode.l10n.t('Reset answers'),
    resetConfirm: vscode.l10n.t('Clear your answers to the questions in this lesson?'),
    resetYes: vscode.l10n.t('Clear answers'),
    resetNo: vscode.l10n.t('Cancel'),
    resetDone: vscode.l10n.t('Answers cleared.'),
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

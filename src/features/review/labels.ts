import * as vscode from 'vscode';
import type { CardLabels, IntervalLabels, ReviewPageLabels } from '../../core/activation';

/** The question above each kind of card, in VS Code's display language. */
export function cardLabels(): CardLabels {
  return {
    prompts: {
      'term-definition': vscode.l10n.t('What does this term mean?'),
      'definition-term': vscode.l10n.t('Which term is this?'),
      'vi-en': vscode.l10n.t('What is this term in English?'),
      'en-vi': vscode.l10n.t('What is this term in Vietnamese?'),
    },
  };
}

export function intervalLabels(): IntervalLabels {
  return { days: vscode.l10n.t('{0}d'), months: vscode.l10n.t('{0}mo'), years: vscode.l10n.t('{0}y') };
}

export function pageLabels(): ReviewPageLabels {
  return {
    showAnswer: vscode.l10n.t('Show Answer'),
    grades: { 1: vscode.l10n.t('Again'), 2: vscode.l10n.t('Hard'), 3: vscode.l10n.t('Good'), 4: vscode.l10n.t('Easy') },
    remaining: vscode.l10n.t('{0} due'),
    gradeGroup: vscode.l10n.t('How well did you remember?'),
  };
}

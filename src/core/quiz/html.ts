// The static HTML of a quiz question (the reader page's script drives it through the data-quiz-* attributes) and
// of a block that is not one. Markdown is rendered by the caller's functions, so this folder needs no markdown-it.
// The correct answers are in data attributes, not in the text: see lessons/README.md, "Checked questions".
import { escapeHtml } from '../text/escape';
import { formatTolerance } from './check';
import type { ChoiceQuiz, NumberQuiz, OpenQuiz, Quiz, QuizError } from './types';

/** The words of a quiz on the page, in the reader's language. */
export interface QuizLabels {
  check: string;
  reveal: string;
  chooseOne: string;
  chooseMany: string;
  yourAnswer: string;
  hint: string;
  explanation: string;
  answer: string;
  /** Link to the section that answers a wrong choice: {0} the section's title. */
  readSection: string;
  selfRight: string;
  selfWrong: string;
  /** Title of the box shown for a block that is not a question. */
  error: string;
  /** {0} the line, {1} the reason. */
  errorLine: string;
}

export const DEFAULT_QUIZ_LABELS: QuizLabels = {
  check: 'Check',
  reveal: 'Show the answer',
  chooseOne: 'Choose one answer',
  chooseMany: 'Choose every correct answer',
  yourAnswer: 'Your answer',
  hint: 'Hint',
  explanation: 'Explanation',
  answer: 'Answer',
  readSection: 'Read again: {0}',
  selfRight: 'I had it',
  selfWrong: 'Not yet',
  error: 'This question cannot be shown',
  errorLine: 'Line {0}: {1}',
};

export interface QuizHtmlContext {
  labels: QuizLabels;
  /** Markdown to block HTML (paragraphs, lists, display math). */
  block: (markdown: string) => string;
  /** Markdown to inline HTML (for labels, which may hold only phrasing content). */
  inline: (markdown: string) => string;
  /** The title of a section of this lesson by id, or undefined when the lesson has none. */
  sectionTitle: (id: string) => string | undefined;
  /** BCP 47 language numbers are shown in (`0.36` or `0,36`). */
  numberLocale: string;
}

const attr = (name: string, value: string) => ` ${name}="${escapeHtml(value)}"`;

function part(kind: string, title: string, body: string, extra = ''): string {
  return (
    `<div class="il-quiz-part il-quiz-${kind}" data-quiz-part="${kind}"${extra} hidden>` +
    `<p class="il-quiz-part-title">${escapeHtml(title)}</p>${body}</div>\n`
  );
}

function sectionLink(id: string, ctx: QuizHtmlContext): string {
  const title = ctx.sectionTitle(id);
  const text = ctx.labels.readSection.replace('{0}', () => title ?? `#${id}`);
  const broken = title === undefined ? ' class="il-link-broken"' : '';
  return `<p class="il-quiz-section"><a href="#${escapeHtml(id)}" data-il-link="anchor"${broken}>${escapeHtml(text)}</a></p>`;
}

function choicesHtml(quiz: ChoiceQuiz, ctx: QuizHtmlContext, prefix: string): string {
  const input = quiz.type === 'single' ? 'radio' : 'checkbox';
  const legend = quiz.type === 'single' ? ctx.labels.chooseOne : ctx.labels.chooseMany;
  const items = quiz.choices.map((c, i) => {
    const id = `${prefix}-c${i}`;
    return (
      `<div class="il-quiz-choice"><input type="${input}"${attr('id', id)}${attr('name', prefix)} value="${i}" data-quiz-choice="${i}"` +
      `${c.correct ? ' data-quiz-correct="true"' : ''}>` +
      `<label${attr('for', id)}>${ctx.inline(c.text)}</label></div>\n`
    );
  });
  const hints = quiz.choices.map((c, i) =>
    !c.correct && (c.hint || c.section)
      ? part(
          'hint',
          ctx.labels.hint,
          (c.hint ? ctx.block(c.hint) : '') + (c.section ? sectionLink(c.section, ctx) : ''),
          ` data-quiz-choice="${i}"`,
        )
      : '',
  );
  return (
    `<fieldset class="il-quiz-choices"${attr('aria-describedby', `${prefix}-q`)}>` +
    `<legend class="il-quiz-legend">${escapeHtml(legend)}</legend>\n${items.join('')}</fieldset>\n` +
    actions(ctx.labels.check, 'check') +
    hints.join('')
  );
}

function formatNumber(v: number, locale: string): string {
  try {
    return v.toLocaleString(locale, { maximumFractionDigits: 12, useGrouping: false });
  } catch {
    return String(v);
  }
}

function numberHtml(quiz: NumberQuiz, ctx: QuizHtmlContext, prefix: string): string {
  const unit = quiz.unit
    ? `<span class="il-quiz-unit"${attr('id', `${prefix}-unit`)}>${escapeHtml(quiz.unit)}</span>`
    : '';
  const described = quiz.unit ? `${prefix}-q ${prefix}-unit` : `${prefix}-q`;
  const shown = `${formatNumber(quiz.answer, ctx.numberLocale)}${quiz.unit ? ` ${quiz.unit}` : ''}`;
  return (
    `<div class="il-quiz-number"><label${attr('for', `${prefix}-input`)}>${escapeHtml(ctx.labels.yourAnswer)}</label> ` +
    `<input type="text" inputmode="decimal" autocomplete="off" spellcheck="false"${attr('id', `${prefix}-input`)}` +
    `${attr('aria-describedby', described)} data-quiz-input="number"> ${unit}</div>\n` +
    actions(ctx.labels.check, 'check') +
    part('answer', ctx.labels.answer, `<p class="il-quiz-value">${escapeHtml(shown)}</p>`)
  );
}

function openHtml(quiz: OpenQuiz, ctx: QuizHtmlContext): string {
  const grade =
    `<div class="il-quiz-grade">` +
    `<button type="button" class="il-quiz-button" data-quiz-action="self-right">${escapeHtml(ctx.labels.selfRight)}</button> ` +
    `<button type="button" class="il-quiz-button" data-quiz-action="self-wrong">${escapeHtml(ctx.labels.selfWrong)}</button></div>`;
  return actions(ctx.labels.reveal, 'reveal') + part('answer', ctx.labels.answer, ctx.block(quiz.answer) + grade);
}

function actions(label: string, action: string): string {
  return `<div class="il-quiz-actions"><button type="button" class="il-quiz-button" data-quiz-action="${action}">${escapeHtml(label)}</button></div>\n`;
}

/** The data a page needs to check a number question offline: the answer, the tolerance as written, the unit. */
function numberData(quiz: NumberQuiz): string {
  return (
    attr('data-quiz-answer', String(quiz.answer)) +
    attr('data-quiz-tolerance', formatTolerance(quiz.tolerance)) +
    (quiz.unit ? attr('data-quiz-unit', quiz.unit) : '')
  );
}

/** A question as static, accessible HTML: the question, its inputs, the Check (or Reveal) button, hidden parts. */
export function quizHtml(quiz: Quiz, ctx: QuizHtmlContext): string {
  const prefix = `il-quiz-${quiz.id}`;
  const body =
    quiz.type === 'number'
      ? numberHtml(quiz, ctx, prefix)
      : quiz.type === 'open'
        ? openHtml(quiz, ctx)
        : choicesHtml(quiz, ctx, prefix);
  return (
    `<section class="il-quiz"${attr('data-quiz-id', quiz.id)} data-quiz-type="${quiz.type}"` +
    `${quiz.type === 'number' ? numberData(quiz) : ''}${attr('aria-labelledby', `${prefix}-q`)}>\n` +
    `<div class="il-quiz-question"${attr('id', `${prefix}-q`)}>${ctx.block(quiz.question)}</div>\n` +
    body +
    (quiz.explanation ? part('explanation', ctx.labels.explanation, ctx.block(quiz.explanation)) : '') +
    `<div class="il-quiz-status" role="status" aria-live="polite"></div>\n</section>\n`
  );
}

/** A block that is not a question: a box with its line and the reason, in place of the question. */
export function quizErrorHtml(error: QuizError, labels: QuizLabels): string {
  const where = labels.errorLine.replace('{0}', String(error.line)).replace('{1}', () => error.reason);
  return (
    `<div class="il-quiz-error" role="note"><p class="il-quiz-error-title">${escapeHtml(labels.error)}</p>` +
    `<p class="il-quiz-error-reason">${escapeHtml(where)}</p></div>\n`
  );
}

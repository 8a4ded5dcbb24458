// The review page's content as HTML: one card, or the screen after the last. The card's faces come rendered
// (the reader's renderer, math typeset); everything else here is escaped text.
import { escapeHtml } from '../text/escape';
import { REVIEW_GRADES, type ReviewGrade } from './schedule';

/** The page's words, in the language shown. */
export interface ReviewPageLabels {
  showAnswer: string;
  /** Again, Hard, Good, Easy. */
  grades: Record<ReviewGrade, string>;
  /** "{0} due", the cards left including this one. */
  remaining: string;
  /** The grade buttons' group, for screen readers. */
  gradeGroup: string;
}

/** One card as the page shows it. */
export interface ReviewCardView {
  key: string;
  prompt: string;
  frontHtml: string;
  backHtml: string;
  /** The next interval each grade gives, as the buttons say it ("3d"). */
  intervals: Record<ReviewGrade, string>;
  remaining: number;
}

/** A card: prompt, front, the hidden answer, Show Answer and the four grades with their intervals and keys. */
export function reviewCardHtml(view: ReviewCardView, labels: ReviewPageLabels): string {
  const grade = (g: ReviewGrade) =>
    `<button type="button" class="il-review-grade il-review-grade-${g}" data-grade="${g}">` +
    `<span class="il-review-grade-name">${escapeHtml(labels.grades[g])}</span>` +
    `<span class="il-review-interval">${escapeHtml(view.intervals[g])}</span><kbd>${g}</kbd></button>`;
  return (
    `<section class="il-review-card" data-card="${escapeHtml(view.key)}">` +
    `<p class="il-review-count" role="status">${escapeHtml(labels.remaining.replace('{0}', String(view.remaining)))}</p>` +
    `<p class="il-review-prompt">${escapeHtml(view.prompt)}</p>` +
    `<div class="il-review-front">${view.frontHtml}</div>` +
    `<div class="il-review-back" hidden>${view.backHtml}</div>` +
    `<div class="il-review-actions">` +
    `<button type="button" class="il-review-show" data-show-answer>${escapeHtml(labels.showAnswer)} <kbd>Space</kbd></button>` +
    `<div class="il-review-grades" role="group" aria-label="${escapeHtml(labels.gradeGroup)}" hidden>` +
    REVIEW_GRADES.map(grade).join('') +
    `</div></div></section>`
  );
}

/** The screen after the last due card (or when none is due): a heading, a line, and when the next one is due. */
export function reviewDoneHtml(title: string, text: string, next?: string): string {
  return (
    `<section class="il-review-done" role="status"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>` +
    (next ? `<p class="il-review-next">${escapeHtml(next)}</p>` : '') +
    `</section>`
  );
}

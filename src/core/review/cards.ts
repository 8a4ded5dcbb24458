// Which glossary terms the user reviews, as cards, and what each card shows.
import { escapeMarkdown } from '../glossary/hoverMarkdown';
import { canonicalTerm, localized, type Glossary, type GlossaryEntry, type GlossaryLanguage } from '../glossary/types';
import { isDue, type CardSchedule } from './schedule';
import { CARD_DIRECTIONS, type CardDirection, type ReviewSchedules } from './state';

/** One card: a term and the way it asks. Its schedule is stored under the term id and the direction. */
export interface ReviewCard {
  termId: string;
  direction: CardDirection;
}

/** The card's key in messages and tests: `<term id>/<direction>`. */
export function cardKey(card: ReviewCard): string {
  return `${card.termId}/${card.direction}`;
}

const sameTerm = (a: string, b: string) => a.normalize('NFC').toLowerCase() === b.normalize('NFC').toLowerCase();

/** The directions an entry makes cards in: both ways with its definition, and both ways between its vi and en terms. */
export function entryDirections(entry: GlossaryEntry): CardDirection[] {
  const out: CardDirection[] = [];
  if (entry.definition.en || entry.definition.vi) out.push('term-definition', 'definition-term');
  const vi = entry.terms.vi?.[0];
  const en = entry.terms.en?.[0];
  if (vi && en && !sameTerm(vi, en)) out.push('vi-en', 'en-vi');
  return out;
}

/**
 * The cards to review: every direction of every entry (the shipped glossary's and the user's files') whose
 * `introducedIn.lesson` the user has read. A course folder's lesson counts like a shipped one: progress is kept by
 * lesson id. Ordered by direction, then by glossary order, so that a term's two sides are not asked one after the other.
 */
export function reviewCards(glossary: Glossary, isRead: (lessonId: string) => boolean): ReviewCard[] {
  const byDirection = new Map<CardDirection, ReviewCard[]>(CARD_DIRECTIONS.map((d) => [d, []]));
  for (const entry of glossary.entries) {
    const lesson = entry.introducedIn?.lesson;
    if (!lesson || !isRead(lesson)) continue;
    for (const direction of entryDirections(entry)) byDirection.get(direction)!.push({ termId: entry.id, direction });
  }
  return CARD_DIRECTIONS.flatMap((d) => byDirection.get(d)!);
}

function scheduleOf(schedules: ReviewSchedules, card: ReviewCard): CardSchedule | undefined {
  return schedules[card.termId]?.[card.direction];
}

/** The cards due at `now`: those whose date has come (earliest first), then those never reviewed, in card order. */
export function dueCards(cards: readonly ReviewCard[], schedules: ReviewSchedules, now: number): ReviewCard[] {
  const reviewed = cards
    .filter((c) => scheduleOf(schedules, c) && isDue(scheduleOf(schedules, c), now))
    .sort((a, b) => scheduleOf(schedules, a)!.due - scheduleOf(schedules, b)!.due);
  return [...reviewed, ...cards.filter((c) => !scheduleOf(schedules, c))];
}

/** When the next card not yet due becomes due (undefined: none). */
export function nextDueTime(cards: readonly ReviewCard[], schedules: ReviewSchedules, now: number): number | undefined {
  let next: number | undefined;
  for (const c of cards) {
    const due = scheduleOf(schedules, c)?.due;
    if (due !== undefined && due > now && (next === undefined || due < next)) next = due;
  }
  return next;
}

/** The words around a card, in the language shown. */
export interface CardLabels {
  /** The question above the front, per direction. */
  prompts: Record<CardDirection, string>;
}

/** What a card shows, as markdown (the renderer typesets its math): a question, the front, the answer. */
export interface CardFaces {
  prompt: string;
  front: string;
  back: string;
}

/** The front and back of one card in `language` (terms in their own language for vi-en and en-vi). */
export function cardFaces(
  entry: GlossaryEntry,
  direction: CardDirection,
  language: GlossaryLanguage,
  labels: CardLabels,
): CardFaces {
  const term = (lang: GlossaryLanguage) => `**${escapeMarkdown(canonicalTerm(entry, lang))}**`;
  const definition = localized(entry.definition, language);
  const formula = entry.formula ? `\n\n$$\n${entry.formula}\n$$` : '';
  const prompt = labels.prompts[direction];
  switch (direction) {
    case 'term-definition':
      return { prompt, front: term(language), back: `${definition}${formula}` };
    case 'definition-term':
      return { prompt, front: definition, back: `${term(language)}${formula}` };
    case 'vi-en':
      return { prompt, front: term('vi'), back: `${term('en')}\n\n${definition}${formula}` };
    case 'en-vi':
      return { prompt, front: term('en'), back: `${term('vi')}\n\n${definition}${formula}` };
  }
}

/** Short interval labels: `{0}` is the number. */
export interface IntervalLabels {
  days: string;
  months: string;
  years: string;
}

/** An interval in days as the buttons show it: days under a month, then months, then years (one decimal under 10). */
export function formatInterval(days: number, labels: IntervalLabels): string {
  const n = (x: number) => String(x < 10 ? Math.round(x * 10) / 10 : Math.round(x));
  if (days < 30) return labels.days.replace('{0}', String(Math.max(0, Math.round(days))));
  if (days < 365) return labels.months.replace('{0}', n(days / 30.4375));
  return labels.years.replace('{0}', n(days / 365.25));
}

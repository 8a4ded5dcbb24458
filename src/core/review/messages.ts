// What the review page may send the extension; anything else is dropped.
import type { ReviewGrade } from './schedule';

export type ReviewPageMessage =
  | { type: 'ready' }
  /** The card `key` is on the page; `answer`: its answer is showing. */
  | { type: 'shown'; key: string; answer: boolean }
  | { type: 'grade'; key: string; grade: ReviewGrade };

/** The message when `m` is one of ReviewPageMessage's shapes (keys at most 1000 characters), else undefined. */
export function parseReviewPageMessage(m: unknown): ReviewPageMessage | undefined {
  if (!m || typeof m !== 'object') return undefined;
  const { type, key, grade, answer } = m as Record<string, unknown>;
  if (type === 'ready') return { type };
  if (typeof key !== 'string' || !key || key.length > 1000) return undefined;
  if (type === 'shown' && typeof answer === 'boolean') return { type, key, answer };
  if (type === 'grade' && (grade === 1 || grade === 2 || grade === 3 || grade === 4)) return { type, key, grade };
  return undefined;
}

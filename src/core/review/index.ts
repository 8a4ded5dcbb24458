export { gradeCard, previewIntervals, isDue, REVIEW_GRADES, DESIRED_RETENTION } from './schedule';
export type { CardSchedule, ReviewGrade } from './schedule';
export {
  readReviewState,
  storedReviewState,
  parseCardSchedule,
  setAsideKey,
  CARD_DIRECTIONS,
  REVIEW_STATE_VERSION,
} from './state';
export type { CardDirection, ReviewSchedules, StoredReviewState, ReadReviewState } from './state';
export { reviewCards, dueCards, nextDueTime, cardKey, cardFaces, entryDirections, formatInterval } from './cards';
export type { ReviewCard, CardFaces, CardLabels, IntervalLabels } from './cards';
export { reviewCardHtml, reviewDoneHtml } from './page';
export type { ReviewPageLabels, ReviewCardView } from './page';
export { parseReviewPageMessage } from './messages';
export type { ReviewPageMessage } from './messages';

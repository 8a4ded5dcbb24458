import {
  ANNOTATION_PAGE_MESSAGE_TYPES,
  parseAnnotationPageMessage,
  type AnnotationPageMessage,
} from './annotationMessages';
import { QUIZ_PAGE_MESSAGE_TYPES, parseQuizPageMessage, type QuizPageMessage } from './quizMessages';

/** Messages the reader page may send. Anything else is dropped. */
export type ReaderMessage =
  | AnnotationPageMessage
  | QuizPageMessage
  | { type: 'ready' }
  | {
      type: 'rendered';
      lessonId: string;
      katexCount: number;
      fontsLoaded: boolean;
      katexFonts: number;
      visibleHeading?: string;
      ms: number;
      layoutMs?: number;
      themeKind?: string;
      cspViolations: number;
      cspViolation?: string;
    }
  | { type: 'link'; href: string }
  | { type: 'open'; lessonId: string }
  | { type: 'runSnippet'; id: string }
  | { type: 'scroll'; lessonId: string; ratio: number; heading?: string }
  | { type: 'reachedEnd'; lessonId: string }
  | { type: 'term'; id: string }
  | { type: 'action'; action: 'repairEncoding' | 'typesetAllMath' };

const str = (v: unknown, max = 2048): v is string => typeof v === 'string' && v.length <= max;
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Validates a message from the page: right shape, bounded sizes. Returns undefined for anything else. */
export function parseReaderMessage(m: unknown): ReaderMessage | undefined {
  if (!m || typeof m !== 'object') return undefined;
  const o = m as Record<string, unknown>;
  if (typeof o.type === 'string' && ANNOTATION_PAGE_MESSAGE_TYPES.has(o.type)) return parseAnnotationPageMessage(o);
  if (typeof o.type === 'string' && QUIZ_PAGE_MESSAGE_TYPES.has(o.type)) return parseQuizPageMessage(o);
  switch (o.type) {
    case 'ready':
      return { type: 'ready' };
    case 'rendered':
      if (!str(o.lessonId, 200) || !num(o.katexCount) || typeof o.fontsLoaded !== 'boolean' || !num(o.ms))
        return undefined;
      return {
        type: 'rendered',
        lessonId: o.lessonId,
        katexCount: o.katexCount,
        fontsLoaded: o.fontsLoaded,
        katexFonts: num(o.katexFonts) ? o.katexFonts : 0,
        visibleHeading: str(o.visibleHeading, 200) ? o.visibleHeading : undefined,
        ms: o.ms,
        layoutMs: num(o.layoutMs) ? o.layoutMs : undefined,
        themeKind: str(o.themeKind, 40) ? o.themeKind : undefined,
        cspViolations: num(o.cspViolations) ? o.cspViolations : 0,
        cspViolation: str(o.cspViolation, 300) ? o.cspViolation : undefined,
      };
    case 'link':
      return str(o.href) ? { type: 'link', href: o.href } : undefined;
    case 'open':
      return str(o.lessonId, 200) ? { type: 'open', lessonId: o.lessonId } : undefined;
    case 'runSnippet':
      return str(o.id, 100) && /^[\w.-]+$/.test(o.id) ? { type: 'runSnippet', id: o.id } : undefined;
    case 'scroll':
      if (!str(o.lessonId, 200) || !num(o.ratio)) return undefined;
      return {
        type: 'scroll',
        lessonId: o.lessonId,
        ratio: Math.min(1, Math.max(0, o.ratio)),
        heading: str(o.heading, 200) ? o.heading : undefined,
      };
    case 'reachedEnd':
      return str(o.lessonId, 200) ? { type: 'reachedEnd', lessonId: o.lessonId } : undefined;
    case 'action':
      return o.action === 'repairEncoding' || o.action === 'typesetAllMath'
        ? { type: 'action', action: o.action }
        : undefined;
    case 'term':
      return str(o.id, 200) ? { type: 'term', id: o.id } : undefined;
    default:
      return undefined;
  }
}

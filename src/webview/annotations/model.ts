// Types the page-side annotation modules share.
import type { HighlightColor } from '../../core/annotations/types';

export type { DomTextIndex } from './plainText';

/** One highlight as the page draws it (validated from the host's 'annotations' message). */
export interface DrawItem {
  id: string;
  color: HighlightColor;
  start: number;
  end: number;
  noteHtml: string;
}

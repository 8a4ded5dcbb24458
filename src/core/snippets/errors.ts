import { LocalText } from './types';

/** Parameters that are each in range but do not fit together (e.g. m must be smaller than n). */
export class SnippetConstraintError extends Error {
  constructor(
    readonly snippetId: string,
    readonly text: LocalText,
  ) {
    super(text.en);
    this.name = 'SnippetConstraintError';
  }
}

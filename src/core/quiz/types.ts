// The shape of a ```quiz block once parsed (the format: lessons/README.md, "Checked questions").

export type QuizType = 'single' | 'multiple' | 'number' | 'open';
export const QUIZ_TYPES: readonly QuizType[] = ['single', 'multiple', 'number', 'open'];

/** One choice: markdown text; a wrong choice may carry a hint and the id of the section that answers it. */
export interface QuizChoice {
  text: string;
  correct: boolean;
  hint?: string;
  section?: string;
}

/** A tolerance as written: `0.01` (absolute) or `"2%"` (relative to the answer). */
export interface QuizTolerance {
  kind: 'absolute' | 'relative';
  /** Absolute: in the answer's unit. Relative: a fraction (2% is 0.02). */
  value: number;
}

interface QuizBase {
  id: string;
  /** Markdown (with math). */
  question: string;
  /** Markdown shown once the question is answered (or the answer revealed); optional only for open questions. */
  explanation?: string;
  /** 1-based line of the block's opening fence in the file. */
  line: number;
}

export interface ChoiceQuiz extends QuizBase {
  type: 'single' | 'multiple';
  choices: QuizChoice[];
}

export interface NumberQuiz extends QuizBase {
  type: 'number';
  answer: number;
  tolerance: QuizTolerance;
  unit?: string;
}

export interface OpenQuiz extends QuizBase {
  type: 'open';
  /** Markdown: the model answer the reader compares theirs with. */
  answer: string;
}

export type Quiz = ChoiceQuiz | NumberQuiz | OpenQuiz;

/** Why a block is not a question: a 1-based line in the file and a reason in English for the author. */
export interface QuizError {
  line: number;
  reason: string;
}

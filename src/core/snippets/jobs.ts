/**
 * A run as a plain job description and a plain outcome, so the same code runs in the extension
 * host (short runs) and in a worker thread (long ones), and errors cross the thread boundary as data.
 */
import { DataError, RankDeficientError, RegressionError } from '../regression/errors';
import { RegressionData, buildRegressionData, parseRegressionBlock, parseTable } from '../regression/table';
import { SnippetParameterError, UnknownSnippetError } from './catalogue';
import { SnippetConstraintError } from './errors';
import { PYTHON_INLINE_ROWS } from './python';
import { runRegressionOnData } from './regressionReport';
import { estimateSnippetCost, runSnippet } from './run';
import { LocalText, ProgressReporter, RegressionExport, SnippetParams, SnippetResult } from './types';

export type SnippetJob =
  | { kind: 'snippet'; id: string; params?: Partial<SnippetParams> }
  | {
      kind: 'regression';
      /** A regression block body or a selected table (a formula line is optional). */
      text: string;
      /** 0-based line of `text` in its document, so messages give document lines. */
      lineOffset: number;
      /** Contents of the CSV a `file:` line refers to (read by the caller). */
      fileText?: string;
      /** Response column chosen by the user when the text has no formula. */
      response?: string;
    };

/** An error as data: enough to word a message in any language and to point at the place. */
export interface JobFailure {
  name:
    | 'DataError'
    | 'RegressionError'
    | 'RankDeficientError'
    | 'SnippetParameterError'
    | 'SnippetConstraintError'
    | 'UnknownSnippetError'
    | 'Error';
  message: string;
  code?: string;
  details?: Record<string, unknown>;
  /** Bilingual text (SnippetConstraintError). */
  text?: LocalText;
  dependent?: string[];
  involved?: string[];
  parameter?: string;
  value?: number;
  min?: number;
  max?: number;
  integer?: boolean;
  snippetId?: string;
  /** The CSV file the error is in, when the data came from a `file:` line. */
  inFile?: boolean;
}

export type JobOutcome =
  { ok: true; result: SnippetResult; regression?: RegressionExport } | { ok: false; failure: JobFailure };

/** Turns anything thrown by a run into a JobFailure. */
export function describeFailure(e: unknown): JobFailure {
  if (e instanceof RankDeficientError)
    return {
      name: 'RankDeficientError',
      message: e.message,
      code: e.code,
      dependent: e.dependent,
      involved: e.involved,
    };
  if (e instanceof DataError) return { name: 'DataError', message: e.message, code: e.code, details: { ...e.details } };
  if (e instanceof RegressionError)
    return { name: 'RegressionError', message: e.message, code: e.code, details: { ...e.details } };
  if (e instanceof SnippetParameterError) {
    return {
      name: 'SnippetParameterError',
      message: e.message,
      parameter: e.parameter,
      value: e.value,
      min: e.min,
      max: e.max,
      integer: e.integer,
      snippetId: e.snippetId,
    };
  }
  if (e instanceof SnippetConstraintError)
    return { name: 'SnippetConstraintError', message: e.message, text: e.text, snippetId: e.snippetId };
  if (e instanceof UnknownSnippetError)
    return { name: 'UnknownSnippetError', message: e.message, snippetId: e.snippetId };
  return { name: 'Error', message: e instanceof Error ? e.message : String(e) };
}

/** Runs a job; never throws (failures come back as data). */
export function runJob(job: SnippetJob, progress?: ProgressReporter): JobOutcome {
  let inFile = false;
  try {
    if (job.kind === 'snippet') return { ok: true, result: runSnippet(job.id, job.params ?? {}, progress) };
    const block = parseRegressionBlock(job.text, { lineOffset: job.lineOffset });
    let table;
    if (block.source.kind === 'file') {
      if (job.fileText === undefined) throw new Error(`The block refers to ${block.source.path}, which was not read.`);
      inFile = true;
      table = parseTable(job.fileText);
    } else {
      table = block.source.table;
    }
    let formula = block.formula;
    if (!formula && job.response) {
      formula = { response: job.response, predictors: '.', intercept: true, text: `${job.response} ~ .` };
    }
    const data: RegressionData = buildRegressionData(table, formula);
    inFile = false;
    const result = runRegressionOnData(data);
    const small = data.X.length <= PYTHON_INLINE_ROWS;
    return {
      ok: true,
      result,
      regression: {
        formula: data.formula,
        predictors: data.predictors,
        response: data.response,
        intercept: data.intercept,
        ...(small ? { X: data.X, y: data.y } : {}),
      },
    };
  } catch (e) {
    return { ok: false, failure: { ...describeFailure(e), ...(inFile ? { inFile } : {}) } };
  }
}

/** Rough cost of a job in milliseconds on a laptop: above a threshold the editor uses a worker. */
export function estimateJobCost(job: SnippetJob): number {
  if (job.kind === 'snippet') {
    try {
      return estimateSnippetCost(job.id, job.params ?? {});
    } catch {
      return 0;
    }
  }
  return ((job.fileText?.length ?? 0) + job.text.length) / 2e4;
}

/**
 * Typed errors of the regression engine and the data parser. Each carries a `code` and the facts a
 * message needs (1-based rows and columns, as the user sees them), so the editor side can word the
 * message in the user's language; `message` is the English wording.
 */

export type RegressionErrorCode =
  | 'empty'
  | 'shape'
  | 'ragged'
  | 'non-finite'
  | 'too-few-rows'
  | 'constant-column'
  | 'rank-deficient'
  | 'too-many-cells';

/** A problem with the numbers handed to a fit (not with the text they came from). */
export class RegressionError extends Error {
  constructor(
    readonly code: RegressionErrorCode,
    message: string,
    /** Facts for the message: `row`/`column` are 1-based; `columns` are column names. */
    readonly details: {
      row?: number;
      column?: number;
      columnName?: string;
      rows?: number;
      parameters?: number;
      columns?: string[];
      cells?: number;
      limit?: number;
    } = {},
  ) {
    super(message);
    this.name = 'RegressionError';
  }
}

/**
 * The design matrix has (numerically) linearly dependent columns, so the coefficients are not
 * identified. `dependent` are the columns that could be dropped; `columns` every column involved.
 */
export class RankDeficientError extends RegressionError {
  constructor(
    readonly dependent: string[],
    readonly involved: string[],
    readonly rank: number,
  ) {
    super(
      'rank-deficient',
      involved.length > dependent.length
        ? `The predictors are collinear: ${dependent.join(', ')} ${dependent.length > 1 ? 'are linear combinations' : 'is a linear combination'} of ${involved.filter((c) => !dependent.includes(c)).join(', ')}.`
        : `The predictors are collinear: ${dependent.join(', ')} carries no information (all zero).`,
      { columns: involved },
    );
    this.name = 'RankDeficientError';
  }
}

export type DataErrorCode =
  | 'empty'
  | 'no-header'
  | 'empty-header'
  | 'duplicate-column'
  | 'ragged'
  | 'not-a-number'
  | 'non-finite'
  | 'empty-cell'
  | 'bad-formula'
  | 'missing-column'
  | 'response-as-predictor'
  | 'no-predictors'
  | 'too-many-cells'
  | 'too-few-rows'
  | 'constant-column'
  | 'unterminated-quote';

/** A problem in user-supplied text (CSV, markdown table, regression block), located in it. */
export class DataError extends Error {
  constructor(
    readonly code: DataErrorCode,
    message: string,
    readonly details: {
      /** 1-based line in the parsed text. */
      line?: number;
      /** 1-based data row (the first row after the header is 1). */
      row?: number;
      /** 1-based column. */
      column?: number;
      columnName?: string;
      value?: string;
      expected?: number;
      found?: number;
      available?: string[];
      cells?: number;
      limit?: number;
      rows?: number;
      parameters?: number;
    } = {},
  ) {
    super(message);
    this.name = 'DataError';
  }
}

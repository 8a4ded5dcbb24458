import * as vscode from 'vscode';
import { type JobFailure, type Language } from '../../core/activation';

/** Where a failure points: a 1-based line of the document (or of the CSV file when `inFile`). */
export interface FailureLocation {
  line: number;
  inFile: boolean;
}

const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The line a failure is about, if it has one. */
export function failureLocation(f: JobFailure): FailureLocation | undefined {
  const line = num(f.details?.line);
  return line === undefined ? undefined : { line, inFile: !!f.inFile };
}

/** What a DataError's details say, read once for its message. */
interface DataFacts {
  details: Record<string, unknown>;
  line: number | undefined;
  /** The column's name, else its number. */
  column: string;
  /** "Line 3 (data row 2)", "Line 3" or nothing. */
  where: string;
  language: Language;
}

function dataFacts(details: Record<string, unknown>, language: Language): DataFacts {
  const line = num(details.line);
  const row = num(details.row);
  const where =
    line !== undefined && row !== undefined
      ? vscode.l10n.t('Line {0} (data row {1})', line, row)
      : line !== undefined
        ? vscode.l10n.t('Line {0}', line)
        : '';
  return { details, line, column: str(details.columnName) || String(num(details.column) ?? ''), where, language };
}

/** The table's shape: header, rows, quotes. */
const TABLE_MESSAGES: Record<string, (x: DataFacts) => string> = {
  empty: () => vscode.l10n.t('There is no table: add a header line with column names, then data rows.'),
  'no-header': ({ line }) =>
    vscode.l10n.t('Line {0} looks like data: the first line of the table must name the columns.', line ?? '?'),
  'empty-header': ({ details, line }) =>
    vscode.l10n.t('Column {0} of the header (line {1}) has no name.', num(details.column) ?? '?', line ?? '?'),
  'duplicate-column': ({ column, line }) =>
    vscode.l10n.t('The column name "{0}" appears twice in the header (line {1}).', column, line ?? '?'),
  ragged: ({ details, where }) =>
    vscode.l10n.t(
      '{0} has {1} values but the header has {2} columns.',
      where,
      num(details.found) ?? '?',
      num(details.expected) ?? '?',
    ),
  'unterminated-quote': ({ line }) => vscode.l10n.t('Line {0} has a quote (") that is never closed.', line ?? '?'),
  'too-many-cells': ({ details, language }) =>
    vscode.l10n.t(
      'The table has about {0} cells; the limit is {1}.',
      ...[details.cells, details.limit].map((v) => num(v)?.toLocaleString(language) ?? '?'),
    ),
};

/** One cell's value. */
const CELL_MESSAGES: Record<string, (x: DataFacts) => string> = {
  'not-a-number': ({ details, where, column }) =>
    vscode.l10n.t('{0}, column "{1}": "{2}" is not a number.', where, column, str(details.value)),
  'non-finite': ({ details, where, column }) =>
    vscode.l10n.t('{0}, column "{1}": "{2}" is not a finite number.', where, column, str(details.value)),
  'empty-cell': ({ where, column }) => vscode.l10n.t('{0}, column "{1}" is empty.', where, column),
};

/** The formula and the model it asks for. */
const MODEL_MESSAGES: Record<string, (x: DataFacts) => string> = {
  'bad-formula': ({ details, line }) =>
    vscode.l10n.t(
      'The formula on line {0} cannot be read at position {1}. Write it as y ~ x1 + x2 (add - 1 to leave out the intercept).',
      line ?? '?',
      num(details.column) ?? '?',
    ),
  'missing-column': ({ details, column }) =>
    vscode.l10n.t(
      'The formula names "{0}", which is not a column. The columns are: {1}.',
      column,
      ((details.available as string[] | undefined) ?? []).join(', '),
    ),
  'response-as-predictor': ({ column }) => vscode.l10n.t('"{0}" is both the response and a predictor.', column),
  'no-predictors': () => vscode.l10n.t('There are no predictor columns: the table needs at least two columns.'),
  'too-few-rows': ({ details }) =>
    vscode.l10n.t(
      '{0} data rows are too few for {1} coefficients: at least {2} rows are needed.',
      num(details.rows) ?? '?',
      num(details.parameters) ?? '?',
      (num(details.parameters) ?? 0) + 1,
    ),
  'constant-column': ({ column }) =>
    vscode.l10n.t(
      'Column "{0}" has the same value in every row: beside the intercept it carries no information. Leave it out of the formula.',
      column,
    ),
};

/** A DataError by its code; a code without a message of its own keeps core's (English) text. */
function dataErrorMessage(f: JobFailure, language: Language): string {
  const code = f.code ?? '';
  for (const messages of [TABLE_MESSAGES, CELL_MESSAGES, MODEL_MESSAGES])
    if (Object.hasOwn(messages, code)) return messages[code](dataFacts(f.details ?? {}, language));
  return f.message;
}

function collinearMessage(f: JobFailure): string {
  const dependent = f.dependent ?? [];
  const others = (f.involved ?? []).filter((c) => !dependent.includes(c));
  return others.length
    ? vscode.l10n.t(
        'The predictors are collinear: {0} is a linear combination of {1}, so the coefficients are not determined. Leave {0} out of the formula.',
        dependent.join(', '),
        others.join(', '),
      )
    : vscode.l10n.t(
        'The predictors are collinear: {0} is zero in every row. Leave it out of the formula.',
        dependent.join(', '),
      );
}

function parameterMessage(f: JobFailure): string {
  const facts = [f.parameter ?? '?', f.min ?? '?', f.max ?? '?', f.value ?? '?'] as const;
  return f.integer
    ? vscode.l10n.t('{0} must be a whole number from {1} to {2} (got {3}).', ...facts)
    : vscode.l10n.t('{0} must be a number from {1} to {2} (got {3}).', ...facts);
}

/** A failure in the user's display language, naming line, data row and column where it can. */
export function failureMessage(f: JobFailure, language: Language): string {
  switch (f.name) {
    case 'DataError':
      return dataErrorMessage(f, language);
    case 'RankDeficientError':
      return collinearMessage(f);
    case 'SnippetParameterError':
      return parameterMessage(f);
    case 'SnippetConstraintError':
      return f.text ? f.text[language] : f.message;
    case 'UnknownSnippetError':
      return vscode.l10n.t('There is no snippet "{0}".', f.snippetId ?? '?');
    default:
      return f.message;
  }
}

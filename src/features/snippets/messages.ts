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

/** A failure in the user's display language, naming line, data row and column where it can. */
export function failureMessage(f: JobFailure, language: Language): string {
  const d = f.details ?? {};
  const line = num(d.line);
  const row = num(d.row);
  const column = str(d.columnName) || String(num(d.column) ?? '');
  const where =
    line !== undefined && row !== undefined
      ? vscode.l10n.t('Line {0} (data row {1})', line, row)
      : line !== undefined
        ? vscode.l10n.t('Line {0}', line)
        : '';
  switch (f.name) {
    case 'DataError':
      switch (f.code) {
        case 'empty':
          return vscode.l10n.t('There is no table: add a header line with column names, then data rows.');
        case 'no-header':
          return vscode.l10n.t(
            'Line {0} looks like data: the first line of the table must name the columns.',
            line ?? '?',
          );
        case 'empty-header':
          return vscode.l10n.t('Column {0} of the header (line {1}) has no name.', num(d.column) ?? '?', line ?? '?');
        case 'duplicate-column':
          return vscode.l10n.t('The column name "{0}" appears twice in the header (line {1}).', column, line ?? '?');
        case 'ragged':
          return vscode.l10n.t(
            '{0} has {1} values but the header has {2} columns.',
            where,
            num(d.found) ?? '?',
            num(d.expected) ?? '?',
          );
        case 'not-a-number':
          return vscode.l10n.t('{0}, column "{1}": "{2}" is not a number.', where, column, str(d.value));
        case 'non-finite':
          return vscode.l10n.t('{0}, column "{1}": "{2}" is not a finite number.', where, column, str(d.value));
        case 'empty-cell':
          return vscode.l10n.t('{0}, column "{1}" is empty.', where, column);
        case 'unterminated-quote':
          return vscode.l10n.t('Line {0} has a quote (") that is never closed.', line ?? '?');
        case 'bad-formula':
          return vscode.l10n.t(
            'The formula on line {0} cannot be read at position {1}. Write it as y ~ x1 + x2 (add - 1 to leave out the intercept).',
            line ?? '?',
            num(d.column) ?? '?',
          );
        case 'missing-column':
          return vscode.l10n.t(
            'The formula names "{0}", which is not a column. The columns are: {1}.',
            column,
            ((d.available as string[] | undefined) ?? []).join(', '),
          );
        case 'response-as-predictor':
          return vscode.l10n.t('"{0}" is both the response and a predictor.', column);
        case 'no-predictors':
          return vscode.l10n.t('There are no predictor columns: the table needs at least two columns.');
        case 'too-many-cells':
          return vscode.l10n.t(
            'The table has about {0} cells; the limit is {1}.',
            ...[d.cells, d.limit].map((v) => num(v)?.toLocaleString(language) ?? '?'),
          );
        case 'too-few-rows':
          return vscode.l10n.t(
            '{0} data rows are too few for {1} coefficients: at least {2} rows are needed.',
            num(d.rows) ?? '?',
            num(d.parameters) ?? '?',
            (num(d.parameters) ?? 0) + 1,
          );
        case 'constant-column':
          return vscode.l10n.t(
            'Column "{0}" has the same value in every row: beside the intercept it carries no information. Leave it out of the formula.',
            column,
          );
        default:
          return f.message;
      }
    case 'RankDeficientError': {
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
    case 'SnippetParameterError':
      return f.integer
        ? vscode.l10n.t(
            '{0} must be a whole number from {1} to {2} (got {3}).',
            f.parameter ?? '?',
            f.min ?? '?',
            f.max ?? '?',
            f.value ?? '?',
          )
        : vscode.l10n.t(
            '{0} must be a number from {1} to {2} (got {3}).',
            f.parameter ?? '?',
            f.min ?? '?',
            f.max ?? '?',
            f.value ?? '?',
          );
    case 'SnippetConstraintError':
      return f.text ? f.text[language] : f.message;
    case 'UnknownSnippetError':
      return vscode.l10n.t('There is no snippet "{0}".', f.snippetId ?? '?');
    default:
      return f.message;
  }
}

/**
 * Users' data: CSV and markdown tables, `y ~ x1 + x2` formulas, and ```regression blocks.
 * Every problem becomes a DataError that names the line, data row and column (1-based, as the
 * user sees them). Cells stay text until a column is used, so unused text columns do no harm.
 */
import { DataError } from './errors';

/**
 * Refuse tables with more cells than this before reading them. A million cells (100,000 rows of ten
 * columns) fit in well under 100 MB while parsed and fit in about a second; ten million would not.
 */
export const MAX_CELLS = 1_000_000;

/**
 * Lines that may hold data (not empty, not starting a `#` comment) and the first table line's separator
 * count, without splitting the text (cheap on 100 MB). An upper bound, up to whitespace-only lines.
 */
function roughShape(text: string): { lines: number; columns: number } {
  const counts = (c: number) => c === c && c !== 10 && c !== 13 && c !== 35; // NaN at the end; \n \r #
  let lines = counts(text.charCodeAt(0)) ? 1 : 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) if (counts(text.charCodeAt(i + 1))) lines++;
  const first = /^[ \t]*[^\s#/].*$/m.exec(text.slice(0, 64 * 1024))?.[0] ?? '';
  const seps = (re: RegExp) => (first.match(re) ?? []).length;
  const columns = first.trim().startsWith('|')
    ? Math.max(1, seps(/\|/g) - 1)
    : 1 + Math.max(seps(/,/g), seps(/;/g), seps(/\t/g));
  return { lines, columns };
}

export interface ParsedTable {
  columns: string[];
  /** Cell text by data row. */
  cells: string[][];
  /** 1-based line (in the original text, after `lineOffset`) of each data row. */
  lines: number[];
  headerLine: number;
  format: 'csv' | 'markdown';
  /** Comma decimals ("1,5") are accepted when the delimiter is not a comma. */
  decimalComma: boolean;
}

export interface Formula {
  response: string;
  /** Predictor names, or '.' for every column except the response. */
  predictors: string[] | '.';
  intercept: boolean;
  text: string;
}

export interface RegressionBlock {
  formula?: Formula;
  source: { kind: 'inline'; table: ParsedTable } | { kind: 'file'; path: string; line: number };
}

export interface RegressionData {
  response: string;
  predictors: string[];
  intercept: boolean;
  X: number[][];
  y: number[];
  /** 1-based line of each row in the source text. */
  lines: number[];
  formula: string;
}

/** Parses a CSV (comma, semicolon or tab separated, with a header) or a markdown table. */
export function parseTable(text: string, options: { lineOffset?: number; maxCells?: number } = {}): ParsedTable {
  const offset = options.lineOffset ?? 0;
  const maxCells = options.maxCells ?? MAX_CELLS;
  // Far too big is refused before the text is split into lines (which alone could exhaust memory).
  const rough = roughShape(text);
  if ((rough.lines - 1) * rough.columns > 2 * maxCells) {
    const cells = (rough.lines - 1) * rough.columns;
    throw new DataError('too-many-cells', `The table has about ${cells} cells; the limit is ${maxCells}.`, {
      cells,
      limit: maxCells,
    });
  }
  const all = text.split(/\r\n|\n|\r/);
  const entries: { text: string; line: number }[] = [];
  for (let i = 0; i < all.length; i++) {
    const t = all[i].trim();
    if (t === '' || t.startsWith('#') || t.startsWith('//')) continue;
    entries.push({ text: all[i], line: i + 1 + offset });
  }
  if (entries.length === 0) throw new DataError('empty', 'There is no table: add a header line and data rows.');
  const markdown = entries[0].text.trim().startsWith('|');
  const split = markdown ? splitMarkdownRow : csvSplitter(entries[0].text);
  const header = split(entries[0].text, entries[0].line).map((c) => c.trim());
  let body = entries.slice(1);
  if (markdown) {
    if (body.length && /^\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$/.test(body[0].text.trim())) body = body.slice(1);
  }
  const cellsEstimate = body.length * header.length;
  if (cellsEstimate > maxCells) {
    throw new DataError('too-many-cells', `The table has about ${cellsEstimate} cells; the limit is ${maxCells}.`, {
      cells: cellsEstimate,
      limit: maxCells,
    });
  }
  header.forEach((name, j) => {
    if (name === '') {
      throw new DataError('empty-header', `Column ${j + 1} of the header (line ${entries[0].line}) has no name.`, {
        line: entries[0].line,
        column: j + 1,
      });
    }
    const first = header.indexOf(name);
    if (first !== j) {
      throw new DataError(
        'duplicate-column',
        `Column name "${name}" appears twice in the header (columns ${first + 1} and ${j + 1}).`,
        {
          line: entries[0].line,
          column: j + 1,
          columnName: name,
        },
      );
    }
  });
  if (header.every((h) => parseNumberText(h, true) !== undefined)) {
    throw new DataError('no-header', `Line ${entries[0].line} looks like data: the first line must name the columns.`, {
      line: entries[0].line,
    });
  }
  const cells: string[][] = [];
  const lines: number[] = [];
  body.forEach((e, r) => {
    const row = split(e.text, e.line).map((c) => c.trim());
    if (row.length !== header.length) {
      throw new DataError(
        'ragged',
        `Line ${e.line} (data row ${r + 1}) has ${row.length} values but the header has ${header.length} columns.`,
        { line: e.line, row: r + 1, expected: header.length, found: row.length },
      );
    }
    cells.push(row);
    lines.push(e.line);
  });
  const decimalComma = !markdown && split !== splitComma;
  return {
    columns: header,
    cells,
    lines,
    headerLine: entries[0].line,
    format: markdown ? 'markdown' : 'csv',
    decimalComma,
  };
}

type Splitter = (line: string, lineNo: number) => string[];

function splitMarkdownRow(line: string): string[] {
  let t = line.trim();
  if (t.startsWith('|')) t = t.slice(1);
  if (t.endsWith('|') && !t.endsWith('\\|')) t = t.slice(0, -1);
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    if (ch === '\\' && t[i + 1] === '|') {
      cur += '|';
      i++;
    } else if (ch === '|') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((c) => c.trim().replace(/^(\*\*|__|`)(.*)\1$/, '$2'));
}

const splitComma: Splitter = (line, lineNo) => splitDelimited(line, ',', lineNo);
const splitSemicolon: Splitter = (line, lineNo) => splitDelimited(line, ';', lineNo);
const splitTab: Splitter = (line, lineNo) => splitDelimited(line, '\t', lineNo);

/** Picks the delimiter from the header line: tab, then semicolon, then comma. */
function csvSplitter(headerLine: string): Splitter {
  const count = (ch: string) => headerLine.split(ch).length - 1;
  if (count('\t') > 0) return splitTab;
  if (count(';') > count(',')) return splitSemicolon;
  return splitComma;
}

/** Splits one CSV line; quoted fields may hold the delimiter and doubled quotes. */
function splitDelimited(line: string, delim: string, lineNo: number): string[] {
  const out: string[] = [];
  let cur = '';
  let i = 0;
  let quoted = false;
  while (i < line.length) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else cur += ch;
    } else if (ch === '"' && cur.trim() === '') {
      quoted = true;
      cur = '';
    } else if (ch === delim) {
      out.push(cur);
      cur = '';
    } else cur += ch;
    i++;
  }
  if (quoted) {
    throw new DataError('unterminated-quote', `Line ${lineNo} has a quote (") that is never closed.`, { line: lineNo });
  }
  out.push(cur);
  return out;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(nan|inf|infinity)$/i;

/** The number a cell holds, or undefined; `'non-finite'` for NaN/Infinity spelled out. */
function parseNumberText(raw: string, decimalComma: boolean): number | 'non-finite' | undefined {
  const t = raw.trim().replace(/^\u2212/, '-');
  if (NON_FINITE.test(t)) return 'non-finite';
  if (NUMBER.test(t)) return Number(t);
  if (decimalComma && /^[+-]?\d+,\d+([eE][+-]?\d+)?$/.test(t)) return Number(t.replace(',', '.'));
  return undefined;
}

/** Parses a formula line: `y ~ x1 + x2`, `y ~ .`, `y ~ x - 1` / `y ~ 0 + x` (no intercept). */
export function parseFormula(line: string, lineNo = 1): Formula {
  const text = line.trim();
  const tilde = line.indexOf('~');
  const fail = (message: string, column: number): never => {
    throw new DataError('bad-formula', `Line ${lineNo}, position ${column}: ${message}`, { line: lineNo, column });
  };
  if (tilde < 0) fail('a formula needs "~" between the response and the predictors, e.g. y ~ x1 + x2.', 1);
  const lhs = line.slice(0, tilde);
  const lhsTokens = tokenize(lhs, 0, fail);
  if (lhsTokens.length !== 1 || lhsTokens[0].kind !== 'name') {
    fail('put exactly one column name before "~".', lhsTokens[0]?.pos ?? 1);
  }
  const tokens = tokenize(line.slice(tilde + 1), tilde + 1, fail);
  if (tokens.length === 0) fail('name at least one predictor after "~".', tilde + 2);
  let intercept = true;
  const predictors: string[] = [];
  let dot = false;
  let sign = 1;
  let expectTerm = true;
  for (const tok of tokens) {
    if (expectTerm) {
      if (tok.kind === 'op') {
        if (tok.value === '-' && sign === 1) {
          sign = -1;
          continue;
        }
        fail(`unexpected "${tok.value}".`, tok.pos);
      }
      if (tok.kind === 'number') {
        if (tok.value === '0' && sign === 1) intercept = false;
        else if (tok.value === '1' && sign === -1) intercept = false;
        else if (tok.value === '1' && sign === 1) intercept = true;
        else
          fail(
            `"${sign === -1 ? '-' : ''}${tok.value}" is not a term: use "+ 0" or "- 1" to drop the intercept.`,
            tok.pos,
          );
      } else if (tok.kind === 'dot') {
        if (sign === -1) fail('"- ." is not supported.', tok.pos);
        dot = true;
      } else {
        if (sign === -1) fail(`removing a column ("- ${tok.value}") is not supported: leave it out instead.`, tok.pos);
        if (!predictors.includes(tok.value)) predictors.push(tok.value);
      }
      sign = 1;
      expectTerm = false;
    } else {
      if (tok.kind !== 'op') fail(`expected "+" before "${tok.value}".`, tok.pos);
      sign = tok.value === '-' ? -1 : 1;
      expectTerm = true;
    }
  }
  if (expectTerm) fail('the formula ends with an operator.', line.length + 1);
  if (dot && predictors.length) fail('use either "." or named predictors, not both.', tokens[0].pos);
  if (!dot && predictors.length === 0) fail('name at least one predictor after "~".', tilde + 2);
  return { response: lhsTokens[0].value, predictors: dot ? '.' : predictors, intercept, text };
}

interface Token {
  kind: 'name' | 'number' | 'op' | 'dot';
  value: string;
  /** 1-based position in the line. */
  pos: number;
}

function tokenize(s: string, base: number, fail: (m: string, c: number) => never): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '+' || ch === '-') {
      out.push({ kind: 'op', value: ch, pos: base + i + 1 });
      i++;
    } else if (ch === '`') {
      const end = s.indexOf('`', i + 1);
      if (end < 0) fail('a `quoted name` is never closed.', base + i + 1);
      out.push({ kind: 'name', value: s.slice(i + 1, end), pos: base + i + 1 });
      i = end + 1;
    } else if (ch === '.' && !/[\p{L}\p{N}_]/u.test(s[i + 1] ?? '')) {
      out.push({ kind: 'dot', value: '.', pos: base + i + 1 });
      i++;
    } else {
      const m = /^[\p{L}\p{N}_.]+/u.exec(s.slice(i));
      if (!m)
        fail(`unexpected "${ch}" (quote names with spaces or symbols in backticks: \`my column\`).`, base + i + 1);
      const value = m![0];
      out.push({ kind: /^\d+$/.test(value) ? 'number' : 'name', value, pos: base + i + 1 });
      i += value.length;
    }
  }
  return out;
}

/** Where the parts of a regression block are: the formula line, a `file:` reference, the data (0-based). */
function regressionBlockLayout(lines: string[]): {
  formulaLine?: number;
  file?: { path: string; line: number };
  dataStart: number;
} {
  let i = 0;
  while (i < lines.length && lines[i].trim() === '') i++;
  let formulaLine: number | undefined;
  if (i < lines.length && lines[i].includes('~')) {
    formulaLine = i;
    i++;
  }
  let j = i;
  while (j < lines.length && lines[j].trim() === '') j++;
  const m = j < lines.length ? /^\s*file\s*:\s*(.+?)\s*$/i.exec(lines[j]) : null;
  return { formulaLine, file: m ? { path: m[1].replace(/^["'`](.*)["'`]$/, '$1'), line: j } : undefined, dataStart: i };
}

/** The `file:` path a regression block refers to, read from its first lines only. */
export function regressionFileReference(text: string): string | undefined {
  return regressionBlockLayout(text.split(/\r\n|\n|\r/, 50)).file?.path;
}

/**
 * Parses a ```regression block body: a formula line (optional: without one the last column is
 * the response), then either a CSV/markdown table or a line `file: data.csv`.
 */
export function parseRegressionBlock(
  text: string,
  options: { lineOffset?: number; maxCells?: number } = {},
): RegressionBlock {
  const offset = options.lineOffset ?? 0;
  const lines = text.split(/\r\n|\n|\r/);
  const layout = regressionBlockLayout(lines);
  const formula =
    layout.formulaLine === undefined
      ? undefined
      : parseFormula(lines[layout.formulaLine], layout.formulaLine + 1 + offset);
  if (layout.file)
    return { formula, source: { kind: 'file', path: layout.file.path, line: layout.file.line + 1 + offset } };
  const rest = lines.slice(layout.dataStart).join('\n');
  return {
    formula,
    source: {
      kind: 'inline',
      table: parseTable(rest, { lineOffset: layout.dataStart + offset, maxCells: options.maxCells }),
    },
  };
}

/** Column names of a table or regression text, from its header line only (cheap on large text). */
export function tableColumns(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/, 50);
  const { formulaLine } = regressionBlockLayout(lines);
  const start = lines.findIndex((l, i) => i !== formulaLine && l.trim() !== '' && !/^\s*(#|\/\/)/.test(l));
  if (start < 0) return [];
  return parseTable(lines[start]).columns;
}

/** Turns a table and a formula into numbers, checking every used cell; without a formula the last column is y. */
export function buildRegressionData(table: ParsedTable, formula?: Formula): RegressionData {
  const f: Formula = formula ?? {
    response: table.columns[table.columns.length - 1],
    predictors: table.columns.slice(0, -1),
    intercept: true,
    text: `${table.columns[table.columns.length - 1]} ~ ${table.columns.slice(0, -1).join(' + ')}`,
  };
  const index = (name: string) => {
    const j = table.columns.indexOf(name);
    if (j < 0) {
      throw new DataError(
        'missing-column',
        `The formula names "${name}", which is not a column (columns: ${table.columns.join(', ')}).`,
        {
          columnName: name,
          available: table.columns,
          line: table.headerLine,
        },
      );
    }
    return j;
  };
  const yIndex = index(f.response);
  const predictors = f.predictors === '.' ? table.columns.filter((c) => c !== f.response) : f.predictors;
  if (predictors.includes(f.response)) {
    throw new DataError('response-as-predictor', `"${f.response}" is both the response and a predictor.`, {
      columnName: f.response,
    });
  }
  if (predictors.length === 0) throw new DataError('no-predictors', 'There are no predictor columns.');
  const xIndex = predictors.map(index);
  const n = table.cells.length;
  const p = predictors.length + (f.intercept ? 1 : 0);
  if (n <= p) {
    throw new DataError(
      'too-few-rows',
      `${n} data rows are too few for ${p} coefficients: at least ${p + 1} rows are needed.`,
      { rows: n, parameters: p },
    );
  }
  const read = (r: number, j: number): number => {
    const raw = table.cells[r][j];
    const where = { line: table.lines[r], row: r + 1, column: j + 1, columnName: table.columns[j], value: raw };
    if (raw.trim() === '') {
      throw new DataError(
        'empty-cell',
        `Line ${where.line} (data row ${r + 1}), column "${where.columnName}" is empty.`,
        where,
      );
    }
    const v = parseNumberText(raw, table.decimalComma);
    if (v === 'non-finite') {
      throw new DataError(
        'non-finite',
        `Line ${where.line} (data row ${r + 1}), column "${where.columnName}": "${raw}" is not a finite number.`,
        where,
      );
    }
    if (v === undefined) {
      throw new DataError(
        'not-a-number',
        `Line ${where.line} (data row ${r + 1}), column "${where.columnName}": "${raw}" is not a number.`,
        where,
      );
    }
    return v;
  };
  const X: number[][] = new Array(n);
  const y: number[] = new Array(n);
  for (let r = 0; r < n; r++) {
    const row = new Array<number>(xIndex.length);
    for (let q = 0; q < xIndex.length; q++) row[q] = read(r, xIndex[q]);
    X[r] = row;
    y[r] = read(r, yIndex);
  }
  if (f.intercept) {
    xIndex.forEach((j, q) => {
      const first = X[0][q];
      if (X.every((row) => row[q] === first)) {
        throw new DataError(
          'constant-column',
          `Column "${table.columns[j]}" is constant (${first} in every row): beside the intercept it carries no information.`,
          { column: j + 1, columnName: table.columns[j] },
        );
      }
    });
  }
  return {
    response: f.response,
    predictors,
    intercept: f.intercept,
    X,
    y,
    lines: table.lines,
    formula: formatFormula(f.response, predictors, f.intercept),
  };
}

function formatFormula(response: string, predictors: string[], intercept: boolean): string {
  const q = (s: string) => (/^[\p{L}_][\p{L}\p{N}_.]*$/u.test(s) ? s : `\`${s}\``);
  return `${q(response)} ~ ${predictors.map(q).join(' + ')}${intercept ? '' : ' - 1'}`;
}

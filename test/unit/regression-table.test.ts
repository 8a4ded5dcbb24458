import * as assert from 'assert';
import {
  DataError,
  MAX_CELLS,
  buildRegressionData,
  parseFormula,
  parseRegressionBlock,
  parseTable,
} from '../../src/core';

function dataError(fn: () => unknown, code: string): DataError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof DataError, `expected a DataError, got ${e}`);
    assert.strictEqual(e.code, code, e.message);
    return e;
  }
  assert.fail(`expected ${code}`);
}

const build = (text: string) => {
  const block = parseRegressionBlock(text);
  assert.strictEqual(block.source.kind, 'inline');
  return buildRegressionData((block.source as { table: ReturnType<typeof parseTable> }).table, block.formula);
};

describe('parseFormula', () => {
  it('reads response, predictors and the intercept', () => {
    assert.deepStrictEqual(parseFormula('y ~ x1 + x2'), {
      response: 'y',
      predictors: ['x1', 'x2'],
      intercept: true,
      text: 'y ~ x1 + x2',
    });
    for (const f of ['y ~ x - 1', 'y ~ x + 0', 'y ~ 0 + x', 'y ~ -1 + x'])
      assert.strictEqual(parseFormula(f).intercept, false, f);
    assert.strictEqual(parseFormula('y ~ .').predictors, '.');
    assert.deepStrictEqual(parseFormula('điểm ~ `giờ học` + tuổi').predictors, ['giờ học', 'tuổi']);
  });

  it('reports the position of a mistake', () => {
    assert.strictEqual(dataError(() => parseFormula('y ~ x1 x2'), 'bad-formula').details.column, 8);
    assert.strictEqual(dataError(() => parseFormula('y x1 + x2', 4), 'bad-formula').details.line, 4);
    dataError(() => parseFormula('y ~ x +'), 'bad-formula');
    dataError(() => parseFormula('y ~ x - z'), 'bad-formula');
    dataError(() => parseFormula('y ~ x * z'), 'bad-formula');
    dataError(() => parseFormula('y ~ '), 'bad-formula');
  });
});

describe('parseTable and buildRegressionData', () => {
  it('reads a regression block: formula, then CSV with a header', () => {
    const d = build('y ~ x1 + x2\nx1, x2, y\n1, 2, 3.1\n2, 1, 3.9\n3, 5, 8.2\n4, 3, 7.8\n');
    assert.deepStrictEqual(d.predictors, ['x1', 'x2']);
    assert.deepStrictEqual(d.X[2], [3, 5]);
    assert.deepStrictEqual(d.y, [3.1, 3.9, 8.2, 7.8]);
    assert.deepStrictEqual(d.lines, [3, 4, 5, 6]);
  });

  it('reads markdown tables, semicolons with decimal commas, tabs, quotes and an unused text column', () => {
    const md = parseTable('| hours | score |\n|---:|:---|\n| 1 | 50 |\n| 2 | 55.5 |\n| 3 | **61** |');
    assert.deepStrictEqual(md.columns, ['hours', 'score']);
    assert.deepStrictEqual(buildRegressionData(md).y, [50, 55.5, 61]);
    const semi = buildRegressionData(parseTable('x;y\n1,5;2\n2,5;3\n3,5;5'));
    assert.deepStrictEqual(semi.X, [[1.5], [2.5], [3.5]]);
    const tab = buildRegressionData(parseTable('x\ty\n1\t2\n2\t4\n3\t7'));
    assert.deepStrictEqual(tab.y, [2, 4, 7]);
    const quoted = buildRegressionData(
      parseTable('name,x,y\n"Smith, J",1,2\n"O""Neil",2,3\nLe,3,5'),
      parseFormula('y ~ x'),
    );
    assert.deepStrictEqual(quoted.y, [2, 3, 5]);
  });

  it('a "file:" line refers to a workspace CSV', () => {
    const b = parseRegressionBlock('score ~ hours\nfile: data/class.csv\n', { lineOffset: 10 });
    assert.deepStrictEqual(b.source, { kind: 'file', path: 'data/class.csv', line: 12 });
  });

  it('without a formula the last column is the response', () => {
    const d = buildRegressionData(parseTable('a,b,c\n1,0,1\n0,1,2\n1,1,2\n2,1,3'));
    assert.strictEqual(d.formula, 'c ~ a + b');
  });

  it('a ragged row names its line and row', () => {
    const e = dataError(() => build('y ~ x\nx, y\n1, 2\n2\n3, 4'), 'ragged');
    assert.deepStrictEqual([e.details.line, e.details.row, e.details.expected, e.details.found], [4, 2, 2, 1]);
  });

  it('a non-number names line, row, column and the text', () => {
    const e = dataError(() => build('y ~ x1 + x2\nx1, x2, y\n1, 2, 3\n2, abc, 4\n3, 1, 5\n4, 2, 6'), 'not-a-number');
    assert.deepStrictEqual(
      [e.details.line, e.details.row, e.details.column, e.details.columnName, e.details.value],
      [4, 2, 2, 'x2', 'abc'],
    );
    assert.match(e.message, /Line 4 \(data row 2\), column "x2": "abc" is not a number/);
  });

  it('NaN, Infinity and empty cells are refused where they are', () => {
    for (const bad of ['NaN', 'Infinity', '-inf']) {
      const e = dataError(() => build(`y ~ x\nx, y\n1, 2\n2, ${bad}\n3, 4\n4, 5`), 'non-finite');
      assert.deepStrictEqual([e.details.row, e.details.column], [2, 2]);
    }
    const e = dataError(() => build('y ~ x\nx, y\n1, 2\n, 3\n3, 4\n4, 5'), 'empty-cell');
    assert.deepStrictEqual([e.details.row, e.details.column, e.details.columnName], [2, 1, 'x']);
  });

  it('too few rows, constant columns, missing and duplicate columns, a header that is data', () => {
    const few = dataError(() => build('y ~ x1 + x2\nx1, x2, y\n1, 2, 3\n2, 1, 4\n3, 3, 5'), 'too-few-rows');
    assert.deepStrictEqual([few.details.rows, few.details.parameters], [3, 3]);
    const constant = dataError(
      () => build('y ~ x1 + x2\nx1, x2, y\n1, 7, 3\n2, 7, 4\n3, 7, 5\n4, 7, 6'),
      'constant-column',
    );
    assert.deepStrictEqual([constant.details.columnName, constant.details.column], ['x2', 2]);
    const missing = dataError(
      () => build('y ~ x1 + x3\nx1, x2, y\n1, 2, 3\n2, 1, 4\n3, 3, 5\n4, 2, 7'),
      'missing-column',
    );
    assert.strictEqual(missing.details.columnName, 'x3');
    assert.deepStrictEqual(missing.details.available, ['x1', 'x2', 'y']);
    dataError(() => parseTable('x, x, y\n1, 2, 3'), 'duplicate-column');
    dataError(() => parseTable('1, 2, 3\n4, 5, 6'), 'no-header');
    dataError(() => parseTable(''), 'empty');
    dataError(() => build('y ~ y + x\nx, y\n1, 2\n2, 3\n3, 5'), 'response-as-predictor');
    dataError(() => parseTable('x, y\n"1, 2'), 'unterminated-quote');
  });

  it('refuses a table over the cell cap before reading it', () => {
    const e = dataError(() => parseTable('a,b\n' + '1,2\n'.repeat(60), { maxCells: 100 }), 'too-many-cells');
    assert.deepStrictEqual([e.details.cells, e.details.limit], [120, 100]);
  });

  it('refuses ten million cells (CSV and markdown) with a message, before splitting the text', () => {
    const csv = 'a,b,c,d,e,f,g,h,i,j\n' + '1,2,3,4,5,6,7,8,9,0\n'.repeat(1_000_000);
    const e = dataError(() => parseTable(csv), 'too-many-cells');
    assert.strictEqual(e.details.limit, MAX_CELLS);
    assert.ok(Number(e.details.cells) >= 10_000_000, String(e.details.cells));
    assert.match(e.message, /about 100000\d\d cells; the limit is 1000000/);
    const md = '| a | b | c | d | e |\n|---|---|---|---|---|\n' + '| 1 | 2 | 3 | 4 | 5 |\n'.repeat(2_000_000);
    assert.ok(Number(dataError(() => parseTable(md), 'too-many-cells').details.cells) >= 10_000_000);
  });

  it('still reads a table just under the cap, with comment and blank lines not counted as rows', () => {
    const t = parseTable('# data\n\nx,y\n' + '1,2\n\n# note\n\r\n'.repeat(400), { maxCells: 800 });
    assert.strictEqual(t.cells.length, 400);
  });
});

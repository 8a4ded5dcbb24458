import * as assert from 'assert';
import {
  findRegressionBlocks,
  parseResultsMessage,
  regressionFileReference,
  runJob,
  tableColumns,
} from '../../src/core';

describe('findRegressionBlocks', () => {
  it('finds ```regression and ~~~regression blocks (also in block quotes), not other fences', () => {
    const text = [
      '# Notes', // 0
      '```regression', // 1
      'y ~ x', // 2
      'x, y', // 3
      '1, 2', // 4
      '```', // 5
      '```python', // 6
      'print(1)', // 7
      '```', // 8
      '> ~~~~ regression', // 9
      '> file: data.csv', // 10
      '> ~~~~', // 11
      '```regression', // 12 (unclosed: runs to the end)
      'a,b', // 13
    ].join('\n');
    const blocks = findRegressionBlocks(text);
    assert.deepStrictEqual(
      blocks.map((b) => [b.fenceLine, b.bodyStart, b.bodyEnd]),
      [
        [1, 2, 5],
        [9, 10, 11],
        [12, 13, 14],
      ],
    );
    assert.strictEqual(blocks[0].body, 'y ~ x\nx, y\n1, 2');
    assert.strictEqual(blocks[1].body, 'file: data.csv');
  });
});

describe('runJob', () => {
  it('runs a regression block and returns the rows for the Python export', () => {
    const out = runJob({ kind: 'regression', text: 'y ~ x\nx, y\n1, 2.1\n2, 3.9\n3, 6.2\n4, 7.8', lineOffset: 10 });
    assert.ok(out.ok);
    assert.strictEqual(out.result.snippetId, 'regression');
    assert.strictEqual(out.result.plots.length, 2);
    assert.deepStrictEqual(out.regression?.y, [2.1, 3.9, 6.2, 7.8]);
  });

  it('reports bad data as a failure with document lines (line offset applied), never throwing', () => {
    const out = runJob({ kind: 'regression', text: 'y ~ x\nx, y\n1, 2\n2, oops\n3, 4\n4, 5', lineOffset: 10 });
    assert.ok(!out.ok);
    assert.strictEqual(out.failure.name, 'DataError');
    assert.strictEqual(out.failure.code, 'not-a-number');
    assert.deepStrictEqual(
      [out.failure.details?.line, out.failure.details?.row, out.failure.details?.columnName],
      [14, 2, 'y'],
    );
  });

  it('collinear predictors come back as RankDeficientError with the columns', () => {
    const out = runJob({
      kind: 'regression',
      text: 'y ~ a + b\na, b, y\n1, 2, 1\n2, 4, 3\n3, 6, 2\n4, 8, 5',
      lineOffset: 0,
    });
    assert.ok(!out.ok);
    assert.strictEqual(out.failure.name, 'RankDeficientError');
    assert.deepStrictEqual(out.failure.involved, ['a', 'b']);
  });

  it('reads the data of a file: line from fileText, and marks errors as being in the file', () => {
    const ok = runJob({
      kind: 'regression',
      text: 'score ~ hours\nfile: class.csv',
      lineOffset: 0,
      fileText: 'hours,score\n1,50\n2,56\n3,59\n4,66',
    });
    assert.ok(ok.ok);
    const bad = runJob({
      kind: 'regression',
      text: 'score ~ hours\nfile: class.csv',
      lineOffset: 0,
      fileText: 'hours,score\n1,50\n2\n3,59',
    });
    assert.ok(!bad.ok && bad.failure.inFile && bad.failure.details?.line === 3);
  });

  it('a selected table without formula uses the chosen response', () => {
    const out = runJob({
      kind: 'regression',
      text: '| a | y | b |\n|---|---|---|\n| 1 | 3 | 0 |\n| 2 | 5 | 1 |\n| 3 | 6 | 0 |\n| 4 | 9 | 1 |\n| 5 | 10 | 1 |',
      lineOffset: 0,
      response: 'y',
    });
    assert.ok(out.ok);
    assert.strictEqual(out.regression?.formula, 'y ~ a + b');
  });

  it('snippet parameter problems come back as data', () => {
    const out = runJob({ kind: 'snippet', id: 'study-hours', params: { n: 1 } });
    assert.ok(!out.ok && out.failure.name === 'SnippetParameterError' && out.failure.parameter === 'n');
  });
});

describe('regressionFileReference, tableColumns, parseResultsMessage', () => {
  it('reads the file reference and the header without parsing the data', () => {
    assert.strictEqual(regressionFileReference('y ~ x\n\nfile: "data/my file.csv"\n'), 'data/my file.csv');
    assert.strictEqual(regressionFileReference('y ~ x\nx,y\n1,2'), undefined);
    assert.deepStrictEqual(tableColumns('y ~ x\n\nx;y\n1;2'), ['x', 'y']);
    assert.deepStrictEqual(tableColumns('| h | s |\n|--|--|\n| 1 | 2 |'), ['h', 's']);
  });

  it('accepts only well-formed page messages', () => {
    assert.deepStrictEqual(
      parseResultsMessage({ type: 'rendered', runId: 3, status: 'done', svgCount: 2, tableCount: 1, revealed: true }),
      { type: 'rendered', runId: 3, status: 'done', svgCount: 2, tableCount: 1, revealed: true },
    );
    assert.strictEqual(parseResultsMessage({ type: 'rendered', runId: 3, status: 'weird', svgCount: 2 }), undefined);
    assert.deepStrictEqual(parseResultsMessage({ type: 'openPython', runId: 1 }), { type: 'openPython', runId: 1 });
    assert.strictEqual(parseResultsMessage({ type: 'openPython', runId: '1' }), undefined);
    assert.strictEqual(parseResultsMessage({ type: 'command', command: 'workbench.action.quit' }), undefined);
    assert.strictEqual(parseResultsMessage('ready'), undefined);
    assert.strictEqual(
      parseResultsMessage({ type: 'rendered', runId: 1, status: 'done', svgCount: -5 })?.type,
      'rendered',
    );
  });
});

// Issue #15, defect 13: regression results were rounded to 4 significant digits everywhere, so a near-perfect
// fit read R² = 1 and the estimates could not be copied. Display: estimates and standard errors with at least
// 6 significant digits, and a value that is not an integer never shows as one ("0", "1"). Copy as Markdown:
// the shortest decimal that reads back as the same double. Always "." as the decimal separator.
import * as assert from 'assert';
import {
  buildRegressionData,
  formatCell,
  formatNumber,
  formatP,
  parseRegressionBlock,
  plotToSvg,
  resultToText,
  runRegressionOnData,
  toMarkdownNote,
  type SnippetResult,
} from '../../src/core';

/** A ```regression block with inline data, parsed and checked, as a note's CodeLens runs it. */
function regressionOn(text: string): SnippetResult {
  const block = parseRegressionBlock(text);
  if (block.source.kind !== 'inline') throw new Error('expected inline data');
  return runRegressionOnData(buildRegressionData(block.source.table, block.formula));
}

/** y = 1.5 + 2.25 x plus a wobble of a few parts in 10⁵: R² within 1e-7 of 1, estimates with long expansions. */
const NEAR_PERFECT = [
  'y ~ x',
  'x, y',
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((x) => `${x}, ${1.5 + 2.25 * x + [3, -1, 4, -1, -5, 9, -2, -6][x - 1] * 1e-5}`),
].join('\n');

/** Significant digits of a displayed number: "0.00123" has 3, "1.23457e-7" has 6, "120" has 3. */
function significantDigits(s: string): number {
  const mantissa = s.replace(/^[-−]/, '').replace(/e.*$/, '').replace('.', '');
  return mantissa.replace(/^0+/, '').length;
}

/** `shown` is `x` rounded to 6 or more significant digits (trailing zeros may be left out). */
function atLeast6Digits(x: number, shown: string): boolean {
  for (let k = 6; k <= 17; k++) if (Number(shown) === Number(x.toPrecision(k))) return true;
  return false;
}

/** Cells of the markdown table under the heading `#### <title>`: header first. */
function markdownTable(note: string, title: string): string[][] {
  const lines = note.split('\n');
  const start = lines.indexOf(`#### ${title}`);
  assert.ok(start >= 0, `table "${title}" in the note`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    if (/^\|(---\|)+$/.test(line)) continue;
    rows.push(
      line
        .slice(2, -2)
        .split(' | ')
        .map((c) => c.trim()),
    );
  }
  return rows;
}

const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/;

describe('regression digits (issue #15, defect 13)', () => {
  it('R² = 0.99999997 is not shown as "1"', () => {
    assert.notStrictEqual(formatNumber(0.99999997), '1');
    assert.strictEqual(formatNumber(0.99999997), '0.99999997');
    assert.strictEqual(formatCell(0.99999997, 'en'), '0.99999997');
    // The same through a fit: the summary line of the panel and the output channel.
    const r = regressionOn(NEAR_PERFECT);
    const r2 = r.summary.find((s) => s.label.en === 'R²')!.value as number;
    assert.ok(r2 < 1 && r2 > 1 - 1e-7, String(r2));
    const shown = formatCell(r2, 'en');
    assert.notStrictEqual(Number(shown), 1, shown);
    assert.match(resultToText(r, 'en'), new RegExp(`\\nR²: ${shown.replace('.', '\\.')}\\n`));
    assert.doesNotMatch(resultToText(r, 'en'), /\nR²: 1\n/);
  });

  it('1 - 1e-12 is not "1", 1e-12 is not "0", and no other integer appears for a non-integer', () => {
    for (const [x, not] of [
      [1 - 1e-12, '1'],
      [1e-12, '0'],
      [-1e-12, '0'],
      [1 + 1e-12, '1'],
      [-(1 - 1e-12), '-1'],
      [2.0000001, '2'],
      [12345.6, '12350'],
      [1 + Number.EPSILON, '1'],
    ] as const) {
      for (const digits of [3, 4, 6]) {
        const s = formatNumber(x, digits);
        assert.notStrictEqual(s, not, `${x} with ${digits} digits`);
        assert.ok(!Number.isInteger(Number(s)) || /e/.test(s), `${x} with ${digits} digits shows ${s}`);
      }
      assert.notStrictEqual(formatCell(x, 'vi'), not);
    }
    assert.strictEqual(formatNumber(1 - 1e-12), '0.999999999999');
    assert.strictEqual(formatNumber(1 + Number.EPSILON), '1.0000000000000002');
    // p-values too (3 significant digits otherwise).
    assert.notStrictEqual(formatP(1 - 1e-9), '1');
    assert.strictEqual(formatP(0.5), '0.5');
    // Exact values stay as they are.
    assert.strictEqual(formatNumber(1), '1');
    assert.strictEqual(formatNumber(0), '0');
    assert.strictEqual(formatNumber(30), '30');
  });

  it('a heatmap cell (2 decimals) never reads 0.00 or 1.00 for a value that is not exactly 0 or 1', () => {
    const values = [0.999, 0.001, -0.004, 1, 0, 0.5];
    const svg = plotToSvg(
      {
        kind: 'heatmap',
        id: 'h',
        title: { en: 'h', vi: 'h' },
        xLabel: { en: 'x', vi: 'x' },
        yLabel: { en: 'y', vi: 'y' },
        rowLabels: ['a'],
        columnLabels: values.map(String),
        values: [values],
        min: 0,
        max: 1,
      },
      'vi',
    );
    const labels = [...svg.matchAll(/class="il-cell-text"[^>]*>([^<]*)</g)].map((m) => m[1]);
    assert.deepStrictEqual(labels, ['0.999', '0.001', '-0.004', '1.00', '0.00', '0.50']);
  });

  it('estimates and standard errors show at least 6 significant digits (panel table and output channel)', () => {
    const r = regressionOn(NEAR_PERFECT);
    const table = r.tables[0];
    const text = resultToText(r, 'en');
    for (const row of table.rows) {
      for (const j of [1, 2]) {
        const x = row[j] as number;
        assert.strictEqual(typeof x, 'number', 'the result keeps numbers until display');
        const shown = formatCell(x, 'en', table.digits);
        assert.ok(atLeast6Digits(x, shown), `${x} shows as ${shown}`);
        assert.ok(significantDigits(shown) >= 6, `${x} shows as ${shown}`);
        assert.ok(text.includes(` ${shown} `) || text.includes(` ${shown}\n`), `${shown} in the output:\n${text}`);
      }
    }
    // Other numbers keep 4 digits in summaries (tick labels, other snippets).
    assert.strictEqual(formatNumber(Math.PI), '3.142');
  });

  it('Copy as Markdown gives full precision: each number parses back to the exact double', () => {
    const r = regressionOn(NEAR_PERFECT);
    for (const language of ['en', 'vi'] as const) {
      const note = toMarkdownNote(r, language);
      const rows = markdownTable(note, language === 'en' ? 'Coefficients' : 'Hệ số').slice(1);
      assert.strictEqual(rows.length, 2);
      rows.forEach((cells, i) => {
        for (const j of [1, 2, 3]) {
          const x = r.tables[0].rows[i][j] as number;
          assert.match(cells[j], NUMBER);
          assert.strictEqual(Number(cells[j]), x, `${cells[j]} is ${x}`);
        }
      });
      for (const line of r.summary) {
        if (typeof line.value !== 'number') continue;
        const m = new RegExp(
          `^- \\*\\*${line.label[language].replace(/[()^$.*+?[\]\\|]/g, '\\$&')}\\*\\*: (.*)$`,
          'm',
        ).exec(note);
        assert.ok(m, `${line.label.en} in the note`);
        assert.strictEqual(Number(m[1]), line.value, `${line.label.en}: ${m[1]}`);
      }
    }
  });

  it('numbers use "." under a Vietnamese display language, in the panel text, the output channel and the copy', () => {
    // A Vietnamese locale writes 0,5 and 1.234,5: formatting must not depend on it.
    const toLocaleString = Number.prototype.toLocaleString;
    Number.prototype.toLocaleString = function (this: number) {
      return toLocaleString.call(this, 'vi-VN');
    };
    try {
      assert.strictEqual((0.5).toLocaleString(), '0,5');
      const r = regressionOn(NEAR_PERFECT);
      const table = r.tables[0];
      const coefficient = table.rows[1][1] as number;
      const shown = formatCell(coefficient, 'vi', table.digits);
      assert.match(shown, NUMBER);
      assert.ok(atLeast6Digits(coefficient, shown), shown);
      assert.ok(resultToText(r, 'vi').includes(shown));
      const note = toMarkdownNote(r, 'vi');
      const cells = markdownTable(note, 'Hệ số')[2];
      assert.strictEqual(cells[1], String(coefficient));
      assert.strictEqual(Number(cells[1]), coefficient);
      for (const x of [0.99999997, 1234.56789, 1e-12, -0.000123456])
        assert.match(formatCell(x, 'vi'), /^[-]?[\d.]+(e-?\d+)?$/, String(x));
    } finally {
      Number.prototype.toLocaleString = toLocaleString;
    }
  });
});

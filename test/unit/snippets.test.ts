import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  RUNNABLE_SNIPPETS,
  SNIPPETS,
  SnippetConstraintError,
  SnippetParameterError,
  SnippetResult,
  buildRegressionData,
  formatCell,
  parseRegressionBlock,
  plotToSvg,
  resolveParams,
  resultToText,
  runRegressionOnData,
  runSnippet,
  toMarkdownNote,
  toPythonScript,
  validateCatalogue,
} from '../../src/core';
import catalogue from '../../lessons/snippets.json';

/** A regression block with inline data, parsed and checked. */
function inlineData(text: string) {
  const block = parseRegressionBlock(text);
  if (block.source.kind !== 'inline') throw new Error('expected inline data');
  return buildRegressionData(block.source.table, block.formula);
}

const LESSON_IDS = [
  'study-hours',
  'study-hours-confounder',
  'linear-probe',
  'superposition-readout',
  'pca-vs-ground-truth',
  'emergence-mirage',
];
const cache = new Map<string, SnippetResult>();
const run = (id: string) => {
  if (!cache.has(id)) cache.set(id, runSnippet(id));
  return cache.get(id)!;
};

describe('snippet catalogue (lessons/snippets.json)', () => {
  it('is valid and holds the six snippets the lessons use, each with a runner', () => {
    assert.deepStrictEqual(validateCatalogue(catalogue), []);
    for (const id of LESSON_IDS)
      assert.ok(
        SNIPPETS.some((s) => s.id === id),
        id,
      );
    assert.deepStrictEqual([...SNIPPETS.map((s) => s.id)].sort(), [...RUNNABLE_SNIPPETS].sort());
  });

  it('every ```snippet block in the lessons names a catalogue snippet', () => {
    const dir = path.join(__dirname, '..', '..', 'lessons');
    const used = new Set<string>();
    for (const lang of ['en', 'vi']) {
      const folder = path.join(dir, lang);
      if (!fs.existsSync(folder)) continue;
      for (const f of fs.readdirSync(folder)) {
        const text = fs.readFileSync(path.join(folder, f), 'utf8');
        for (const m of text.matchAll(/```snippet\s*\n\s*([^\s`]+)\s*\n```/g)) used.add(m[1]);
      }
    }
    for (const id of used)
      assert.ok(
        SNIPPETS.some((s) => s.id === id),
        `lesson uses unknown snippet ${id}`,
      );
  });

  it('fills defaults and refuses values out of range or not whole', () => {
    const entry = SNIPPETS.find((s) => s.id === 'study-hours')!;
    assert.deepStrictEqual(resolveParams(entry, { n: 12 }), { n: 12, slope: 5, intercept: 40, noise: 8, seed: 1 });
    assert.throws(
      () => runSnippet('study-hours', { n: 3 }),
      (e: unknown) => e instanceof SnippetParameterError && e.parameter === 'n' && e.min === 5,
    );
    assert.throws(() => runSnippet('study-hours', { n: 10.5 }), SnippetParameterError);
    assert.throws(() => runSnippet('study-hours', { noise: NaN }), SnippetParameterError);
    assert.throws(() => runSnippet('no-such-snippet'), /no snippet/);
  });

  it('parameters that do not fit together give a bilingual message', () => {
    assert.throws(
      () => runSnippet('superposition-readout', { features: 8, dims: 8 }),
      (e: unknown) => e instanceof SnippetConstraintError && /m = 8/.test(e.text.vi),
    );
    assert.throws(() => runSnippet('emergence-mirage', { pMin: 0.9, pMax: 0.8 }), SnippetConstraintError);
    assert.throws(() => runSnippet('pca-vs-ground-truth', { dim: 5, features: 5 }), SnippetConstraintError);
  });
});

describe('runSnippet', () => {
  for (const id of LESSON_IDS) {
    it(`${id}: deterministic, complete, and never shows NaN`, () => {
      const a = run(id);
      const b = runSnippet(id);
      assert.deepStrictEqual(a, b);
      assert.ok(a.summary.length > 0 && a.tables.length > 0 && a.plots.length > 0);
      for (const lang of ['en', 'vi'] as const) {
        const cells = [...a.summary.map((s) => s.value), ...a.tables.flatMap((t) => t.rows.flat())].map((c) =>
          formatCell(c, lang),
        );
        assert.ok(
          cells.every((c) => !/NaN|undefined|\[object/.test(c)),
          cells.join(' | '),
        );
        const text = resultToText(a, lang);
        assert.ok(!/NaN|undefined/.test(text));
      }
      const seed = SNIPPETS.find((s) => s.id === id)!.parameters.some((p) => p.name === 'seed');
      if (seed) assert.notDeepStrictEqual(runSnippet(id, { seed: 2 }).tables, a.tables);
    });
  }

  it('study-hours recovers the planted line when there is no noise', () => {
    const r = runSnippet('study-hours', { noise: 0, slope: 3, intercept: 20 });
    const coef = r.tables[0].rows.map((row) => row[1] as number);
    assert.ok(Math.abs(coef[0] - 20) < 0.1 && Math.abs(coef[1] - 3) < 0.02, String(coef));
    assert.ok((r.summary.find((s) => s.label.en === 'R²')!.value as number) > 0.999);
  });

  it('study-hours-confounder: the slope on hours alone is biased by γ·Cov(x, z)/Var(x); adding z removes it', () => {
    const r = run('study-hours-confounder');
    const rows = r.tables[0].rows;
    const naive = rows[1][1] as number;
    const full = rows[2][1] as number;
    const formula = rows[3][1] as number;
    assert.ok(naive > 3.5, `naive ${naive}`);
    assert.ok(Math.abs(full - 2) < 0.5, `full ${full}`);
    assert.ok(Math.abs(naive - formula) < 0.3);
    assert.strictEqual(rows[4][1], 4); // 2 + 6 · 1.5 / (1.5² + 1.5²)
  });

  it('linear-probe: the task is decodable, the control task is at chance, selectivity is their difference', () => {
    const r = run('linear-probe');
    const v = (en: string) => r.summary.find((s) => s.label.en.startsWith(en))!.value as number;
    assert.ok(v('Held-out accuracy, true labels') > 0.75);
    assert.ok(Math.abs(v('Held-out accuracy, shuffled') - 0.5) < 0.12);
    assert.ok(
      Math.abs(v('Selectivity') - (v('Held-out accuracy, true labels') - v('Held-out accuracy, shuffled'))) < 1e-12,
    );
    assert.ok(v('cos(probe') > 0.8);
    const table = r.tables[0].rows.map((row) => row[2] as number);
    assert.ok(table[0] > table[table.length - 1], 'accuracy falls as noise grows');
  });

  it('superposition-readout: the ReLU read-out improves with sparsity while the linear one does not', () => {
    const rows = run('superposition-readout').tables[0].rows;
    const linear = rows.map((r) => r[2] as number);
    const relu = rows.map((r) => r[3] as number);
    assert.ok(relu[relu.length - 1] < relu[0] / 1.5);
    assert.ok(linear[linear.length - 1] > linear[0]);
    assert.ok(relu[relu.length - 1] < linear[linear.length - 1]);
    assert.ok(
      rows.every((r) => (r[2] as number) > 0.1),
      'the linear read-out never gets near zero error',
    );
  });

  it('superposition-readout: errors carry the importance weights I_i = r^i of the toy-model loss', () => {
    const at = (importance: number) => runSnippet('superposition-readout', { importance }).tables[0].rows;
    const equal = at(1);
    const steep = at(0.5);
    // Same data (same seed): only the weighting of the error changes.
    assert.deepStrictEqual(
      steep.map((r) => r[1]),
      equal.map((r) => r[1]),
    );
    assert.ok(steep.some((r, i) => Math.abs((r[2] as number) - (equal[i][2] as number)) > 1e-3));
    // The sparsity story holds for every weighting.
    for (const rows of [equal, steep]) {
      assert.ok((rows[rows.length - 1][3] as number) < (rows[0][3] as number) / 1.5);
      assert.ok((rows[rows.length - 1][2] as number) > (rows[0][2] as number));
    }
    assert.throws(() => runSnippet('superposition-readout', { importance: 0 }), SnippetParameterError);
  });

  it('pca-vs-ground-truth: distinct variances and orthogonal directions are recovered; equal variances are not', () => {
    const best = (ratio: number) =>
      runSnippet('pca-vs-ground-truth', { varianceRatio: ratio, overlap: 0, noise: 0.05 }).summary[1].value as number;
    assert.ok(best(4) > 0.99, String(best(4)));
    assert.ok(best(1) < 0.9, String(best(1)));
    assert.strictEqual(run('pca-vs-ground-truth').plots[0].kind, 'heatmap');
  });

  it('emergence-mirage: exact match is p^k and passes 0.5 at p = 0.5^(1/k)', () => {
    const r = run('emergence-mirage');
    for (const row of r.tables[0].rows) assert.ok(Math.abs((row[2] as number) - (row[1] as number) ** 10) < 1e-15);
    assert.ok(Math.abs((r.summary[0].value as number) - Math.pow(0.5, 0.1)) < 1e-15);
  });
});

describe('plotToSvg', () => {
  it('draws every plot of every snippet as one <svg> with theme colours', () => {
    for (const id of LESSON_IDS) {
      for (const plot of run(id).plots) {
        const svg = plotToSvg(plot, 'vi');
        assert.strictEqual((svg.match(/<svg /g) ?? []).length, 1);
        assert.match(svg, /var\(--vscode-editor-foreground/);
        assert.ok(!/NaN|undefined|style=/.test(svg), `${id}/${plot.id}`);
      }
    }
  });

  it('escapes every piece of text', () => {
    const evil = { en: '<script>alert("x")</script> & \'q\'', vi: '<img src=x onerror=alert(1)>' };
    const svg = plotToSvg(
      {
        kind: 'xy',
        id: 'a"b',
        title: evil,
        xLabel: evil,
        yLabel: evil,
        series: [
          {
            name: evil,
            type: 'line',
            points: [
              [0, 0],
              [1, 1],
            ],
          },
        ],
      },
      'en',
    );
    assert.ok(!svg.includes('<script>') && !svg.includes('"x"') && svg.includes('&lt;script&gt;'));
    assert.ok(
      !plotToSvg(
        {
          kind: 'heatmap',
          id: 'h',
          title: evil,
          xLabel: evil,
          yLabel: evil,
          rowLabels: ['<b>'],
          columnLabels: ['"'],
          values: [[0.5]],
          min: 0,
          max: 1,
        },
        'vi',
      ).includes('<img'),
    );
  });
});

describe('toMarkdownNote and toPythonScript', () => {
  it('a study-hours note carries parameters, results and a runnable ```regression block that refits to the same numbers', () => {
    const r = run('study-hours');
    const note = toMarkdownNote(r, 'en');
    assert.match(note, /\| Number of students \(n\) \| 30 \|/);
    assert.match(note, /### Results/);
    const block = /```regression\n([\s\S]*?)```/.exec(note)![1];
    const again = runRegressionOnData(inlineData(block));
    assert.deepStrictEqual(
      again.tables[0].rows.map((row) => row.slice(0, 5)),
      r.tables[0].rows.map((row) => row.slice(0, 5)),
    );
    assert.match(toMarkdownNote(r, 'vi'), /### Kết quả/);
  });

  it('a Python script sets every parameter', () => {
    const script = toPythonScript('study-hours-confounder', { n: 99 });
    for (const line of ['n = 99', 'effect = 2', 'confounder_effect = 6', 'confounding = 1.5', 'noise = 5', 'seed = 1'])
      assert.ok(script.includes(`\n${line}\n`), line);
  });

  const python = (() => {
    try {
      execFileSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  const runPython = (script: string) => {
    const file = path.join(os.tmpdir(), `il-snippet-${process.pid}-${Math.random().toString(36).slice(2)}.py`);
    fs.writeFileSync(file, script);
    try {
      return execFileSync('python3', [file], {
        encoding: 'utf8',
        env: { ...process.env, MPLBACKEND: 'Agg' },
        timeout: 60000,
      });
    } finally {
      fs.rmSync(file, { force: true });
    }
  };

  (python ? it : it.skip)('the Python scripts print the same numbers as the extension (python3 + numpy)', function () {
    this.timeout(120000);
    const hours = runPython(toPythonScript('study-hours'));
    const r = run('study-hours');
    const coef = r.tables[0].rows.map((row) => formatCell(row[1], 'en'));
    assert.match(hours, new RegExp(`hours\\s+${coef[1].replace('.', '\\.')}\\s`));
    const probe = runPython(toPythonScript('linear-probe'));
    const probeRows = run('linear-probe').tables[0].rows;
    const firstTaskTest = formatCell(probeRows[2][2], 'en');
    assert.ok(probe.split('\n')[3].includes(` ${firstTaskTest}`), probe);
    const sup = runPython(toPythonScript('superposition-readout', { samples: 400 }));
    const supRows = runSnippet('superposition-readout', { samples: 400 }).tables[0].rows;
    const supLines = sup.split('\n').filter((l) => /^\s+0(\.\d+)?\s/.test(l));
    assert.strictEqual(supLines.length, supRows.length, sup);
    supLines.forEach((l, i) => {
      const [, , lin, relu] = l.trim().split(/\s+/).map(Number);
      assert.ok(Math.abs(lin - (supRows[i][2] as number)) < 1e-3, `linear ${l}`);
      assert.ok(Math.abs(relu - (supRows[i][3] as number)) < 1e-3, `relu ${l}`);
    });
    const mirage = runPython(toPythonScript('emergence-mirage'));
    assert.ok(mirage.includes('0.933'));
    const data = inlineData('y ~ a + b\na,b,y\n1,2,3.1\n2,1,5.2\n3,5,4.3\n4,3,9.4\n5,5,8.7');
    const user = runPython(toPythonScript('regression', {}, { data }));
    // Compare numerically: Python rounds ties to even when printing, JavaScript away from zero.
    const est = runRegressionOnData(data).tables[0].rows.map((row) => row[1] as number);
    const printed = user
      .split('\n')
      .filter((l) => /^(\(Intercept\)|a|b)\s/.test(l))
      .map((l) => Number(l.trim().split(/\s+/)[1]));
    assert.strictEqual(printed.length, 3, user);
    printed.forEach((v, j) => assert.ok(Math.abs(v - est[j]) <= 1e-3 * Math.abs(est[j]), `${v} vs ${est[j]}`));
  });
});

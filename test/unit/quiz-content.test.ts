// The checked questions of the shipped lessons (issue 19): every lesson has at least four, the same in both
// languages, at least one numeric, each numeric answer recomputed here from the formula or snippet it comes from,
// and every hint's section link leads to a heading of the lesson. Quiz blocks are fenced code, so the word counts
// of content.test.ts do not count them: the limits there are for the lesson's prose.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import {
  isQuizError,
  parseQuizBlock,
  renderLesson,
  runSnippet,
  withinTolerance,
  type NumberQuiz,
  type Quiz,
  type SnippetResult,
} from '../../src/core';

const LESSONS = process.env.IL_LESSONS_DIR ?? path.join(__dirname, '..', '..', 'lessons');
const LANGS = ['vi', 'en'] as const;
const files = fs
  .readdirSync(path.join(LESSONS, 'en'))
  .filter((f) => f.endsWith('.md'))
  .sort();
const read = (lang: string, file: string) => fs.readFileSync(path.join(LESSONS, lang, file), 'utf8');

/** The quiz blocks of a lesson as written (```quiz … ``` at the start of a line), parsed with their fence line. */
function quizzesOf(text: string): Quiz[] {
  const out: Quiz[] = [];
  for (const m of text.matchAll(/^```quiz\n([\s\S]*?)^```$/gm)) {
    const line = text.slice(0, m.index).split('\n').length;
    const q = parseQuizBlock(m[1], line);
    if (isQuizError(q)) assert.fail(`line ${q.line}: ${q.reason}`);
    out.push(q);
  }
  return out;
}

/** A number from a snippet's summary, by its English label. */
function summaryValue(result: SnippetResult, label: RegExp): number {
  const line = result.summary.find((s) => label.test(typeof s.label === 'string' ? s.label : s.label.en));
  assert.ok(line && typeof line.value === 'number', `summary line ${label} in ${result.snippetId}`);
  return line.value as number;
}

/** Each numeric answer, computed again from where it comes from: the lesson's formula or snippet. */
const RECOMPUTE: Record<string, () => number> = {
  // Lesson 1: R² = 1 − Σe²/Σ(y − ȳ)² from the study-hours snippet at its defaults; the residuals carry 1 − R².
  'study-hours-r2': () => {
    const r2 = summaryValue(runSnippet('study-hours'), /^R²$/);
    assert.strictEqual(r2.toFixed(3), '0.728', 'the question quotes R² ≈ 0.728');
    return (1 - r2) * 100;
  },
  // Lesson 1: omitted-variable bias, β1 + γ·Cov(x, z)/Var(x).
  'confounder-slope': () => 2 + 6 * 0.3,
  // Lesson 2: e^{−pN} = 1/2 → N = ln 2 / p (the exact 1 − (1 − p)^N is checked to agree below).
  'tests-for-even-odds': () => Math.log(2) / 1e-6,
  // Lesson 2: h' = h − v̂ v̂ᵀ h, first coordinate.
  'erase-direction': () => {
    const h = [3, 4];
    const v = [1, 1];
    const norm = Math.hypot(v[0], v[1]);
    const vh = (v[0] * h[0] + v[1] * h[1]) / norm;
    return h[0] - (v[0] / norm) * vh;
  },
  // Lesson 3: ρ = (M(s̃ | patch) − M(s̃)) / (M(s) − M(s̃)).
  'patching-fraction-restored': () => (2.0 - -1.0) / (3.0 - -1.0),
  // Lesson 3: five unit directions 72° apart (the superposition figure); w₃ᵀ w₁ with h = w₁.
  'superposition-leak': () => {
    const w = (j: number) => [Math.cos((2 * Math.PI * (j - 1)) / 5), Math.sin((2 * Math.PI * (j - 1)) / 5)];
    return w(3)[0] * w(1)[0] + w(3)[1] * w(1)[1];
  },
  // Lesson 3: W_Q W_Kᵀ goes through a d_head-wide product, so rank ≤ min(d, d_head).
  'qk-circuit-rank': () => Math.min(768, 64),
  // Lesson 4: selectivity = Acc_task − Acc_control.
  'probe-selectivity': () => 97 - 92,
  // Lesson 4: the answer c maximising Σ_k cos(ω_k(a + b − c)), ω_k = 2πk/p, for a set of key frequencies.
  'fourier-answer': () => {
    const p = 113;
    const keys = [14, 35, 41, 42, 52];
    const logit = (c: number) => keys.reduce((s, k) => s + Math.cos(((2 * Math.PI * k) / p) * (50 + 70 - c)), 0);
    let best = 0;
    for (let c = 1; c < p; c++) if (logit(c) > logit(best)) best = c;
    return best;
  },
  // Lesson 5: E[FP] = mα.
  'multiple-comparisons': () => 2000 * 0.01,
  // Lesson 5: the emergence-mirage snippet at its defaults: exact match p^k passes 0.5 at p = 0.5^(1/k).
  'mirage-threshold': () => {
    const result = runSnippet('emergence-mirage');
    assert.strictEqual(result.params.k, 10, 'the question quotes k = 10');
    const threshold = summaryValue(result, /^Exact match passes 0\.5/);
    assert.ok(Math.abs(threshold - 0.5 ** (1 / 10)) < 1e-12);
    return threshold;
  },
  // Lesson 5: EM = p^k, so the factor is (0.95/0.90)^20.
  'exact-match-growth': () => 0.95 ** 20 / 0.9 ** 20,
  // Lesson 5: loss recovered = (L0 − L_SAE) / (L0 − L).
  'loss-recovered': () => (5.0 - 2.3) / (5.0 - 2.0),
};

/** What the Vietnamese style sheet says about numbers and citations, for quiz text (content.test.ts skips code). */
function viQuizStyleProblems(q: Quiz): string[] {
  const fields = [q.question, q.explanation ?? '', q.type === 'open' ? q.answer : ''];
  if (q.type === 'single' || q.type === 'multiple') for (const c of q.choices) fields.push(c.text, c.hint ?? '');
  const prose = fields
    .join('\n')
    .replace(/\$[^$]*\$/g, ' ')
    .replace(/`[^`]*`/g, ' ');
  const problems: string[] = [];
  if (/(?<![\w.:/-])\d+\.\d/.test(prose)) problems.push('decimal comma: 0,5');
  if (/\bet al\./.test(prose)) problems.push('“và cộng sự”, not “et al.”');
  for (const math of fields.join('\n').match(/\$[^$]*\$/g) ?? [])
    if (/\d\.\d/.test(math)) problems.push(`decimal comma in math: ${math}`);
  return problems;
}

describe('checked questions in the shipped lessons', () => {
  const all = new Map<string, NumberQuiz>();
  for (const file of files) {
    describe(file, () => {
      const byLang = Object.fromEntries(LANGS.map((lang) => [lang, quizzesOf(read(lang, file))])) as Record<
        (typeof LANGS)[number],
        Quiz[]
      >;

      for (const lang of LANGS) {
        it(`${lang}: at least four questions, one numeric at least, all rendered as questions`, () => {
          const quizzes = byLang[lang];
          assert.ok(quizzes.length >= 4, `${quizzes.length} questions`);
          assert.ok(
            quizzes.some((q) => q.type === 'number'),
            'a numeric question',
          );
          const rendered = renderLesson(read(lang, file));
          assert.deepStrictEqual(rendered.quizErrors, []);
          assert.deepStrictEqual(
            rendered.quizzes.map((q) => q.id),
            quizzes.map((q) => q.id),
          );
        });

        it(`${lang}: every hint's section is a heading of the lesson`, () => {
          const ids = new Set(renderLesson(read(lang, file)).headings.map((h) => h.id));
          for (const q of byLang[lang])
            if (q.type === 'single' || q.type === 'multiple')
              for (const c of q.choices) if (c.section) assert.ok(ids.has(c.section), `${q.id}: #${c.section}`);
        });
      }

      it('has the same questions in Vietnamese and English: ids, types, correct choices, sections, answers', () => {
        const shape = (q: Quiz) => ({
          id: q.id,
          type: q.type,
          explained: q.explanation !== undefined,
          ...(q.type === 'number' ? { answer: q.answer, tolerance: q.tolerance } : {}),
          ...(q.type === 'single' || q.type === 'multiple'
            ? { choices: q.choices.map((c) => ({ correct: c.correct, section: c.section, hint: !!c.hint })) }
            : {}),
        });
        assert.deepStrictEqual(byLang.vi.map(shape), byLang.en.map(shape));
      });

      it('writes numbers in Vietnamese questions the Vietnamese way', () => {
        for (const q of byLang.vi) assert.deepStrictEqual(viQuizStyleProblems(q), [], q.id);
      });

      for (const q of byLang.en) if (q.type === 'number') all.set(q.id, q);
    });
  }

  it('recomputes every numeric answer from its formula or snippet', () => {
    assert.deepStrictEqual([...all.keys()].sort(), Object.keys(RECOMPUTE).sort(), 'one recomputation per question');
    for (const [id, q] of all) {
      const value = RECOMPUTE[id]();
      assert.ok(withinTolerance(q.answer, q.tolerance, value), `${id}: answer ${q.answer}, recomputed ${value}`);
    }
    // The exact form of lesson 2's test count agrees with the approximation within the tolerance.
    const q = all.get('tests-for-even-odds')!;
    assert.ok(withinTolerance(q.answer, q.tolerance, Math.log(0.5) / Math.log(1 - 1e-6)));
  });

  it('has question ids unique across the course', () => {
    const ids = files.flatMap((f) => quizzesOf(read('en', f)).map((q) => q.id));
    assert.strictEqual(new Set(ids).size, ids.length);
  });
});

// Every hostile lesson (test/fixtures/hostile: committed files + generated big cases) goes through
// what the extension host does with a lesson file: the encoding check of a course folder, the course
// scan (front matter, Aero blocks, headings), the search index, renderLesson and the reader's article. Each step must finish well
// inside a generous bound (a hang or a quadratic blow-up fails; the measured distribution is in
// bench/hostile.bench.ts) and the HTML must be inert.
import * as assert from 'assert';
import {
  buildLessonArticle,
  indexLessonText,
  parseCourseFolder,
  parseFrontMatter,
  renderLesson,
  repairMojibake,
  resolveLessonLink,
  type RenderedLesson,
} from '../../src/core';
import { hostileCorpus, hostileGlossary, type HostileCase } from '../fixtures/hostile/corpus';
import { assertInert } from './helpers/inert';

/**
 * Per step, in CPU time of this process (these machines are shared: wall time triples under load, CPU time
 * does not): 3 s plus 5 ms per KB of input. Linear work stays far below it; a hang or a super-linear blow-up
 * (the old heading regexes took 50 s on a 100 KB file) does not.
 */
const boundMs = (c: HostileCase) => 3000 + 5 * (c.markdown.length / 1024);

const corpus = hostileCorpus();
// Term marking on, as in the reader, with a glossary whose terms and definitions are hostile too.
const glossary = hostileGlossary();
const lessons = corpus.map((c) => ({ id: c.name, path: `${c.name}.md` }));
const LABELS = {
  contents: 'Contents',
  previous: 'Previous',
  next: 'Next',
  endOfCourse: 'End',
  minutes: '{0} min',
  mathErrors: '{0} math errors',
};

type Step = 'encoding check' | 'course scan' | 'search index' | 'renderLesson' | 'buildLessonArticle';
interface Timing {
  name: string;
  wall: Record<Step, number>;
  cpu: Record<Step, number>;
}
const timings: Timing[] = [];

function timed<T>(step: Step, t: Timing, f: () => T): T {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const r = f();
  t.wall[step] = performance.now() - wall;
  const used = process.cpuUsage(cpu);
  t.cpu[step] = (used.user + used.system) / 1000;
  return r;
}

function check(c: HostileCase): void {
  const path = `${c.name}.md`;
  const t: Timing = { name: c.name, wall: {} as Timing['wall'], cpu: {} as Timing['cpu'] };
  timings.push(t);
  // A course folder's files go through the encoding repair first (courseService; here on every case, not only suspect ones).
  const repair = timed('encoding check', t, () => repairMojibake(c.markdown));
  const text = repair.repaired ? repair.text : c.markdown;
  const folder = timed('course scan', t, () => parseCourseFolder([{ path, text }]));
  timed('search index', t, () => indexLessonText(c.name, c.name, text));
  const rendered = timed('renderLesson', t, (): RenderedLesson =>
    renderLesson(text, {
      runnableSnippets: new Set(['study-hours', 'x']),
      classifyLink: (href) => (resolveLessonLink(path, href, lessons) ? 'lesson' : 'broken'),
      glossary,
      glossaryMarking: { language: 'en', firstOnly: 'all' },
      figures: (src) => (Object.hasOwn(c.figures, src) ? c.figures[src] : undefined),
    }),
  );
  const article = timed('buildLessonArticle', t, () =>
    buildLessonArticle({
      lessonId: c.name,
      rendered,
      labels: LABELS,
      previous: { id: 'prev', title: rendered.title },
      next: { id: 'next', title: folder.lessons[0]?.title ?? '' },
    }),
  );

  const bound = boundMs(c);
  for (const step of Object.keys(t.cpu) as Step[]) {
    assert.ok(
      t.cpu[step] < bound,
      `${step} took ${t.cpu[step].toFixed(0)} ms CPU (${t.wall[step].toFixed(0)} ms wall; bound ${bound.toFixed(0)} ms): a hang or a super-linear case`,
    );
  }
  assertInert(rendered.html);
  assertInert(article, { noStyleAttributes: true, article: true });
  assert.strictEqual(typeof rendered.title, 'string');
  for (const e of rendered.mathErrors) assert.ok(Number.isInteger(e.line) && e.line >= 1, `math error line ${e.line}`);
}

describe('Hostile corpus', function () {
  this.timeout(60_000);

  it(`has at least 150 committed cases and every category the issue lists`, () => {
    const files = corpus.filter((c) => c.source === 'file');
    assert.ok(files.length >= 150, `only ${files.length} committed cases`);
    const categories = new Set(corpus.map((c) => c.category));
    for (const cat of [
      'text',
      'html',
      'link',
      'image',
      'autolink',
      'linkify',
      'table',
      'heading',
      'callout',
      'frontmatter',
      'snippet',
      'katex',
      'backtrack',
    ]) {
      assert.ok(categories.has(cat), `no ${cat}-* case`);
    }
  });

  const byCategory = new Map<string, HostileCase[]>();
  for (const c of corpus) byCategory.set(c.category, [...(byCategory.get(c.category) ?? []), c]);
  for (const [category, cases] of byCategory) {
    describe(category, () => {
      for (const c of cases)
        it(`${c.name}${c.source === 'generated' ? ` (generated, ${(c.markdown.length / 1024).toFixed(0)} KB)` : ''}`, () =>
          check(c));
    });
  }

  it('reports front matter problems instead of throwing', () => {
    for (const c of corpus.filter((x) => x.category === 'frontmatter')) {
      const fm = parseFrontMatter(c.markdown);
      assert.ok(Array.isArray(fm.problems));
    }
    assert.deepStrictEqual(parseFrontMatter('---\ntitle: [unclosed\n---\nBody').problems.length, 1);
    assert.strictEqual(
      ({} as Record<string, unknown>).polluted,
      undefined,
      'front matter __proto__ keys must not pollute Object.prototype',
    );
  });

  after(() => {
    if (!timings.length) return;
    const total = (r: Record<Step, number>) => Object.values(r).reduce((a, b) => a + b, 0);
    const slow = [...timings].sort((a, b) => total(b.cpu) - total(a.cpu)).slice(0, 10);
    console.log(
      `\n    slowest hostile cases of ${timings.length}, CPU ms (wall ms): encoding / course scan / search index / renderLesson / article`,
    );
    for (const t of slow) {
      const cell = (s: Step) => `${t.cpu[s].toFixed(0)} (${t.wall[s].toFixed(0)})`.padStart(12);
      console.log(
        `      ${t.name.padEnd(38)} ${cell('encoding check')} ${cell('course scan')} ${cell('search index')} ${cell('renderLesson')} ${cell('buildLessonArticle')}`,
      );
    }
  });
});

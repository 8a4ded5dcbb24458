// Checks over the shipped content (issue 3): the lessons a learner reads and the glossary hovers use.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseCourse, parseFrontMatter, renderLesson, resolveLessonLink, type CourseLesson } from '../../src/core';

// IL_LESSONS_DIR points the checks at another copy of lessons/ (e.g. an older commit, to see a check fail).
const LESSONS = process.env.IL_LESSONS_DIR ?? path.join(__dirname, '..', '..', 'lessons');
const LANGS = ['vi', 'en'] as const;
const read = (lang: string, file: string) => fs.readFileSync(path.join(LESSONS, lang, file), 'utf8');
const files = (lang: string) =>
  fs
    .readdirSync(path.join(LESSONS, lang))
    .filter((f) => f.endsWith('.md'))
    .sort();
const courses = Object.fromEntries(
  LANGS.map((lang) => [lang, parseCourse(files(lang).map((f) => ({ path: f, text: read(lang, f) })))]),
);
const glossary = JSON.parse(fs.readFileSync(path.join(LESSONS, 'glossary.json'), 'utf8')) as {
  entries: {
    id: string;
    terms: Record<string, string[]>;
    introducedIn: { lesson: string; section: string };
    related: string[];
    notInLessons?: string;
  }[];
};
const snippets = JSON.parse(fs.readFileSync(path.join(LESSONS, 'snippets.json'), 'utf8')) as {
  snippets: { id: string; lesson: string }[];
};

/**
 * Words of prose in the body: the reference list, tables (such as the notation table), code blocks and display
 * math are not counted. Nor are ```quiz blocks, which are code blocks: the limits are for the lesson's prose, and
 * the questions are checked by quiz-content.test.ts.
 */
function bodyWords(text: string): number {
  const body = parseFrontMatter(text).body;
  const refs = body.search(/^## .*\{#references\}/m);
  return (refs < 0 ? body : body.slice(0, refs))
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/\$\$[\s\S]*?\$\$/g, ' ')
    .split('\n')
    .filter((l) => !/^\s*(>\s*)?\|/.test(l))
    .join('\n')
    .split(/\s+/)
    .filter(Boolean).length;
}

/** Vietnamese prose of a lesson: front matter and body up to the references, without math, code and link targets. */
function viProse(text: string): { prose: string; math: string[] } {
  const body = text.slice(0, text.indexOf('{#references}'));
  const math: string[] = [];
  const prose = body
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/\$\$[\s\S]+?\$\$|\$[^$\n]+?\$/g, (m) => {
      math.push(m);
      return ' ';
    })
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/https?:\/\/\S+/g, ' ');
  return { prose, math };
}

/** The Vietnamese style sheet of lessons/README.md: words that have one spelling in Vietnamese prose. */
const VI_STYLE: [RegExp, string][] = [
  [/\bet al\./, 'write “và cộng sự”, not “et al.”'],
  // A model's version is its name, not a decimal ("Claude 3.5 Haiku").
  [/(?<![\w.:/-])(?<!Claude )\d+\.\d/, 'decimal comma: 0,5 (and no dot as a thousands separator)'],
  [/câu lệnh/i, 'a prompt is “prompt”, not “câu lệnh”'],
  [/\bcosine\b/i, 'write “cosin”'],
  [/(?<![\p{L}])tầng(?![\p{L}])/iu, 'a layer is “lớp”, not “tầng”'],
  [/hàm mất mát/i, 'a loss is “loss” (restricted loss = “loss hạn chế”)'],
];
const viStyleProblems = (prose: string) => VI_STYLE.filter(([re]) => re.test(prose)).map(([, why]) => why);

describe('shipped lessons', () => {
  it('are the same five lessons, in the same order, in Vietnamese and English', () => {
    for (const lang of LANGS) assert.strictEqual(courses[lang].lessons.length, 5, lang);
    assert.deepStrictEqual(
      courses.vi.lessons.map((l) => [l.id, l.path, l.order]),
      courses.en.lessons.map((l) => [l.id, l.path, l.order]),
    );
    assert.deepStrictEqual(
      courses.vi.lessons.map((l) => l.order),
      [1, 2, 3, 4, 5],
    );
  });

  for (const lang of LANGS) {
    for (const file of files(lang)) {
      describe(`${lang}/${file}`, () => {
        const text = read(lang, file);
        const lesson = courses[lang].lessons.find((l) => l.path === file) as CourseLesson;

        it('has complete front matter', () => {
          const { meta, problems } = parseFrontMatter(text);
          assert.deepStrictEqual(problems, []);
          for (const k of [
            'id',
            'order',
            'title',
            'summary',
            'objectives',
            'minutes',
            'difficulty',
            'prerequisites',
          ] as const)
            assert.ok(meta[k] !== undefined, `missing ${k}`);
          assert.ok((meta.objectives ?? []).length >= 2, 'learning objectives');
          for (const p of meta.prerequisites ?? [])
            assert.ok(
              courses[lang].lessons.some((l) => l.id === p),
              `prerequisite ${p} exists`,
            );
        });

        it('is NFC-normalised UTF-8 without raw HTML', () => {
          assert.strictEqual(text, text.normalize('NFC'));
          const outsideCode = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
          assert.ok(!/<\/?[a-zA-Z][^>]*>/.test(outsideCode), 'no raw HTML tags');
        });

        // Vietnamese writes every syllable as a word: the same content counts 1.2–1.4 times the English words.
        const [minWords, maxWords] = lang === 'vi' ? [1400, 3000] : [1200, 2500];
        it(`has ${minWords}–${maxWords} words of body`, () => {
          const n = bodyWords(text);
          assert.ok(n >= minWords && n <= maxWords, `${n} words`);
        });

        it('renders every formula with KaTeX', () => {
          const r = renderLesson(text);
          assert.deepStrictEqual(r.mathErrors, []);
          assert.ok((r.html.match(/class="katex"/g) ?? []).length >= 3, 'uses math');
        });

        it('gives every H2/H3 an explicit id', () => {
          const headings = text.split('\n').filter((l) => /^#{2,3} /.test(l));
          for (const h of headings) assert.match(h, /\{#[a-z0-9-]+\}\s*$/, h);
        });

        it('has a correction callout, a summary and references', () => {
          assert.match(text, /^> \[!CORRECTION\]/m);
          assert.ok(lesson.sections.some((s) => s.id === 'summary'));
          assert.ok(lesson.sections.some((s) => s.id === 'references'));
          const refs = text.slice(text.indexOf('{#references}'));
          assert.ok(
            (refs.match(/^\s*[-*\d.]+\s.*\b(19|20)\d\d\b/gm) ?? []).length >= 3,
            'at least three dated references',
          );
          assert.ok((refs.match(/https:\/\//g) ?? []).length >= 3, 'references link to sources');
        });

        it('links only to lessons and sections that exist', () => {
          // Figures (`![alt](../figures/x.svg)`) are images, checked by figures-content.test.ts.
          const links = [...text.matchAll(/(?<!!\[[^\]\n]*)\]\(([^)\s]+)\)/g)]
            .map((m) => m[1])
            .filter((h) => !/^https:/.test(h));
          assert.ok(links.length >= 2, 'links to other lessons or sections');
          for (const href of links) {
            assert.ok(!/^[a-z]+:/i.test(href), `only https or relative links: ${href}`);
            const target = resolveLessonLink(file, href, courses[lang].lessons);
            assert.ok(target, `link ${href} resolves`);
            if (target.section)
              assert.ok(
                target.lesson.sections.some((s) => s.id === target.section),
                `anchor ${href} exists`,
              );
          }
        });

        it('references snippets that exist in the catalogue', () => {
          const ids = [...text.matchAll(/```snippet\n([^\n]+)\n```/g)].map((m) => m[1].trim());
          for (const id of ids)
            assert.ok(
              snippets.snippets.some((s) => s.id === id),
              `snippet ${id}`,
            );
        });
      });
    }
  }

  it('have the same sections (ids, levels, order) in both languages', () => {
    for (const l of courses.vi.lessons) {
      const en = courses.en.lessons.find((e) => e.id === l.id)!;
      assert.deepStrictEqual(
        l.sections.map((s) => [s.level, s.id]),
        en.sections.map((s) => [s.level, s.id]),
        l.id,
      );
    }
  });

  it('together run every snippet of the catalogue that belongs to a lesson', () => {
    const used = new Set(
      LANGS.flatMap((lang) =>
        files(lang).flatMap((f) => [...read(lang, f).matchAll(/```snippet\n([^\n]+)\n```/g)].map((m) => m[1].trim())),
      ),
    );
    for (const s of snippets.snippets) assert.ok(used.has(s.id), `${s.id} is used by a lesson`);
  });
});

describe('shipped glossary', () => {
  const all = LANGS.map((lang) =>
    files(lang)
      .map((f) => read(lang, f))
      .join('\n'),
  )
    .join('\n')
    .normalize('NFC');
  const appears = (term: string) =>
    new RegExp(
      `(?<![\\p{L}\\p{N}])${term
        .normalize('NFC')
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/[- ]/g, '[- ]')}(?![\\p{L}\\p{N}])`,
      'iu',
    ).test(all);

  it('has at least 60 entries with unique ids and existing related entries', () => {
    assert.ok(glossary.entries.length >= 60);
    const ids = new Set(glossary.entries.map((e) => e.id));
    assert.strictEqual(ids.size, glossary.entries.length);
    for (const e of glossary.entries) for (const r of e.related) assert.ok(ids.has(r), `${e.id} → ${r}`);
  });

  it('points every entry at a lesson section that exists in both languages', () => {
    for (const e of glossary.entries) {
      for (const lang of LANGS) {
        const lesson = courses[lang].lessons.find((l) => l.id === e.introducedIn.lesson);
        assert.ok(lesson, `${e.id}: lesson ${e.introducedIn.lesson}`);
        assert.ok(
          lesson.sections.some((s) => s.id === e.introducedIn.section),
          `${e.id}: ${lang} section ${e.introducedIn.section}`,
        );
      }
    }
  });

  it('uses every term in some lesson, or says why not', () => {
    const missing = glossary.entries
      .filter((e) => !e.notInLessons && ![...e.terms.en, ...e.terms.vi].some(appears))
      .map((e) => e.id);
    assert.deepStrictEqual(missing, []);
  });
});

describe('one notation and the Vietnamese style sheet (issue 17)', () => {
  // The symbols every lesson relies on; lesson 1 carries the one table of notation in both languages.
  const SYMBOLS = ['$x$', '$N$', '$r_l$', '$h$', '$w$', '$f$', '$d_{\\text{head}}$', '$W_U$', '$\\Pr(\\cdot)$', '$p$'];
  for (const lang of LANGS) {
    it(`${lang}: lesson 1 has a notation table that defines the shared symbols`, () => {
      const lesson = courses[lang].lessons.find((l) => l.id === 'what-is-mech-interp')!;
      assert.ok(
        lesson.sections.some((s) => s.id === 'notation'),
        'section {#notation}',
      );
      const text = read(lang, lesson.path);
      const section = text.slice(text.indexOf('{#notation}'), text.indexOf('\n## ', text.indexOf('{#notation}')));
      const rows = section.split('\n').filter((l) => /^\|/.test(l));
      assert.ok(rows.length >= 12, `${rows.length} table rows`);
      for (const sym of SYMBOLS)
        assert.ok(
          rows.some((r) => r.split('|')[1].includes(sym)),
          `notation table defines ${sym}`,
        );
    });
  }

  it('no lesson uses the retired symbols d_k, d_h or a row-vector read-out', () => {
    for (const lang of LANGS)
      for (const f of files(lang)) {
        const text = read(lang, f);
        assert.ok(!/d_k\b|d_h\b/.test(text), `${lang}/${f}: head width is d_{\\text{head}}`);
        assert.ok(!/\)\\?,?\s*W_U\b/.test(text), `${lang}/${f}: logits are W_U^T LN_f(r), vectors are columns`);
      }
  });

  for (const f of files('vi')) {
    it(`vi/${f}: follows the Vietnamese style sheet (và cộng sự, decimal comma, prompt, cosin, lớp, loss)`, () => {
      const { prose, math } = viProse(read('vi', f));
      assert.deepStrictEqual(viStyleProblems(prose), []);
      const dotted = math.filter((m) => /(?<![\w.])\d+\.\d/.test(m));
      assert.deepStrictEqual(dotted, [], 'decimals in formulas are written 0{,}5');
    });
  }

  it('the Vietnamese glossary and snippet texts follow the same style sheet', () => {
    const texts: string[] = [];
    const collect = (o: unknown, key = ''): void => {
      if (typeof o === 'string') {
        if (key === 'vi') texts.push(o);
      } else if (Array.isArray(o)) o.forEach((v) => collect(v, key));
      else if (o && typeof o === 'object')
        for (const [k, v] of Object.entries(o as Record<string, unknown>))
          if (k !== 'terms') collect(v, k === 'vi' ? 'vi' : key === 'vi' ? 'vi' : k);
    };
    collect(glossary);
    collect(snippets);
    const problems = texts.flatMap((t) =>
      viStyleProblems(t.replace(/\$[^$]+\$/g, ' ')).map((why) => `${why}: ${t.slice(0, 80)}`),
    );
    assert.deepStrictEqual(problems, []);
  });
});

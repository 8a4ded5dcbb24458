import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import {
  parseGlossary,
  parseCourse,
  buildTermIndex,
  builtinGlossary,
  termAt,
  GLOSSARY_LANGUAGES,
} from '../../src/core';

const root = path.join(__dirname, '..', '..', 'lessons');
const text = fs.readFileSync(path.join(root, 'glossary.json'), 'utf8');

/** Checks of the shipped data that the hover, the view and the reader rely on. */
describe('shipped glossary (lessons/glossary.json)', () => {
  const { glossary, problems } = parseGlossary(text, 'lessons/glossary.json');

  it('parses without problems', () => {
    assert.deepStrictEqual(
      problems.map((p) => `${p.line}:${p.column} ${p.message}`),
      [],
    );
    assert.ok(glossary.entries.length >= 20);
  });

  it('builtinGlossary() is the same glossary, bundled', () => {
    assert.deepStrictEqual(
      builtinGlossary().entries.map((e) => e.id),
      glossary.entries.map((e) => e.id),
    );
    assert.strictEqual(builtinGlossary(), builtinGlossary());
  });

  it('every entry has terms, a definition and an explanation in both languages', () => {
    const missing: string[] = [];
    for (const e of glossary.entries) {
      for (const lang of GLOSSARY_LANGUAGES) {
        if (!e.terms[lang]?.length) missing.push(`${e.id}: terms.${lang}`);
        if (!e.definition[lang]) missing.push(`${e.id}: definition.${lang}`);
        if (!e.explanation[lang]) missing.push(`${e.id}: explanation.${lang}`);
      }
      if (!e.introducedIn && !e.notInLessons) missing.push(`${e.id}: introducedIn or notInLessons`);
    }
    assert.deepStrictEqual(missing, []);
  });

  it('introducedIn points at a lesson and section that exist in both languages', () => {
    const bad: string[] = [];
    for (const lang of ['vi', 'en']) {
      const dir = path.join(root, lang);
      const course = parseCourse(
        fs
          .readdirSync(dir)
          .filter((f) => f.endsWith('.md'))
          .map((f) => ({ path: f, text: fs.readFileSync(path.join(dir, f), 'utf8') })),
      );
      for (const e of glossary.entries) {
        if (!e.introducedIn) continue;
        const lesson = course.lessons.find((l) => l.id === e.introducedIn!.lesson);
        if (!lesson) bad.push(`${e.id}: no ${lang} lesson "${e.introducedIn.lesson}"`);
        else if (!lesson.sections.some((s) => s.id === e.introducedIn!.section))
          bad.push(`${e.id}: no section "${e.introducedIn.section}" in ${lang}/${lesson.path}`);
      }
    }
    assert.deepStrictEqual(bad, []);
  });

  it('no term form is claimed by two entries, and every canonical term hovers to its own entry', () => {
    assert.deepStrictEqual(buildTermIndex(glossary).conflicts, []);
    const wrong: string[] = [];
    for (const e of glossary.entries) {
      for (const lang of GLOSSARY_LANGUAGES) {
        const term = e.terms[lang]![0];
        const line = `x ${term} y`;
        const got = termAt(glossary, line, 2);
        if (got?.id !== e.id || got.text !== term)
          wrong.push(`${e.id} (${lang} "${term}") → ${got?.id} "${got?.text}"`);
      }
    }
    assert.deepStrictEqual(wrong, []);
  });

  it('every formula renders with MathJax (the build pre-renders them for hovers)', function () {
    this.timeout(60_000);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { renderGlossaryFormulas } = require('../../scripts/glossary-formulas.js') as {
      renderGlossaryFormulas(t: string, warn: (m: string) => void): Record<string, string>;
    };
    const warnings: string[] = [];
    const svgs = renderGlossaryFormulas(text, (m) => warnings.push(m));
    assert.deepStrictEqual(warnings, []);
    assert.strictEqual(
      Object.keys(svgs).length,
      new Set(glossary.entries.flatMap((e) => (e.formula ? [e.formula] : []))).size,
    );
  });
});

// The shipped lessons' figures (issue 18): every lesson has at least one, in both languages; every reference
// resolves inside lessons/, exists, passes the SVG allowlist and has alt text; the files are what
// scripts/figures.ts makes (so they can be regenerated) and carry no colour of their own (the theme colours them
// through media/reader.css). The three themes are checked in Chromium: test/browser/figures-themes.test.ts.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { renderLesson } from '../../src/core';
import { sanitizeSvg } from '../../src/core/markdown/svgAllowlist';
import { buildFigures, FIGURES_DIR } from '../../scripts/figures';
import { figuresOf, LESSONS_DIR, shippedLessons } from './helpers/shippedFigures';

const lessons = shippedLessons();
/** `![alt](src)` with its alt text, as written. */
const images = (markdown: string) =>
  [...markdown.matchAll(/!\[([^\]\n]*)\]\(([^)\s]+\.svg)\)/g)].map((m) => ({ alt: m[1], src: m[2] }));

describe('Shipped figures', () => {
  it('are what scripts/figures.ts makes (regenerate: node -r esbuild-register scripts/figures.ts)', () => {
    const built = buildFigures();
    const committed = fs.readdirSync(FIGURES_DIR).filter((f) => f.endsWith('.svg'));
    assert.deepStrictEqual(committed.sort(), [...built.keys()].sort());
    for (const [name, svg] of built)
      assert.strictEqual(fs.readFileSync(path.join(FIGURES_DIR, name), 'utf8'), svg, `${name} is out of date`);
  });

  for (const lesson of lessons) {
    it(`${lesson.language}/${lesson.file}: has figures, each found, allowed and described`, () => {
      const refs = images(lesson.markdown);
      assert.ok(refs.length >= 1, 'no figure');
      for (const { alt, src } of refs) {
        const file = lesson.figures[src];
        assert.ok(file && 'svg' in file, `${src}: ${file && 'problem' in file ? file.problem : 'not read'}`);
        assert.ok(lesson.paths[src].startsWith('figures/'), `${src} resolves to ${lesson.paths[src]}`);
        assert.ok(
          lesson.paths[src].endsWith(`.${lesson.language}.svg`),
          `${src}: a ${lesson.language} lesson shows its language's figure`,
        );
        assert.doesNotThrow(() => sanitizeSvg(file.svg), `${src} fails the allowlist`);
        assert.ok(alt.trim().length >= 80, `${src}: alt text of ${alt.trim().length} characters says too little`);
      }
      const rendered = renderLesson(lesson.markdown, { figures: figuresOf(lesson) });
      assert.strictEqual((rendered.html.match(/class="il-figure-svg/g) ?? []).length, refs.length);
      assert.ok(!rendered.html.includes('il-figure-error'));
      assert.deepStrictEqual(rendered.mathErrors, []);
      for (const m of rendered.html.matchAll(/<svg [^>]*aria-label="([^"]*)"/g))
        assert.ok(m[1].length >= 80, 'the inlined figure is labelled with its alt text');
    });
  }

  it('appear in both languages: the same figures at the same places', () => {
    const names = (language: string) =>
      lessons
        .filter((l) => l.language === language)
        .map((l) => `${l.file}: ${images(l.markdown).map((i) => i.src.replace(/\.(en|vi)\.svg$/, ''))}`);
    assert.deepStrictEqual(names('vi'), names('en'));
  });

  it('are all used, and the ones the issue names are there', () => {
    const used = new Set(lessons.flatMap((l) => Object.values(l.paths)));
    for (const f of fs.readdirSync(FIGURES_DIR))
      assert.ok(used.has(`figures/${f}`), `lessons/figures/${f} is not used by any lesson`);
    for (const name of ['residual-stream', 'superposition', 'ioi-circuit', 'grokking', 'mirage'])
      for (const lang of ['en', 'vi']) assert.ok(used.has(`figures/${name}.${lang}.svg`), `${name}.${lang}.svg`);
  });

  it('carry no colour of their own: classes and the theme variables only', () => {
    for (const f of fs.readdirSync(FIGURES_DIR)) {
      const svg = fs.readFileSync(path.join(FIGURES_DIR, f), 'utf8');
      for (const m of svg.matchAll(/\b(fill|stroke)="([^"]*)"/g))
        assert.ok(
          /^(none|currentColor|var\(--vscode-[a-z-]+(, [^)]*\)?)?\))$/.test(m[2]),
          `${f}: ${m[1]}="${m[2]}" is a colour of its own`,
        );
      assert.ok(!/\sstyle=|<style/.test(svg), `${f}: style`);
    }
  });

  it('live under lessons/, the folder the reader inlines figures from', () => {
    assert.strictEqual(path.dirname(FIGURES_DIR), LESSONS_DIR);
  });
});

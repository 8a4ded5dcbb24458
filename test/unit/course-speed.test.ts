// The faster course scan and search index (issue 15, "Cheaper to start") give what the regex versions gave:
// each rewritten function is compared with its former implementation, kept here as the reference.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { indexLessonText, parseCourseFolder, scanHeadings, slugify, splitAeroBlocks } from '../../src/core';
import { inlineMarkdownToText } from '../../src/core/course/slug';
import { syntheticCourse } from '../../bench/course.bench';

const refSlugify = (text: string) =>
  text
    .normalize('NFC')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');

const refInline = (src: string) =>
  src
    .replace(/!?\[([^\][]*)\]\([^)[\]]*\)/g, '$1')
    .replace(/`+([^`]*)`+/g, '$1')
    .replace(/\$\$?([^$]+)\$\$?/g, '$1')
    .replace(/(\*\*|\*|~~)(?=\S)([\s\S]{0,200}?\S)\1/g, '$2')
    .replace(/(^|[^\p{L}\p{N}])(__|_)(?=\S)([\s\S]{0,200}?\S)\2(?![\p{L}\p{N}])/gu, '$1$3')
    .replace(/\\([\\`*_{}[\]()#+\-.!$])/g, '$1')
    .trim();

const root = path.join(__dirname, '..', '..');
function lessonLines(): string[] {
  return ['en', 'vi'].flatMap((l) =>
    fs
      .readdirSync(path.join(root, 'lessons', l))
      .filter((f) => f.endsWith('.md'))
      .flatMap((f) => fs.readFileSync(path.join(root, 'lessons', l, f), 'utf8').split('\n')),
  );
}

/** Markdown-ish text: the characters the patterns look at, letters of both languages, astral and lone surrogates. */
const markdownish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '*',
        '**',
        '_',
        '__',
        '~~',
        '`',
        '$',
        '$$',
        '[',
        ']',
        '(',
        ')',
        '](',
        '\\',
        '#',
        ' ',
        '  ',
        '\t',
        '\r',
        '\n',
        '-',
        '>',
        '1.',
      ),
      fc.constantFrom('a', 'B', 'đặc', 'trưng', 'e\u0301', 'Σ', '𝐀', '🧭', '\ud800', '\udc00', '\u00a0', '‿', '９'),
      fc.string({ maxLength: 3 }),
    ),
    { maxLength: 30 },
  )
  .map((a) => a.join(''));

describe('course scan and search index, faster (issue 15)', () => {
  it('slugify equals the regex version on lesson lines and on random text', () => {
    for (const line of lessonLines()) assert.strictEqual(slugify(line), refSlugify(line), line);
    fc.assert(
      fc.property(markdownish, (s) => slugify(s) === refSlugify(s)),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (s) => slugify(s) === refSlugify(s)),
      {
        numRuns: 3000,
      },
    );
  });

  it('inlineMarkdownToText equals the regex chain on lesson lines and on random text', () => {
    for (const line of lessonLines()) assert.strictEqual(inlineMarkdownToText(line), refInline(line), line);
    fc.assert(
      fc.property(markdownish, (s) => inlineMarkdownToText(s) === refInline(s)),
      { numRuns: 3000 },
    );
  });

  it('Aero blocks and comments are blanked line for line, CRLF headings scanned as before', () => {
    const text =
      'a\r\n<!-- Aero-Navigation-Start -->\r\nx\r\n\r\n<!-- Aero-Navigation-End -->\r\n# T\r\n<!-- c\r\nd -->\r\n## S #\r\n';
    const { body } = splitAeroBlocks(text);
    assert.strictEqual(body, 'a\r\n\n\n\n\r\n# T\r\n\nd -->\r\n## S #\r\n'.replace('\nd -->', '\n'));
    assert.strictEqual(body.split('\n').length, text.split('\n').length);
    assert.deepStrictEqual(
      scanHeadings(body).map((h) => [h.level, h.text, h.id, h.line]),
      [
        [1, 'T', 't', 5],
        [2, 'S', 's', 8],
      ],
    );
  });

  it('a synthetic Aero course: sections as scanHeadings gives them, section text with blanks collapsed', () => {
    const files = syntheticCourse(60, 3);
    const course = parseCourseFolder(files);
    assert.strictEqual(course.lessons.length, 60);
    for (const l of course.lessons) {
      const text = files.find((f) => f.path === l.path)!.text;
      const sections = indexLessonText(l.id, l.title, text);
      for (const s of sections) assert.strictEqual(s.text, s.text.replace(/\s+/g, ' ').trim());
      assert.deepStrictEqual(
        l.sections.map((h) => h.id),
        scanHeadings(splitAeroBlocks(text).body)
          .filter((h) => h.level === 2 || h.level === 3)
          .map((h) => h.id),
      );
    }
  });
});

// Broken input a real course folder can hold: files that are not UTF-8 text (binary, Windows-1252,
// Windows-1258, too large), front matter that is missing or broken, and a 5 MB lesson. Each must give a
// specific reason, never an exception, and never stall the extension host.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as iconv from 'iconv-lite';
import {
  buildLessonArticle,
  decodeLessonBytes,
  indexLessonText,
  MAX_LESSON_BYTES,
  parseCourse,
  parseCourseFolder,
  parseFrontMatter,
  renderLesson,
} from '../../src/core';
import { assertInert } from './helpers/inert';

const LESSONS = path.resolve(__dirname, '..', '..', 'lessons', 'en');

function cpuAndWall<T>(f: () => T): { value: T; cpuMs: number; wallMs: number } {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const value = f();
  const used = process.cpuUsage(cpu);
  return { value, cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - t };
}

describe('Faults: lesson files that are not UTF-8 text', () => {
  it('decodes UTF-8 and drops a BOM', () => {
    assert.deepStrictEqual(decodeLessonBytes(new TextEncoder().encode('\ufeff# Tiếng Việt\n')), {
      text: '# Tiếng Việt\n',
    });
  });
  it('calls a PNG named .md binary', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    assert.deepStrictEqual(decodeLessonBytes(png), { problem: 'binary' });
  });
  it('looks for NUL only in the first 8,000 bytes, as git does', () => {
    const late = Buffer.concat([Buffer.from('a'.repeat(8000)), Buffer.from([0])]);
    assert.ok('text' in decodeLessonBytes(late));
  });
  it('refuses a Windows-1252 file instead of showing mojibake', () => {
    const bytes = iconv.encode('# Café déjà vu — “quotes”\n', 'windows-1252');
    assert.deepStrictEqual(decodeLessonBytes(bytes), { problem: 'notUtf8' });
  });
  it('refuses a Windows-1258 (Vietnamese) file', () => {
    // "Tiếng Việt" as Windows-1258 writes it: ê (0xEA) + combining acute (0xEC), ê + combining dot below (0xF2).
    const bytes = Buffer.concat([
      Buffer.from('# Ti'),
      Buffer.from([0xea, 0xec]),
      Buffer.from('ng Vi'),
      Buffer.from([0xea, 0xf2]),
      Buffer.from('t\n'),
    ]);
    assert.strictEqual(iconv.decode(bytes, 'windows-1258').normalize('NFC'), '# Tiếng Việt\n');
    assert.deepStrictEqual(decodeLessonBytes(bytes), { problem: 'notUtf8' });
  });
  it('refuses a file over the size limit before decoding it', () => {
    assert.strictEqual(MAX_LESSON_BYTES, 8 * 1024 * 1024);
    assert.deepStrictEqual(decodeLessonBytes(new Uint8Array(11), 10), { problem: 'tooLarge' });
    assert.ok('text' in decodeLessonBytes(new Uint8Array(10).fill(0x61), 10));
  });
});

describe('Faults: front matter missing or broken', () => {
  it('treats a file without front matter as all body', () => {
    const fm = parseFrontMatter('# Title\n\nText');
    assert.deepStrictEqual([fm.meta, fm.problems, fm.bodyLine], [{}, [], 0]);
  });
  it('reports malformed YAML, a missing closing fence and a list instead of a map, keeping the body', () => {
    assert.match(parseFrontMatter('---\ntitle: [unclosed\n---\nBody').problems[0], /^front matter: Flow sequence/);
    assert.deepStrictEqual(parseFrontMatter('---\ntitle: x\n# T').problems, ['front matter: no closing ---']);
    assert.deepStrictEqual(parseFrontMatter('---\n- a\n---\nB').problems, ['front matter: expected key: value pairs']);
  });
  it('names each field of the wrong type and drops it', () => {
    const fm = parseFrontMatter(
      '---\ntitle: {a: 1}\norder: "x"\nminutes: .nan\nobjectives: 42\ndifficulty: hard\n---\nB',
    );
    assert.deepStrictEqual(fm.meta, {});
    assert.deepStrictEqual(fm.problems.sort(), [
      'front matter: "minutes" should be a number',
      'front matter: "objectives" should be a list',
      'front matter: "order" should be a number',
      'front matter: "title" should be text',
      'front matter: unknown difficulty "hard"',
    ]);
  });
  it('refuses an alias bomb, pollutes no prototype, runs no tag', () => {
    const bomb = [
      'a: &a [x,x,x,x,x,x,x,x,x]',
      ...'bcdef'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcde'[i]}`).join(',')}]`),
    ].join('\n');
    assert.match(parseFrontMatter(`---\n${bomb}\n---\nB`).problems[0], /alias/i);
    const proto = parseFrontMatter('---\n__proto__:\n  polluted: yes\ntitle: t\n---\nB');
    assert.strictEqual(({} as Record<string, unknown>).polluted, undefined);
    assert.deepStrictEqual(proto.meta, { title: 't' });
    assert.strictEqual(
      typeof parseFrontMatter("---\ntitle: !!js/function 'function(){}'\n---\nB").meta.title,
      'string',
    );
  });
  it('still lists a lesson whose front matter is broken, with its problems under its path', () => {
    const course = parseCourse([
      { path: '01-a.md', text: '---\ntitle: [x\n---\n# Heading A\n' },
      { path: '02-b.md', text: '# B\n' },
    ]);
    assert.deepStrictEqual(
      course.lessons.map((l) => [l.id, l.title]),
      [
        ['a', 'Heading A'],
        ['b', 'B'],
      ],
    );
    assert.match(course.lessons[0].problems[0], /^01-a\.md: front matter: /);
  });
});

describe('Faults: a 5 MB lesson', function () {
  this.timeout(300_000);
  it('is scanned, indexed and rendered in bounded time (figures printed)', () => {
    const one = fs
      .readdirSync(LESSONS)
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => fs.readFileSync(path.join(LESSONS, f), 'utf8'))
      .join('\n\n');
    let text = '';
    while (text.length < 5 * 1024 * 1024) text += `${one}\n\n`;
    const scan = cpuAndWall(() => parseCourseFolder([{ path: 'big.md', text }]));
    const search = cpuAndWall(() => indexLessonText('big', 'Big', text));
    const render = cpuAndWall(() => renderLesson(text));
    const article = cpuAndWall(() =>
      buildLessonArticle({
        lessonId: 'big',
        rendered: render.value,
        labels: {
          contents: 'Contents',
          previous: 'Previous',
          next: 'Next',
          endOfCourse: 'End',
          minutes: '{0} min',
          mathErrors: '{0} math errors',
        },
      }),
    );
    const f = (x: { cpuMs: number; wallMs: number }) =>
      `${(x.cpuMs / 1000).toFixed(1)} s CPU (${(x.wallMs / 1000).toFixed(1)} s wall)`;
    console.log(
      `      ${(text.length / 1024 / 1024).toFixed(1)} MB lesson: course scan ${f(scan)}, search index ${f(search)}, renderLesson ${f(render)}, article ${f(article)}; ` +
        `${render.value.headings.length} headings, ${(render.value.html.length / 1024 / 1024).toFixed(0)} MB of HTML, ${render.value.mathErrors.length} math errors`,
    );
    assert.strictEqual(scan.value.lessons.length, 1);
    assert.ok(render.value.headings.length > 1000);
    // Past 2,000 formulas the rest is TeX source: one error says so.
    assert.ok(render.value.mathErrors.length <= 1 + 40, JSON.stringify(render.value.mathErrors.slice(0, 3)));
    for (const x of [scan, search, render, article]) assert.ok(x.cpuMs < 60_000, f(x));
    assertInert(article.value.slice(0, 2_000_000).replace(/<[^>]*$/, ''), { noStyleAttributes: true, article: true });
  });
});

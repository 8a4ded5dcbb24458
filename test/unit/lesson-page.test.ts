// The reader's article as core assembles it (src/core/page/lessonPage.ts): neighbours from the course order or
// an Aero footer, banners in order, a big body kept in its parts, and the notice shown instead of a lesson.
import * as assert from 'assert';
import {
  assembleLessonPage,
  buildNoticePage,
  lessonNeighbours,
  renderLesson,
  type CourseLesson,
  type CourseOutline,
  type LessonPageLabels,
} from '../../src/core';

const lesson = (id: string, order: number, path = `m/${id}.md`): CourseLesson => ({
  id,
  path,
  title: id.toUpperCase(),
  order,
  sections: [],
  problems: [],
});
const [a, b, c] = [lesson('a', 1), lesson('b', 2), lesson('c', 3)];
const index = lesson('m-index', 0, 'm/index.md');
const course: CourseOutline = {
  kind: 'shipped',
  lessons: [a, b, c],
  pages: [a, b, c, index],
  modules: [{ indexPath: 'm/index.md', lessons: [a, b, c] }],
};
const labels: LessonPageLabels = {
  contents: 'Contents',
  previous: 'Previous',
  next: 'Next',
  endOfCourse: 'End',
  minutes: '{0} min',
  mathErrors: '{0} errors',
  quickLinks: 'Quick links',
  inThisModule: 'In this module',
  notALesson: 'Not a lesson',
};

describe('lesson page assembly (core/page/lessonPage)', () => {
  it('takes previous and next from the course order, numbered in the shipped course', () => {
    assert.deepStrictEqual(lessonNeighbours(course, b, []), {
      previous: { id: 'a', title: '1. A' },
      next: { id: 'c', title: '3. C' },
      contents: [],
    });
    assert.deepStrictEqual(lessonNeighbours({ ...course, kind: 'folder' }, a, []).next, { id: 'b', title: 'B' });
    assert.deepStrictEqual(lessonNeighbours(course, index, []).next, { id: 'a', title: '1. A' }, 'index: first lesson');
  });

  it("follows an Aero footer's order, skipping rows that lead nowhere", () => {
    const footer = [
      { title: 'C', href: 'c.md', current: false },
      { title: 'Gone', href: 'gone.md', current: false },
      { title: 'A', href: 'a.md', current: false },
    ];
    const n = lessonNeighbours(course, a, footer);
    assert.deepStrictEqual(n.previous, { id: 'c', title: '3. C' });
    assert.strictEqual(n.next, undefined);
    assert.deepStrictEqual(n.contents, [
      { title: 'C', id: 'c', current: false },
      { title: 'Gone', id: undefined, current: false },
      { title: 'A', id: 'a', current: true },
    ]);
  });

  it('puts the banners in order and keeps a big body in its parts, unjoined', () => {
    const rendered = renderLesson('# Title\n\nBody text.');
    const parts = ['<p>first part</p>', '<p>second part</p>'];
    const page = assembleLessonPage({
      lessonId: 'b',
      rendered: { ...rendered, html: '' },
      htmlParts: parts,
      neighbours: lessonNeighbours(course, b, []),
      labels,
      banners: [
        { kind: 'repair', message: 'repaired <x>', button: 'Repair' },
        { kind: 'typesetAll', message: 'math', button: 'Typeset' },
      ],
    });
    assert.strictEqual(page.length, 4);
    assert.strictEqual(page[1], parts[0]);
    assert.strictEqual(page[2], parts[1]);
    const html = page.join('');
    assert.ok(html.indexOf('il-repair') < html.indexOf('il-typeset-all'), 'repair banner first');
    assert.match(html, /repaired &lt;x&gt;/);
    assert.match(html, /data-il-open="a"/);
    assert.ok(!html.includes('\u0000'), 'no placeholder left');
  });

  it('assembles a small lesson in one string with its body', () => {
    const page = assembleLessonPage({
      lessonId: 'a',
      rendered: renderLesson('Hello *world*.'),
      neighbours: lessonNeighbours(course, a, []),
      labels,
      banners: [],
    });
    assert.strictEqual(page.length, 1);
    assert.match(page[0], /<em>world<\/em>/);
    assert.doesNotMatch(page[0], /il-banner-info|il-repair/);
  });

  it('says why instead of a lesson, with the course to pick from when asked', () => {
    assert.strictEqual(
      buildNoticePage('Gone <now>'),
      '<p class="il-empty il-banner il-banner-warning">Gone &lt;now&gt;</p>',
    );
    const html = buildNoticePage('Not here', { title: 'Lessons', course, notALesson: 'x' });
    assert.match(html, /role="status">Not here<\/p>/);
    assert.deepStrictEqual(
      [...html.matchAll(/data-il-open="(\w+)"/g)].map((m) => m[1]),
      ['a', 'b', 'c'],
    );
  });
});

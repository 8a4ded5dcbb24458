import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseCourse, parseCourseFolder, renderLesson, splitAeroBlocks } from '../../src/core';

describe('parseCourse', () => {
  it('orders by front matter, then file number, and takes titles from front matter or H1', () => {
    const c = parseCourse([
      { path: 'b.md', text: '---\nid: bee\norder: 1\ntitle: Bee\n---\n# Other\n## S {#s}\n' },
      { path: '02-x.md', text: '# Second\n\n## Part\n\n### Sub\n\n#### Deep\n' },
      { path: 'README.md', text: '# readme' },
      { path: 'index.md', text: '# index' },
      { path: 'notes.txt', text: '# no' },
    ]);
    assert.deepStrictEqual(
      c.lessons.map((l) => [l.id, l.title, l.order, l.path]),
      [
        ['bee', 'Bee', 1, 'b.md'],
        ['x', 'Second', 2, '02-x.md'],
      ],
    );
    assert.deepStrictEqual(
      c.lessons[1].sections.map((s) => s.text),
      ['Part', 'Sub'],
    );
  });

  it('reports duplicate ids and malformed front matter without dropping lessons', () => {
    const c = parseCourse([
      { path: '01-a.md', text: '---\nid: same\n---\n# A' },
      { path: '02-b.md', text: '---\nid: same\n---\n# B' },
      { path: '03-c.md', text: '---\nid: [bad\n---\n# C' },
    ]);
    assert.strictEqual(c.lessons.length, 3);
    assert.strictEqual(c.problems.length, 1);
    assert.strictEqual(c.lessons[2].problems.length, 1);
    assert.strictEqual(c.lessons[2].title, 'C');
  });

  it('reads the original course folder in order', () => {
    const dir = path.join(__dirname, '..', 'fixtures', 'aero-module15');
    const files = fs.readdirSync(dir).map((f) => ({ path: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
    const c = parseCourse(files);
    assert.strictEqual(c.lessons.length, 5);
    assert.deepStrictEqual(
      c.lessons.map((l) => l.order),
      [1, 2, 3, 4, 5],
    );
    for (const l of c.lessons) assert.ok(l.title.length > 3, l.title);
  });
});

describe('Aero course format', () => {
  const dir = path.join(__dirname, '..', 'fixtures', 'aero-module15');
  const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');

  it('takes navigation and footer blocks out of the body, keeping line numbers', () => {
    const src =
      'a\n<!-- Aero-Navigation-Start -->\n[Home](../index.md) > [M](index.md)\n### Quick\n<!-- Aero-Navigation-End -->\n# Title\n<!-- note -->\n```\n<!-- kept in code -->\n```\n<!-- Aero-Footer-Start -->\n| Bài | L |\n| :- | :- |\n| [One](01.md) | x |\n| 📌 **[Two](02.md)** | y |\n<!-- Aero-Footer-End -->\n';
    const r = splitAeroBlocks(src);
    assert.strictEqual(r.body.split('\n').length, src.split('\n').length);
    assert.ok(!r.body.includes('Quick'));
    assert.ok(!r.body.includes('<!-- note -->'));
    assert.ok(r.body.includes('<!-- kept in code -->'));
    assert.match(r.navigation ?? '', /\[Home\]/);
    assert.deepStrictEqual(r.footerLessons, [
      { title: 'One', href: '01.md', current: false },
      { title: 'Two', href: '02.md', current: true },
    ]);
  });

  it('reads the original module as one module of five lessons with a title from index.md', () => {
    const files = fs.readdirSync(dir).map((f) => ({ path: `15_interpretability/${f}`, text: read(f) }));
    const c = parseCourseFolder(files);
    assert.strictEqual(c.modules.length, 1);
    assert.strictEqual(c.modules[0].title, 'Module: 15_interpretability');
    assert.strictEqual(c.modules[0].indexPath, '15_interpretability/index.md');
    assert.deepStrictEqual(
      c.lessons.map((l) => l.order),
      [1, 2, 3, 4, 5],
    );
    for (const l of c.lessons)
      assert.ok(
        !l.sections.some((s) => /Điều hướng|Tài liệu cùng chuyên mục/.test(s.text)),
        'no navigation headings as sections',
      );
  });

  it('renders an original lesson without the navigation text, with its footer as data and undelimited math left as text', () => {
    const r = renderLesson(read('aero_llm_01_what_is_mech_interp_mechanistic_interpretability_.md'));
    assert.ok(!r.html.includes('Aero-Navigation'));
    assert.ok(!r.html.includes('Điều hướng nhanh'));
    assert.strictEqual(r.footerLessons.length, 5);
    assert.ok(r.footerLessons[0].current);
    assert.ok(r.html.includes('y = \\beta_0 + \\beta_1 x + \\epsilon'), 'the formula without delimiters stays text');
    assert.deepStrictEqual(r.mathErrors, []);
    assert.match(r.navigation ?? '', /Home/);
  });
});

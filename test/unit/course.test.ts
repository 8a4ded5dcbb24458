import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parseCourse } from '../../src/core';

describe('parseCourse', () => {
  it('orders by front matter, then file number, and takes titles from front matter or H1', () => {
    const c = parseCourse([
      { path: 'b.md', text: '---\nid: bee\norder: 1\ntitle: Bee\n---\n# Other\n## S {#s}\n' },
      { path: '02-x.md', text: '# Second\n\n## Part\n\n### Sub\n\n#### Deep\n' },
      { path: 'README.md', text: '# readme' },
      { path: 'index.md', text: '# index' },
      { path: 'notes.txt', text: '# no' },
    ]);
    assert.deepStrictEqual(c.lessons.map((l) => [l.id, l.title, l.order, l.path]), [['bee', 'Bee', 1, 'b.md'], ['x', 'Second', 2, '02-x.md']]);
    assert.deepStrictEqual(c.lessons[1].sections.map((s) => s.text), ['Part', 'Sub']);
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
    const dir = path.join(__dirname, '..', '..', '..', 'shared', 'course', 'aero-module15');
    if (!fs.existsSync(dir)) return;
    const files = fs.readdirSync(dir).map((f) => ({ path: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
    const c = parseCourse(files);
    assert.strictEqual(c.lessons.length, 5);
    assert.deepStrictEqual(c.lessons.map((l) => l.order), [1, 2, 3, 4, 5]);
    for (const l of c.lessons) assert.ok(l.title.length > 3, l.title);
  });
});

// Hostile figures in the REAL reader (issue 18): every figure-* case of test/fixtures/hostile with its SVG files
// (committed and generated) becomes a course folder; the extension host reads the figures
// (CourseService.figuresFor: no path out of the folder, no symbolic link, size checked) and the reader webview,
// with its real CSP, shows each lesson. A symbolic link to an allowed figure outside the folder and a symlinked
// folder must not be followed; the shipped lessons' figures are read from lessons/figures/.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { FigureFile } from '../../src/core';
import type { LessonsApi } from '../../src/features/lessons/register';
import { hostileCorpus, hostileFigureFiles } from '../fixtures/hostile/corpus';
import { inertProblems } from '../unit/helpers/inert';
import { extensionApi, nextRender } from './helpers/lessons';
import { waitFor } from './helpers/until';

const problem = (f: FigureFile | undefined) => (f && 'problem' in f ? f.problem : f ? 'svg' : 'absent');

describe('Hostile figures in the real reader', function () {
  this.timeout(600_000);
  let base: string;
  let root: string;
  const cases = hostileCorpus().filter((c) => c.category === 'figure');
  let lessons: LessonsApi;

  before(async () => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'il-figures-'));
    root = path.join(base, 'course');
    const outside = path.join(base, 'outside');
    fs.mkdirSync(root);
    fs.mkdirSync(outside);
    for (const c of cases) fs.writeFileSync(path.join(root, `${c.name}.md`), c.markdown);
    for (const [name, svg] of hostileFigureFiles()) fs.writeFileSync(path.join(root, name), svg);
    // An allowed figure outside the course folder, reached by a link to the file and by a linked folder.
    fs.copyFileSync(path.join(root, 'figure-ok.svg'), path.join(outside, 'figure-ok.svg'));
    fs.copyFileSync(path.join(root, 'figure-ok.svg'), path.join(base, 'figure-ok.svg'));
    fs.symlinkSync(path.join(outside, 'figure-ok.svg'), path.join(root, 'figure-symlink.svg'));
    fs.symlinkSync(outside, path.join(root, 'linked'));
    fs.writeFileSync(
      path.join(root, 'zz-figure-linked-folder.md'),
      '# Linked folder\n\n![linked](linked/figure-ok.svg)\n',
    );
    fs.writeFileSync(path.join(root, 'zz-quiet.md'), '# Quiet\n\nNothing here.\n');
    lessons = (await extensionApi()).lessons;
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('courseFolder', root, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('courseFolder', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(base, { recursive: true, force: true });
  });

  it('the host reads only figures inside the course folder, never through a symbolic link', async () => {
    const course = await waitFor(async () => {
      const c = await lessons.courses.get();
      return c.lessons.some((l) => l.id === 'figure-symlink') ? c : undefined;
    }, 'the figure course folder');
    const read = async (id: string) => {
      const lesson = course.pages.find((l) => l.id === id);
      assert.ok(lesson, `lesson ${id}`);
      return lessons.courses.figuresFor(course, lesson.path, course.texts.get(lesson.path) ?? '');
    };
    const ok = await read('figure-ok');
    assert.strictEqual(problem(ok['figure-ok.svg']), 'svg');
    assert.strictEqual(
      (ok['figure-ok.svg'] as { svg: string }).svg,
      fs.readFileSync(path.join(root, 'figure-ok.svg'), 'utf8'),
    );
    assert.strictEqual(problem((await read('figure-symlink'))['figure-symlink.svg']), 'symlink');
    assert.strictEqual(problem((await read('zz-figure-linked-folder'))['linked/figure-ok.svg']), 'symlink');
    const traversal = await read('figure-path-traversal');
    assert.strictEqual(problem(traversal['../figure-ok.svg']), 'outside', 'a file right above the folder');
    assert.strictEqual(problem(traversal['../../../../../../etc/passwd.svg']), 'outside');
    assert.strictEqual(problem(traversal['%2e%2e/figure-ok.svg']), 'badPath');
    assert.strictEqual(problem(traversal['./figure-ok.svg']), 'svg');
    assert.strictEqual(problem(traversal['sub/../figure-ok.svg']), 'svg');
    const urls = await read('figure-absolute-and-urls');
    assert.strictEqual(problem(urls['/etc/x.svg']), 'absolute');
    assert.strictEqual(problem(urls['file:///etc/x.svg']), 'url');
    assert.strictEqual(problem(urls['https://evil.example/x.svg']), 'url');
    assert.strictEqual(problem((await read('figure-huge-300kb'))['figure-huge-300kb.svg']), 'tooLarge');

    // The shipped course reads from lessons/figures/ (both languages' lessons reach it as ../figures/).
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('courseFolder', undefined, vscode.ConfigurationTarget.Global);
    const shipped = await waitFor(async () => {
      const c = await lessons.courses.get('en');
      return c.kind === 'shipped' ? c : undefined;
    }, 'the shipped course');
    const first = shipped.lessons[0];
    const figures = await lessons.courses.figuresFor(shipped, first.path, shipped.texts.get(first.path) ?? '');
    assert.ok(Object.keys(figures).length >= 1, 'lesson 1 has a figure');
    for (const [src, f] of Object.entries(figures)) assert.strictEqual(problem(f), 'svg', src);
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('courseFolder', root, vscode.ConfigurationTarget.Global);
  });

  it(`shows the ${cases.length} figure lessons; nothing is refused by the CSP, the allowed figures are inlined`, async () => {
    await waitFor(async () => {
      const c = await lessons.courses.get();
      return c.kind === 'folder' && c.lessons.some((l) => l.id === 'figure-ok') ? c : undefined;
    }, 'the figure course folder again');
    const failures: string[] = [];
    const articles = new Map<string, string>();
    for (const c of [...cases.map((x) => x.name), 'zz-figure-linked-folder', 'zz-quiet']) {
      const rendered = nextRender(lessons, c, 60_000);
      if (!(await lessons.reader.show({ lessonId: c }))) {
        rendered.catch(() => undefined);
        failures.push(`${c}: not shown`);
        continue;
      }
      const report = await rendered.catch((e: Error) => {
        failures.push(`${c}: ${e.message}`);
        return undefined;
      });
      if (report?.cspViolations) failures.push(`${c}: the CSP refused ${report.cspViolations}: ${report.cspViolation}`);
      articles.set(c, lessons.reader.testing.shownArticle()?.join('') ?? '');
    }
    assert.deepStrictEqual(failures, []);
    const inlined = (c: string) => (articles.get(c)!.match(/class="il-figure-svg/g) ?? []).length;
    const refused = (c: string) => (articles.get(c)!.match(/il-figure-error/g) ?? []).length;
    assert.strictEqual(inlined('figure-ok'), 3, 'the allowed figure, three times');
    for (const c of [
      'figure-script',
      'figure-foreignobject',
      'figure-event-attributes',
      'figure-xxe',
      'figure-style-url',
    ])
      assert.ok(inlined(c) === 0 && refused(c) === 3, `${c}: refused three times`);
    assert.ok(inlined('figure-symlink') === 0 && refused('figure-symlink') === 1, 'the symbolic link is not followed');
    assert.strictEqual(inlined('zz-figure-linked-folder'), 0, 'the linked folder is not followed');
    assert.strictEqual(inlined('figure-path-traversal'), 2, 'only ./figure-ok.svg and sub/../figure-ok.svg');
    // The article the page got, parsed as Chromium would (parse5): no script, no event attribute, no URL it may load.
    for (const [c, html] of articles) assert.deepStrictEqual(inertProblems(html, { article: true }), [], c);
  });
});

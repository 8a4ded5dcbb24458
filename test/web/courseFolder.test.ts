// A course folder of one's own in the workspace, in the web worker extension host (issue 20): the original
// Module 15 folder (Aero format) written through workspace.fs, named by a workspace-relative setting, listed,
// read with math, and a copy with damaged encoding shown repaired and repaired on command with a backup.
import * as vscode from 'vscode';
import { damageAsCodePage } from '../../src/core/text/codePages';
import { lessonsApi } from '../integration/helpers/api';
import { courseFolderTitles, nextRender } from '../integration/helpers/lessons';
import * as assert from '../common/assert';
import { MemoryFs } from '../common/memoryFs';
import { firstWorkspaceFolder, readText, writeText } from '../common/workspace';
import { AERO_MODULE15 } from './helpers/aeroFixture';

const FOLDER = 'web-course';
const MODULE = `${FOLDER}/15_interpretability`;
const DAMAGED = 'aero_llm_02_how_does_mech_interp_relate_to_ai_safety.md';
/** Lost emoji bytes are ambiguous (reported as uncertain, best guess shown): every letter must be back. */
const letters = (t: string) => t.replace(/[\p{Extended_Pictographic}\uFE0F\u200D]/gu, '');

const setCourseFolder = (value: string | undefined) =>
  vscode.workspace.getConfiguration('interpLessons').update('courseFolder', value, vscode.ConfigurationTarget.Global);

describe('Web journeys: a course folder in the workspace', function () {
  this.timeout(180_000);

  before(async () => {
    for (const [name, text] of Object.entries(AERO_MODULE15)) {
      // One file renamed the way other copies of the course name it: the footers must still find it.
      const file = name.startsWith('aero_llm_04')
        ? 'Aero LLM 04 Theoretical and Empirical Approaches in Research and Teaching.md'
        : name;
      await writeText(`${MODULE}/${file}`, text);
    }
  });
  after(async () => {
    await setCourseFolder(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs
      .delete(vscode.Uri.joinPath(firstWorkspaceFolder(), FOLDER), { recursive: true })
      .then(undefined, () => undefined);
  });

  it("lists the folder's module and its five lessons in order (a workspace-relative setting)", async () => {
    const lessons = await lessonsApi();
    await setCourseFolder(FOLDER);
    const titles = await courseFolderTitles(lessons, '15_interpretability');
    assert.strictEqual(titles.length, 5, titles.join(' | '));
    assert.match(titles[0], /Mechanistic Interpretability/);
    assert.match(titles[3], /Lý Thuyết và Thực Nghiệm/);
    assert.match(titles[4], /Chỉ Trích/);
  });

  it('reads a lesson with its math, and follows a footer link to the renamed file', async () => {
    const lessons = await lessonsApi();
    const course = await lessons.courses.get();
    assert.strictEqual(course.kind, 'folder');
    const first = course.lessons[0];
    let rendered = nextRender(lessons, first.id);
    assert.strictEqual(await lessons.reader.show({ lessonId: first.id }), true);
    const r = await rendered;
    assert.ok(r.katexCount >= 1, `${first.path}: ${r.katexCount} formulas`);
    assert.strictEqual(r.fontsLoaded, true);
    const fourth = course.lessons[3];
    rendered = nextRender(lessons, fourth.id);
    await lessons.reader.followLink('aero_llm_04_theoretical_and_empirical_approaches_in_research_and_teaching.md');
    await rendered;
    assert.strictEqual(lessons.reader.currentLesson?.lessonId, fourth.id);
  });

  it('a damaged copy is shown repaired, and Repair Encoding fixes the file with a backup of the damaged one', async () => {
    const lessons = await lessonsApi();
    const original = AERO_MODULE15[DAMAGED];
    const damaged = damageAsCodePage(original, 'windows-1252');
    const uri = await writeText(`${MODULE}/${DAMAGED}`, damaged);
    lessons.courses.refresh();
    const course = await lessons.courses.get();
    const lesson = course.lessons.find((l) => l.path.endsWith(DAMAGED));
    assert.ok(lesson, 'the damaged lesson is listed');
    const repair = course.repairs.get(lesson.path);
    assert.ok(repair?.repaired, 'the damaged file is detected and repaired for display');
    assert.ok(repair.restored > 10, `spots restored: ${repair.restored}`);
    assert.strictEqual(
      letters(course.texts.get(lesson.path) ?? ''),
      letters(original.normalize('NFC')),
      'the reader gets the original letters',
    );
    const rendered = nextRender(lessons, lesson.id);
    assert.strictEqual(await lessons.reader.show({ lessonId: lesson.id }), true);
    await rendered;

    assert.strictEqual(await lessons.repairEncoding(uri, { confirmed: true }), true);
    assert.strictEqual(letters(await readText(uri)), letters(original), 'every letter of the file repaired');
    assert.strictEqual(
      await readText(uri.with({ path: `${uri.path}.bak` })),
      damaged,
      'the backup holds the damaged original',
    );
  });
});

describe('Web journeys: a course folder on a virtual file system', function () {
  this.timeout(180_000);
  const memory = new MemoryFs();
  let registration: vscode.Disposable;
  const folder = vscode.Uri.parse('il-virtual://test/course');
  const damaged = damageAsCodePage(AERO_MODULE15[DAMAGED], 'windows-1252');

  before(() => {
    // As github.dev serves a repository: a file system provider of an extension, not a disk.
    registration = vscode.workspace.registerFileSystemProvider('il-virtual', memory, { isCaseSensitive: true });
    for (const [name, text] of Object.entries(AERO_MODULE15))
      memory.files.set(
        `/course/15_interpretability/${name}`,
        new TextEncoder().encode(name === DAMAGED ? damaged : text),
      );
  });
  after(async () => {
    await setCourseFolder(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    registration.dispose();
  });

  it('lists it, reads a lesson with its math, and repairs the damaged file there with its backup', async () => {
    const lessons = await lessonsApi();
    await setCourseFolder(folder.toString());
    const titles = await courseFolderTitles(lessons, '15_interpretability');
    assert.strictEqual(titles.length, 5, titles.join(' | '));
    const course = await lessons.courses.get();
    const rendered = nextRender(lessons, course.lessons[0].id);
    assert.strictEqual(await lessons.reader.show({ lessonId: course.lessons[0].id }), true);
    assert.ok((await rendered).katexCount >= 1, 'math typeset');

    const lesson = course.lessons.find((l) => l.path.endsWith(DAMAGED));
    assert.ok(lesson && course.repairs.get(lesson.path)?.repaired, 'the damaged file is shown repaired');
    const uri = vscode.Uri.joinPath(folder, '15_interpretability', DAMAGED);
    assert.strictEqual(await lessons.repairEncoding(uri, { confirmed: true }), true);
    const text = (p: string) => new TextDecoder().decode(memory.files.get(p));
    assert.strictEqual(letters(text(uri.path)), letters(AERO_MODULE15[DAMAGED]), 'repaired in the virtual file system');
    assert.strictEqual(text(`${uri.path}.bak`), damaged, 'its backup beside it');
  });
});

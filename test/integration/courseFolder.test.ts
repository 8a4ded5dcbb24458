// Reading one's own copy of the course (the original Module 15 folder, Apache-2.0, in test/fixtures),
// including a copy whose encoding was damaged.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { damageAsCodePage } from '../../src/core';
import { lessonsApi as api } from './helpers/api';
import { courseFolderTitles, nextRender } from './helpers/lessons';
import { waitFor } from './helpers/until';

const FIXTURE = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'aero-module15');

describe('Course folder', function () {
  this.timeout(120_000);
  let root: string;
  const moduleDir = () => path.join(root, '15_interpretability');

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'il-course-'));
    fs.mkdirSync(moduleDir());
    for (const f of fs.readdirSync(FIXTURE).filter((f) => f.endsWith('.md'))) {
      // One file renamed the way other copies of the course name it: the footers must still find it.
      const name = f.startsWith('aero_llm_04')
        ? 'Aero LLM 04 Theoretical and Empirical Approaches in Research and Teaching.md'
        : f;
      fs.copyFileSync(path.join(FIXTURE, f), path.join(moduleDir(), name));
    }
  });
  after(async () => {
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('courseFolder', undefined, vscode.ConfigurationTarget.Global);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("lists the folder's module and its five lessons in order", async () => {
    const lessons = await api();
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('courseFolder', root, vscode.ConfigurationTarget.Global);
    const titles = await courseFolderTitles(lessons, '15_interpretability');
    assert.strictEqual(titles.length, 5, titles.join(' | '));
    assert.match(titles[0], /Mechanistic Interpretability/);
    assert.match(titles[3], /Lý Thuyết và Thực Nghiệm/);
    assert.match(titles[4], /Chỉ Trích/);
  });

  it('renders every lesson, without the navigation block, with math', async () => {
    const lessons = await api();
    const course = await lessons.courses.get();
    for (const l of course.lessons) {
      const rendered = nextRender(lessons, l.id);
      await lessons.reader.show({ lessonId: l.id });
      const r = await rendered;
      if ((course.texts.get(l.path) ?? '').includes('$'))
        assert.ok(r.katexCount >= 1, `${l.path}: ${r.katexCount} formulas`);
      assert.strictEqual(r.fontsLoaded, true);
    }
  });

  it('follows the footer links, even to a file whose name differs', async () => {
    const lessons = await api();
    const course = await lessons.courses.get();
    const first = course.lessons[0];
    let rendered = nextRender(lessons, first.id);
    await lessons.reader.show({ lessonId: first.id });
    await rendered;
    const fourth = course.lessons[3];
    rendered = nextRender(lessons, fourth.id);
    await lessons.reader.followLink('aero_llm_04_theoretical_and_empirical_approaches_in_research_and_teaching.md');
    await rendered;
    assert.strictEqual(lessons.reader.currentLesson?.lessonId, fourth.id);
    rendered = nextRender(lessons, course.lessons[4].id);
    await vscode.commands.executeCommand('interpLessons.nextLesson');
    await rendered;
  });

  it('re-renders the lesson when its file changes on disk, and says so when it is deleted', async () => {
    const lessons = await api();
    const course = await lessons.courses.get();
    const lesson = course.lessons[2];
    const file = path.join(root, ...lesson.path.split('/'));
    let rendered = nextRender(lessons, lesson.id);
    await lessons.reader.show({ lessonId: lesson.id });
    const before = await rendered;
    rendered = nextRender(lessons, lesson.id);
    fs.appendFileSync(file, '\n\nAdded while reading: $a^2 + b^2 = c^2$ and $e^{i\\pi} + 1 = 0$.\n');
    const after = await rendered;
    assert.strictEqual(after.katexCount, before.katexCount + 2, 'the new formulas are on the page');
    rendered = nextRender(lessons, lesson.id);
    fs.renameSync(file, `${file}.moved`);
    const gone = await rendered;
    assert.strictEqual(gone.katexCount, 0, 'the page says the file is gone instead of showing stale text');
    fs.renameSync(`${file}.moved`, file);
  });

  it('shows a damaged copy repaired, and repairs the file on command with a backup', async () => {
    const lessons = await api();
    const original = fs.readFileSync(
      path.join(FIXTURE, 'aero_llm_02_how_does_mech_interp_relate_to_ai_safety.md'),
      'utf8',
    );
    const damagedPath = path.join(moduleDir(), 'aero_llm_02_how_does_mech_interp_relate_to_ai_safety.md');
    fs.writeFileSync(damagedPath, damageAsCodePage(original, 'windows-1252'));
    lessons.courses.refresh();
    const course = await lessons.courses.get();
    const lesson = course.lessons.find((l) =>
      l.path.endsWith('aero_llm_02_how_does_mech_interp_relate_to_ai_safety.md'),
    );
    assert.ok(lesson);
    const repair = course.repairs.get(lesson.path);
    assert.ok(repair?.repaired, 'the damaged file is detected and repaired for display');
    assert.ok(repair.restored > 10, `spots restored: ${repair.restored}`);
    // Lost emoji bytes are ambiguous (reported as uncertain, best guess shown); every letter must be back.
    const letters = (t: string) => t.replace(/[\p{Extended_Pictographic}\uFE0F\u200D]/gu, '');
    assert.strictEqual(
      letters(course.texts.get(lesson.path) ?? ''),
      letters(original.normalize('NFC')),
      'the reader shows the original letters',
    );
    assert.ok(repair.unresolved.length > 0, 'the ambiguous emoji are reported as uncertain');
    const rendered = nextRender(lessons, lesson.id);
    await lessons.reader.show({ lessonId: lesson.id });
    await rendered;

    const uri = vscode.Uri.file(damagedPath);
    assert.strictEqual(await lessons.repairEncoding(uri, { confirmed: true }), true);
    assert.strictEqual(
      letters(fs.readFileSync(damagedPath, 'utf8')),
      letters(original),
      'every letter of the file repaired',
    );
    assert.strictEqual(
      fs.readFileSync(`${damagedPath}.bak`, 'utf8'),
      damageAsCodePage(original, 'windows-1252'),
      'backup holds the damaged original',
    );
    await vscode.commands.executeCommand('undo');
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === damagedPath);
    assert.ok(doc);
    assert.strictEqual(
      doc.getText(),
      damageAsCodePage(original, 'windows-1252'),
      'undo in the editor brings the old text back',
    );
  });

  it('a reader restored on a lesson that is gone says so and lists the lessons (issue 15, defect 3)', async () => {
    const lessons = await api();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // What VS Code hands the serializer after a reload: a panel of the reader's type and the page's saved state.
    const panel = vscode.window.createWebviewPanel('interpLessons.reader', 'Lesson', vscode.ViewColumn.One, {
      enableScripts: true,
    });
    const rendered = nextRender(lessons, 'a-lesson-that-is-gone');
    await lessons.reader.revive(panel, { lessonId: 'a-lesson-that-is-gone', language: 'en' });
    await rendered; // the page shows something, not "Loading lesson…" for ever
    assert.match(lessons.reader.noticeShown?.message ?? '', /a-lesson-that-is-gone/);
    assert.strictEqual(lessons.reader.currentLesson, undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Show the Shipped Lessons with the reader open moves it to the shipped course (issue 15, defect 2)', async () => {
    const lessons = await api();
    const folderCourse = await lessons.courses.get();
    await lessons.reader.show({ lessonId: folderCourse.lessons[1].id });
    await waitFor(
      async () => lessons.reader.currentLesson?.lessonId === folderCourse.lessons[1].id || undefined,
      'the folder lesson',
    );
    await vscode.commands.executeCommand('interpLessons.closeCourseFolder');
    const shipped = await waitFor(async () => {
      const c = await lessons.courses.get();
      return c.kind === 'shipped' ? c : undefined;
    }, 'the shipped course');
    // The folder's lesson is not in the shipped course: the reader shows the shipped course's first lesson,
    // not "This lesson's file is gone" for the folder's.
    await waitFor(
      async () => lessons.reader.currentLesson?.lessonId === shipped.lessons[0].id || undefined,
      'the first shipped lesson in the reader',
    );
    assert.strictEqual(lessons.reader.noticeShown, undefined);
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('courseFolder', root, vscode.ConfigurationTarget.Global);
  });
});

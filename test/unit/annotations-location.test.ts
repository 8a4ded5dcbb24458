// Where a lesson's notes file lies under the notes folder, and which lesson a notes file found there is about.
import * as assert from 'assert';
import {
  courseSegment,
  folderName,
  lessonIdInText,
  notesSegments,
  refFromNotesPath,
  refKey,
  safeSegment,
} from '../../src/features/annotations/notesPaths';

const EXT = 'interp-lessons.interp-lessons';
const opts = { extensionId: EXT, courseFolderName: 'My Course', language: 'vi' as const };

describe('annotations: notes file paths', () => {
  it('puts a shipped lesson under its language and a course-folder lesson under the course name, mirroring its path', () => {
    assert.deepStrictEqual(notesSegments({ course: 'shipped', language: 'vi', path: '01-what-is-mech-interp.md' }), [
      'vi',
      '01-what-is-mech-interp.md',
    ]);
    assert.deepStrictEqual(
      notesSegments({ course: 'folder', language: 'en', courseFolderName: 'My Course', path: 'module-1/02-x.md' }),
      ['My Course', 'module-1', '02-x.md'],
    );
  });

  it('reads Windows paths: backslashes in the lesson path, a drive-letter course root', () => {
    assert.deepStrictEqual(
      notesSegments({ course: 'folder', language: 'vi', courseFolderName: 'Khóa học', path: 'a\\b\\c.md' }),
      ['Khóa học', 'a', 'b', 'c.md'],
    );
    assert.strictEqual(folderName('C:\\Users\\me\\My Course\\'), 'My Course');
    assert.strictEqual(folderName('/c:/Users/me/My Course'), 'My Course');
    assert.strictEqual(folderName('vscode-vfs://github/me/course%20x'), 'course x');
    assert.strictEqual(folderName('relative/course'), 'course');
    assert.strictEqual(folderName(''), undefined);
    assert.strictEqual(folderName('C:\\'), undefined);
  });

  it('never leaves the notes folder and writes names every system accepts', () => {
    const segs = notesSegments({ course: 'folder', language: 'vi', courseFolderName: '..', path: '../../etc/passwd' });
    assert.ok(!segs.includes('..'), segs.join('/'));
    assert.ok(!segs.includes('.'), segs.join('/'));
    assert.strictEqual(segs[segs.length - 1], 'passwd.md');
    assert.strictEqual(safeSegment('a:b?c*d"e<f>g|h'), 'a_b_c_d_e_f_g_h');
    assert.strictEqual(safeSegment('trailing. '), 'trailing');
    assert.strictEqual(safeSegment('CON'), '_CON');
    assert.strictEqual(safeSegment('nul.md'), '_nul.md');
    assert.strictEqual(safeSegment('tab\there'), 'tab_here');
    assert.strictEqual(safeSegment(''), '_');
    // NFD and NFC names are one file (macOS gives NFD names back).
    assert.strictEqual(safeSegment('Khóa'.normalize('NFD')), 'Khóa'.normalize('NFC'));
  });

  it('keeps a course folder named like a language folder apart from the shipped lessons', () => {
    assert.strictEqual(courseSegment({ course: 'folder', language: 'vi', courseFolderName: 'vi' }), 'vi (course)');
    assert.strictEqual(courseSegment({ course: 'folder', language: 'vi', courseFolderName: 'EN' }), 'EN (course)');
    assert.strictEqual(courseSegment({ course: 'folder', language: 'vi', courseFolderName: '' }), 'course');
    assert.strictEqual(courseSegment({ course: 'shipped', language: 'en' }), 'en');
  });

  it('finds the lesson id in the header link whatever the URI scheme, and in the older ?id= form', () => {
    assert.strictEqual(
      lessonIdInText(`# x\n[Open](vscode://${EXT}/lesson/what-is-mech-interp)\n`, EXT),
      'what-is-mech-interp',
    );
    assert.strictEqual(lessonIdInText(`<vscode-insiders://${EXT}/lesson/a%2Fb#sec>`, EXT), 'a/b');
    assert.strictEqual(lessonIdInText(`(code-oss://${EXT}/lesson?id=x-y&section=z)`, EXT), 'x-y');
    assert.strictEqual(lessonIdInText('(vscode://other.ext/lesson/x)', EXT), undefined);
    assert.strictEqual(lessonIdInText('no link', EXT), undefined);
    // The comment a new notes file opens with names the lesson before any link (a note may link to another lesson).
    const opening = '<!-- interp-lessons notes v1 {"lesson":"a\\u002d-b","language":"vi"}: written by … -->';
    assert.strictEqual(lessonIdInText(`# Notes: A\n\n${opening}\n\n[B](vscode://${EXT}/lesson/other)`, EXT), 'a--b');
  });

  it('maps a notes file back to its lesson: language or course name, then the path or the linked id', () => {
    const link = `vscode://${EXT}/lesson/what-is-mech-interp`;
    assert.deepStrictEqual(refFromNotesPath(['vi', '01-what-is-mech-interp.md'], `[x](${link})`, opts), {
      lessonId: 'what-is-mech-interp',
      language: 'vi',
      course: 'shipped',
    });
    assert.deepStrictEqual(refFromNotesPath(['en', '01-x.md'], '', opts), {
      lessonId: '01-x',
      language: 'en',
      course: 'shipped',
    });
    assert.deepStrictEqual(refFromNotesPath(['My Course', 'm1', '02-y.md'], '', opts), {
      lessonId: 'm1/02-y',
      language: 'vi',
      course: 'folder',
    });
    // Notes of another course folder, of no course folder, or not markdown: not a lesson of the course open now.
    assert.strictEqual(refFromNotesPath(['Old Course', 'a.md'], '', opts), undefined);
    assert.strictEqual(
      refFromNotesPath(['My Course', 'a.md'], '', { ...opts, courseFolderName: undefined }),
      undefined,
    );
    assert.strictEqual(refFromNotesPath(['vi', 'notes.txt'], '', opts), undefined);
    assert.strictEqual(refFromNotesPath(['loose.md'], '', opts), undefined);
    // A course folder named "vi" is found under "vi (course)", never as a shipped lesson.
    assert.deepStrictEqual(refFromNotesPath(['vi (course)', 'a.md'], '', { ...opts, courseFolderName: 'vi' }), {
      lessonId: 'a',
      language: 'vi',
      course: 'folder',
    });
  });

  it('round-trips: the path a lesson gets maps back to it', () => {
    const place = { course: 'folder' as const, language: 'vi' as const, courseFolderName: 'My Course', path: 'm/x.md' };
    assert.deepStrictEqual(refFromNotesPath(notesSegments(place), '', opts), {
      lessonId: 'm/x',
      language: 'vi',
      course: 'folder',
    });
  });

  it('gives a course-folder lesson one notes key in either language', () => {
    assert.strictEqual(
      refKey({ lessonId: 'a', language: 'vi', course: 'folder' }),
      refKey({ lessonId: 'a', language: 'en', course: 'folder' }),
    );
    assert.notStrictEqual(
      refKey({ lessonId: 'a', language: 'vi', course: 'shipped' }),
      refKey({ lessonId: 'a', language: 'en', course: 'shipped' }),
    );
  });
});

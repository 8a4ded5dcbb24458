// The Annotations view's model (features/annotations/treeModel.ts, no VS Code): grouping, order, orphans, filter.
import * as assert from 'assert';
import type { NotesEntry } from '../../src/core/annotations/notesFile';
import {
  firstLine,
  foldForFilter,
  lessonChildren,
  lessonNodes,
  shortQuote,
  type LessonAnnotations,
} from '../../src/features/annotations/treeModel';

function entry(id: string, exact: string, note: string, section?: string): NotesEntry {
  return {
    id,
    color: 'yellow',
    section,
    exact,
    prefix: '',
    suffix: '',
    start: 0,
    end: exact.length,
    note,
    span: { start: 0, end: 0 },
    noteSpan: { start: 0, end: 0 },
    line: 0,
  };
}

const lesson: LessonAnnotations = {
  ref: { lessonId: '03-concepts', language: 'vi', course: 'shipped' },
  key: 'shipped/vi/03-concepts',
  title: 'Khái niệm',
  sections: [
    { id: 'sieu', title: 'Siêu chồng chập' },
    { id: 'mach', title: 'Mạch' },
  ],
  anchored: [
    { entry: entry('b', 'mạch cảm ứng', 'xem lại', 'mach'), range: { start: 500, end: 512 } },
    { entry: entry('a', 'hiện tượng siêu chồng chập', 'Ý chính\nthứ hai', 'sieu'), range: { start: 100, end: 126 } },
    { entry: entry('c', 'trước tiêu đề', ''), range: { start: 5, end: 18 } },
    { entry: entry('d', 'một câu đã bị xóa', 'ghi chú cũ', 'sieu'), range: undefined },
    { entry: entry('e', 'đầu mục', '', 'sieu'), range: { start: 90, end: 97 } },
  ],
  readOnly: false,
};

const ids = (nodes: ReturnType<typeof lessonChildren>) =>
  nodes.map((n) =>
    n.kind === 'section' || n.kind === 'orphans'
      ? `${n.kind}:${n.kind === 'section' ? n.title : ''}[${n.items.map((i) => (i.kind === 'annotation' ? i.entry.id : '?')).join(',')}]`
      : n.kind,
  );

describe('Annotations view: the tree model', () => {
  it('groups a lesson by section in the lesson order, entries by place, no-section first, orphans last', () => {
    assert.deepStrictEqual(ids(lessonChildren(lesson, '', 'Before')), [
      'section:Before[c]',
      'section:Siêu chồng chập[e,a]',
      'section:Mạch[b]',
      'orphans:[d]',
    ]);
    const orphan = lessonChildren(lesson, '', 'Before').at(-1)!;
    assert.ok(orphan.kind === 'orphans' && orphan.items[0].kind === 'annotation' && orphan.items[0].orphan);
  });

  it('filters on quote or note, case- and diacritic-insensitive ("sieu chong chap" finds "siêu chồng chập")', () => {
    assert.deepStrictEqual(ids(lessonChildren(lesson, 'sieu chong chap', 'Before')), ['section:Siêu chồng chập[a]']);
    assert.deepStrictEqual(ids(lessonChildren(lesson, 'Y CHINH', 'Before')), ['section:Siêu chồng chập[a]']);
    assert.deepStrictEqual(ids(lessonChildren(lesson, 'ghi chu cu', 'Before')), ['orphans:[d]']);
    assert.deepStrictEqual(ids(lessonChildren(lesson, 'Đầu', 'Before')), ['section:Siêu chồng chập[e]']);
    assert.deepStrictEqual(lessonChildren(lesson, 'nowhere', 'Before'), []);
    assert.strictEqual(foldForFilter('Siêu CHỒNG chập'.normalize('NFD')), 'sieu chong chap');
  });

  it('lists only the lessons with something under the filter, A–Z, with how many each shows', () => {
    const other: LessonAnnotations = { ...lesson, key: 'k2', title: 'An bài', anchored: lesson.anchored.slice(0, 1) };
    const nodes = lessonNodes([lesson, other], '', 'vi');
    assert.deepStrictEqual(
      nodes.map((n) => (n.kind === 'lesson' ? `${n.lesson.title}:${n.shown}` : '?')),
      ['An bài:1', 'Khái niệm:5'],
    );
    const filtered = lessonNodes([lesson, other], 'sieu', 'vi');
    assert.deepStrictEqual(
      filtered.map((n) => (n.kind === 'lesson' ? `${n.lesson.title}:${n.shown}` : '?')),
      ['Khái niệm:1'],
    );
  });

  it('shortens a quote at a word and gives the first line of a note', () => {
    assert.strictEqual(shortQuote('a  b\nc'), 'a b c');
    const long = 'word '.repeat(30);
    const short = shortQuote(long, 20);
    assert.ok(short.length <= 21 && short.endsWith('…') && !short.includes('  '), short);
    assert.strictEqual(firstLine('\n\n  first line  \nsecond'), 'first line');
    assert.strictEqual(firstLine(''), '');
  });
});

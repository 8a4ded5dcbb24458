// Move Notes into Workspace onto a file already there: entries the target lacks are appended as written, and the
// source may be deleted only when the target holds everything it had (never drop the user's text). Copy as Quote.
import * as assert from 'assert';
import {
  formatEntry,
  newNotesFile,
  parseNotesFile,
  type Annotation,
  type NotesEntry,
  type NotesFile,
} from '../../src/core/activation';
import { mergeNotes } from '../../src/features/annotations/notesMerge';
import { quoteMarkdown } from '../../src/features/annotations/quote';

/** A stand-in notes format: an entry is `[id]` up to and including its `[/id]` line. */
function fakeParse(text: string): NotesFile {
  const entries: NotesEntry[] = [];
  const re = /^\[(\w+)\][^\n]*\n[\s\S]*?^\[\/\1\][^\n]*(\n|$)/gm;
  for (let m; (m = re.exec(text));) {
    const span = { start: m.index, end: m.index + m[0].length };
    entries.push({
      id: m[1],
      color: 'yellow',
      exact: '',
      prefix: '',
      suffix: '',
      start: 0,
      end: 0,
      note: '',
      span,
      noteSpan: span,
      line: text.slice(0, m.index).split('\n').length - 1,
    });
  }
  return { entries, diagnostics: [], readOnly: false };
}

const entry = (id: string, body = `quote of ${id}`) => `[${id}]\n${body}\n[/${id}]\n`;
const HEADER = '# Notes: Lesson\n\n';

describe('annotations: moving notes onto a file already there', () => {
  it('appends the entries the target lacks, as written, after a blank line', () => {
    const target = HEADER + entry('aaaa');
    const source = HEADER + entry('aaaa') + '\n' + entry('bbbb', 'my own words\n\nwith $x^2$');
    const m = mergeNotes(source, target, fakeParse);
    assert.deepStrictEqual(m.appended, ['bbbb']);
    assert.deepStrictEqual(m.alreadyThere, ['aaaa']);
    assert.deepStrictEqual(m.leftover, []);
    const merged = target + m.append;
    assert.strictEqual(merged, HEADER + entry('aaaa') + '\n' + entry('bbbb', 'my own words\n\nwith $x^2$'));
    assert.deepStrictEqual(
      fakeParse(merged).entries.map((e) => e.id),
      ['aaaa', 'bbbb'],
    );
  });

  it('adds nothing when the target has every entry, and then the source may go', () => {
    const text = HEADER + entry('aaaa') + '\n' + entry('bbbb');
    const m = mergeNotes(text, text, fakeParse);
    assert.strictEqual(m.append, '');
    assert.deepStrictEqual(m.leftover, []);
  });

  it("keeps the source when it holds the user's own text outside entries that the target lacks", () => {
    const source = HEADER + 'A thought I wrote between entries.\n\n' + entry('aaaa');
    const m = mergeNotes(source, HEADER, fakeParse);
    assert.deepStrictEqual(m.appended, ['aaaa']);
    assert.deepStrictEqual(m.leftover, ['A thought I wrote between entries.']);
  });

  it('keeps the source when an entry with the same id says something else in the target', () => {
    const m = mergeNotes(HEADER + entry('aaaa', 'edited here'), HEADER + entry('aaaa', 'edited there'), fakeParse);
    assert.strictEqual(m.append, '');
    assert.deepStrictEqual(m.alreadyThere, []);
    assert.strictEqual(m.leftover.length, 1);
    assert.match(m.leftover[0], /edited here/);
  });

  it("follows the target's line endings and closes a last line without one", () => {
    const target = (HEADER + entry('aaaa')).replace(/\n/g, '\r\n').replace(/\r\n$/, '');
    const m = mergeNotes(HEADER + entry('bbbb'), target, fakeParse);
    assert.ok(!/[^\r]\n/.test(m.append), JSON.stringify(m.append));
    assert.ok(m.append.startsWith('\r\n\r\n[bbbb]'), JSON.stringify(m.append));
    // CRLF in one file and LF in the other is the same entry.
    assert.deepStrictEqual(mergeNotes(HEADER + entry('aaaa'), target + '\r\n', fakeParse).leftover, []);
  });

  it('moves into an empty target without a leading gap', () => {
    const m = mergeNotes(entry('aaaa'), '', fakeParse);
    assert.strictEqual(m.append, entry('aaaa'));
  });
});

describe('annotations: moving notes, in the real notes format', () => {
  const link = 'vscode://interp-lessons.interp-lessons/lesson/what-is-mech-interp';
  const header = newNotesFile({ lessonId: 'what-is-mech-interp', language: 'en', title: 'What is it?', link });
  const annotation = (id: string, note: string): Annotation => ({
    id,
    color: 'yellow',
    section: 'why',
    exact: `The passage of ${id}.`,
    prefix: 'before ',
    suffix: ' after',
    start: 10,
    end: 30,
    note,
  });
  const written = (id: string, note = '') => formatEntry(annotation(id, note), { link: `${link}#why` });

  it('a file written elsewhere joins the one here with both entries readable and nothing lost', () => {
    const target = header + written('aaaaaaaa', 'Kept here.');
    const source =
      header + written('aaaaaaaa', 'Kept here.') + '\n' + written('bbbbbbbb', 'Written with no folder open.');
    const m = mergeNotes(source, target, parseNotesFile);
    assert.deepStrictEqual([m.appended, m.alreadyThere, m.leftover], [['bbbbbbbb'], ['aaaaaaaa'], []]);
    const merged = parseNotesFile(target + m.append);
    assert.deepStrictEqual(merged.diagnostics, []);
    assert.deepStrictEqual(
      merged.entries.map((e) => [e.id, e.note]),
      [
        ['aaaaaaaa', 'Kept here.'],
        ['bbbbbbbb', 'Written with no folder open.'],
      ],
    );
  });
});

describe('annotations: Copy as Quote', () => {
  it('quotes every line and links back to the lesson and section', () => {
    const md = quoteMarkdown('First line\n\nsecond [line]', {
      lessonTitle: 'What is [mech] interp?',
      sectionTitle: 'Linear regression',
      link: 'vscode://interp-lessons.interp-lessons/lesson/x#linear regression',
    });
    assert.strictEqual(
      md,
      '> First line\n>\n> second [line]\n>\n> — [What is \\[mech\\] interp? › Linear regression](vscode://interp-lessons.interp-lessons/lesson/x#linear%20regression)\n',
    );
  });

  it('names the lesson alone when the passage is under no section', () => {
    assert.match(quoteMarkdown('x', { lessonTitle: 'L', link: 'l' }), /> — \[L\]\(l\)\n$/);
  });
});

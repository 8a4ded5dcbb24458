// The notes file format (docs/annotations-format.md) over the written examples in test/fixtures/annotations: what
// parseNotesFile reads, the diagnostics and their lines, and the exact text every edit leaves.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import {
  deleteEntryEdit,
  formatEntry,
  insertEntryEdit,
  newAnnotationId,
  newNotesFile,
  notesAsMarkdown,
  NotesReadOnlyError,
  parseNotesFile,
  replaceNoteEdit,
  setColorEdit,
  type Annotation,
  type NotesEdit,
  type NotesEntry,
} from '../../src/core';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'annotations');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const apply = (text: string, e: NotesEdit) => text.slice(0, e.start) + e.newText + text.slice(e.end);
const LINK = 'vscode://interp-lessons.interp-lessons/lesson/02-superposition';

function entryOf(text: string, id: string): NotesEntry {
  const found = parseNotesFile(text).entries.find((e) => e.id === id);
  assert.ok(found, `no entry ${id}`);
  return found;
}

function annotation(over: Partial<Annotation> = {}): Annotation {
  return {
    id: 'new00001',
    color: 'yellow',
    section: 'more-features-than-dimensions',
    exact: 'a new quote',
    prefix: 'before ',
    suffix: ' after',
    start: 1300,
    end: 1311,
    note: '',
    ...over,
  };
}

describe('Notes file: reading the written examples', () => {
  it('normal.md: every entry, its quote, note, span and note span', () => {
    const text = fixture('normal.md');
    const file = parseNotesFile(text);
    assert.deepStrictEqual(file.diagnostics, []);
    assert.strictEqual(file.readOnly, false);
    assert.deepStrictEqual(
      file.entries.map((e) => [e.id, e.color, e.section, e.start, e.end, e.line]),
      [
        ['k3f9x2ab', 'yellow', 'more-features-than-dimensions', 1234, 1290, 8],
        ['p0q1r2s3', 'green', 'more-features-than-dimensions', 1400, 1420, 16],
        ['t0y9m0d3', 'blue', 'toy-models', 2500, 2530, 23],
      ],
    );
    const [first, second, third] = file.entries;
    assert.strictEqual(first.exact, 'a layer can represent more features\nthan it has dimensions');
    assert.strictEqual(first.prefix, 'In a model with ');
    assert.strictEqual(first.suffix, ', features share');
    assert.strictEqual(first.created, '2026-12-06T07:00:00Z');
    assert.strictEqual(first.note, 'This is the key claim: interference is the price. Compare $d$ with $n \\gg d$.');
    assert.strictEqual(text.slice(first.noteSpan.start, first.noteSpan.end), first.note);
    assert.ok(text.slice(first.span.start, first.span.end).startsWith('<!-- il:annotation v1 {"id":"k3f9x2ab"'));
    assert.ok(text.slice(first.span.start, first.span.end).endsWith('#more-features-than-dimensions)'));
    assert.strictEqual(second.note, '');
    assert.strictEqual(second.noteSpan.start, second.noteSpan.end);
    assert.strictEqual(
      third.note,
      'Read it as:\n\n1. project down with $W$;\n2. project back up with $W^T$.\n\n- the bias `b` is learned too',
    );
  });

  it('hand-edited.md: the user prose stays outside entries, a note without a link runs to the next heading', () => {
    const text = fixture('hand-edited.md');
    const file = parseNotesFile(text);
    assert.deepStrictEqual(file.diagnostics, []);
    const [a, b, c] = file.entries;
    assert.deepStrictEqual(
      file.entries.map((e) => e.id),
      ['k3f9x2ab', 'p0q1r2s3', 't0y9m0d3'],
    );
    assert.strictEqual(
      a.note,
      'The note right under the quote, no blank line.\n### A smaller heading inside the note\n\n' +
        '```python\n# a comment, not a heading\nx = W.T @ W\n```',
    );
    assert.ok(!a.note.includes('My own paragraph'));
    assert.strictEqual(b.exact, 'sparsity of the features');
    assert.strictEqual(b.note, 'Link deleted by hand: this note runs to the next heading.');
    assert.strictEqual(b.color, 'pink');
    assert.strictEqual(c.section, undefined);
    assert.strictEqual(c.created, undefined);
    assert.strictEqual(c.exact, 'W^T W x + b');
    assert.strictEqual(c.note, '');
    assert.strictEqual(text.slice(c.span.start, c.span.end), text.slice(c.span.start).trimEnd());
  });

  it('crlf.md: quotes and notes read without carriage returns, offsets into the CRLF text', () => {
    const text = fixture('crlf.md');
    const [a, b] = parseNotesFile(text).entries;
    assert.strictEqual(a.exact, 'first line\nsecond line');
    assert.strictEqual(a.note, 'A note\non two lines.');
    assert.strictEqual(text.slice(a.noteSpan.start, a.noteSpan.end), 'A note\r\non two lines.');
    assert.strictEqual(b.note, '');
    assert.strictEqual(b.line, 13);
  });

  it('malformed.md: one diagnostic per broken entry, on its anchor line; the good entries still parse', () => {
    const file = parseNotesFile(fixture('malformed.md'));
    assert.deepStrictEqual(
      file.entries.map((e) => [e.id, e.color, e.prefix]),
      [
        ['good0001', 'yellow', ''],
        ['warn0001', 'yellow', ''],
        ['good0002', 'blue', ''],
      ],
    );
    assert.strictEqual(file.entries[2].note, 'Its note.');
    assert.strictEqual(file.readOnly, false);
    const found = file.diagnostics.map((d) => [d.line, d.severity, d.message] as const);
    const expected: [number, 'error' | 'warning', RegExp][] = [
      [7, 'error', /JSON is not valid/],
      [10, 'error', /"id" must be/],
      [13, 'error', /"start" and "end"/],
      [16, 'error', /id is used already by the entry on line 5/],
      [19, 'error', /quoted passage is missing/],
      [23, 'error', /contains `--`/],
      [26, 'error', /does not end with `-->`/],
      [29, 'error', /not an object/],
      [32, 'error', /expected `<!-- il:annotation v1/],
      [35, 'error', /quoted passage is missing/],
      [38, 'warning', /"color" must be one of yellow, green, blue, pink; shown as yellow/],
      [38, 'warning', /"prefix" must be a string/],
    ];
    assert.strictEqual(found.length, expected.length, JSON.stringify(found, null, 1));
    expected.forEach(([line, severity, message], i) => {
      assert.strictEqual(found[i][0], line, `diagnostic ${i}: ${found[i][2]}`);
      assert.strictEqual(found[i][1], severity, `diagnostic ${i}: ${found[i][2]}`);
      assert.match(found[i][2], message);
    });
  });

  it('v2.md: read-only with one warning; what v1 understands is shown, the rest warned about', () => {
    const text = fixture('v2.md');
    const file = parseNotesFile(text);
    assert.strictEqual(file.readOnly, true);
    assert.deepStrictEqual(
      file.entries.map((e) => e.id),
      ['fut00001', 'old00001'],
    );
    assert.ok(file.diagnostics.every((d) => d.severity === 'warning'));
    assert.deepStrictEqual(
      file.diagnostics.map((d) => d.line),
      [2, 9],
    );
    assert.match(file.diagnostics[0].message, /format v2.*never changed/);
    const entry = file.entries[0];
    assert.throws(() => insertEntryEdit(text, annotation(), { link: LINK }), NotesReadOnlyError);
    assert.throws(() => replaceNoteEdit(text, entry, 'x'), NotesReadOnlyError);
    assert.throws(() => deleteEntryEdit(text, entry), NotesReadOnlyError);
    assert.throws(() => setColorEdit(text, entry, 'green'), NotesReadOnlyError);
  });

  it('vietnamese-nfd.md: decomposed text read as written, and a NFC section title finds the NFD heading', () => {
    const text = fixture('vietnamese-nfd.md');
    const [e] = parseNotesFile(text).entries;
    assert.strictEqual(e.exact, 'một lớp có thể biểu diễn nhiều đặc trưng\nhơn số chiều của nó'.normalize('NFD'));
    assert.notStrictEqual(e.exact, e.exact.normalize('NFC'));
    assert.strictEqual(e.prefix, 'Trong mô hình, '.normalize('NFD'));
    const edit = insertEntryEdit(text, annotation({ id: 'vi0nfd02', section: undefined, start: 200, end: 210 }), {
      sectionTitle: 'Siêu chồng chập'.normalize('NFC'),
      link: `${LINK}#sieu-chong-chap`,
    });
    const after = apply(text, edit);
    assert.strictEqual((after.match(/^## /gm) ?? []).length, 1, 'no second heading for the same title');
    assert.strictEqual(edit.start, text.length);
  });
});

describe('Notes file: writing', () => {
  const ctx = { lessonTitle: 'Superposition', sectionTitle: 'Toy models', link: `${LINK}#toy-models` };

  it('formatEntry: anchor line, quote, note, link, in that order', () => {
    const a = annotation({
      section: 'toy-models',
      exact: 'one\n\n  two -->',
      prefix: 'x--y',
      note: '\n\nA note\n## not a file heading\n\n',
      created: '2026-12-06T07:00:00Z',
    });
    assert.strictEqual(
      formatEntry(a, ctx),
      '<!-- il:annotation v1 {"id":"new00001","color":"yellow","section":"toy-models","start":1300,"end":1311,' +
        '"prefix":"x\\u002d-y","suffix":" after","created":"2026-12-06T07:00:00Z"} -->\n' +
        '> one\n>\n>   two -->\n\nA note\n ## not a file heading\n\n' +
        `[Superposition › Toy models](${LINK}#toy-models)\n`,
    );
    assert.throws(() => formatEntry(annotation({ exact: '' }), ctx), /quote is empty/);
    assert.throws(() => formatEntry(annotation(), { link: 'https://example.com/lesson/x' }), /not a lesson link/);
  });

  it('formatEntry: link text escaped, a target with parentheses or spaces encoded', () => {
    const line = formatEntry(annotation(), {
      lessonTitle: 'A [b] \\ c',
      sectionTitle: 'two\nlines',
      link: 'vscode://p.x/lesson/a (b)#s',
    }).split('\n')[3];
    assert.strictEqual(line, '[A \\[b\\] \\\\ c › two lines](vscode://p.x/lesson/a%20%28b%29#s)');
  });

  it('newNotesFile, then entries inserted in order: the exact text', () => {
    let text = newNotesFile({ lessonId: '02-superposition', language: 'en', title: 'Superposition', link: LINK });
    const head =
      '# Notes: Superposition\n\n' +
      '<!-- interp-lessons notes v1 {"lesson":"02-superposition","language":"en"}: written by the Interp Lessons ' +
      'extension; edit freely, text outside entries is kept -->\n\n' +
      `[Superposition](${LINK})\n`;
    assert.strictEqual(text, head);
    const b = annotation({ id: 'bbbb0001', section: 'toy-models', start: 50, note: 'second' });
    const a = annotation({ id: 'aaaa0001', section: 'toy-models', start: 10, exact: 'first' });
    const c = annotation({ id: 'cccc0001', section: 'intro', start: 1, exact: 'intro quote' });
    text = apply(text, insertEntryEdit(text, b, ctx));
    text = apply(text, insertEntryEdit(text, a, ctx));
    text = apply(text, insertEntryEdit(text, c, { ...ctx, sectionTitle: 'Intro', link: `${LINK}#intro` }));
    const introCtx = { ...ctx, sectionTitle: 'Intro', link: `${LINK}#intro` };
    assert.strictEqual(
      text,
      newNotesFile({ lessonId: '02-superposition', language: 'en', title: 'Superposition', link: LINK }) +
        '\n## Intro\n\n' +
        formatEntry(c, introCtx) +
        '\n## Toy models\n\n' +
        formatEntry(a, ctx) +
        '\n' +
        formatEntry(b, ctx),
    );
    assert.deepStrictEqual(
      parseNotesFile(text).entries.map((e) => e.id),
      ['cccc0001', 'aaaa0001', 'bbbb0001'],
    );
  });

  it('insertEntryEdit into a file without a final line break, and into an empty file', () => {
    const plain = annotation({ section: undefined });
    const noSection = { lessonTitle: 'Superposition', link: LINK };
    const entry = formatEntry(plain, noSection);
    const noBreak = '# Notes\n\nmy last line';
    assert.deepStrictEqual(insertEntryEdit(noBreak, plain, noSection), {
      start: noBreak.length,
      end: noBreak.length,
      newText: `\n\n${entry}`,
    });
    assert.strictEqual(apply('', insertEntryEdit('', plain, noSection)), entry);
    assert.throws(() => insertEntryEdit(entry, plain, noSection), /already/);
  });
});

describe('Notes file: edits on a hand-edited file leave everything else as it was', () => {
  const text = fixture('hand-edited.md');
  const ctx = { lessonTitle: 'Superposition', sectionTitle: 'More features than dimensions', link: `${LINK}#x` };
  const P0Q1 = '<!-- il:annotation v1 {"id":"p0q1r2s3"';

  it('insertEntryEdit: between two entries of its section, after the prose that follows the first', () => {
    const a = annotation({ start: 1300 });
    const edit = insertEntryEdit(text, a, ctx);
    assert.strictEqual(edit.start, edit.end);
    assert.strictEqual(apply(text, edit), text.replace(P0Q1, formatEntry(a, ctx) + '\n' + P0Q1));
  });

  it('insertEntryEdit: a new section before the first section whose entries come later', () => {
    const a = annotation({ section: 'intro', start: 100 });
    const intro = { ...ctx, sectionTitle: 'Intro' };
    const result = apply(text, insertEntryEdit(text, a, intro));
    const heading = '## More features than dimensions\n';
    assert.strictEqual(result, text.replace(heading, `## Intro\n\n${formatEntry(a, intro)}\n${heading}`));
  });

  it('insertEntryEdit: a new section after every section with entries goes at the end', () => {
    const a = annotation({ section: 'late', start: 5000 });
    const late = { ...ctx, sectionTitle: 'Late' };
    assert.strictEqual(apply(text, insertEntryEdit(text, a, late)), `${text}\n## Late\n\n${formatEntry(a, late)}`);
  });

  it('insertEntryEdit: no section and no title, before the first section', () => {
    const a = annotation({ section: undefined, start: 5 });
    const none = { link: LINK };
    const heading = '## More features than dimensions\n';
    assert.strictEqual(
      apply(text, insertEntryEdit(text, a, none)),
      text.replace(heading, `${formatEntry(a, none)}\n${heading}`),
    );
  });

  it('replaceNoteEdit: the note only, with its headings and links escaped', () => {
    const entry = parseNotesFile(text).entries[0];
    const oldNote = text.slice(entry.noteSpan.start, entry.noteSpan.end);
    const note = `New note\n# top heading\n[x](${LINK}#y)`;
    const result = apply(text, replaceNoteEdit(text, entry, note));
    assert.strictEqual(result, text.replace(oldNote, `New note\n # top heading\n [x](${LINK}#y)`));
    assert.strictEqual(parseNotesFile(result).entries[0].note, note);
  });

  it('replaceNoteEdit: a note added to an entry without one, and a note removed', () => {
    const c = parseNotesFile(text).entries[2];
    assert.strictEqual(
      apply(text, replaceNoteEdit(text, c, 'added')),
      text.replace(/W\^T W x \+ b\n$/, 'W^T W x + b\n\nadded\n'),
    );
    const b = parseNotesFile(text).entries[1];
    assert.strictEqual(
      apply(text, replaceNoteEdit(text, b, '  \n')),
      text.replace(
        '>sparsity of the features\n\n\n\nLink deleted by hand: this note runs to the next heading.\n',
        '>sparsity of the features\n',
      ),
    );
    const untouched = replaceNoteEdit(text, c, '');
    assert.strictEqual(untouched.start, untouched.end);
    assert.strictEqual(untouched.newText, '');
  });

  it('deleteEntryEdit: the entry and the blank line after it; the heading and the prose stay', () => {
    const [a, b, c] = parseNotesFile(text).entries;
    const bText = text.slice(b.span.start, b.span.end);
    assert.strictEqual(apply(text, deleteEntryEdit(text, b)), text.replace(bText + '\n\n', ''));
    const aText = text.slice(a.span.start, a.span.end);
    assert.strictEqual(apply(text, deleteEntryEdit(text, a)), text.replace(aText + '\n', ''));
    // The last entry has no blank line after it: the one before it goes.
    assert.strictEqual(
      apply(text, deleteEntryEdit(text, c)),
      text.replace(/\n<!-- il:annotation v1 \{"id":"t0y9m0d3"[^]*$/, ''),
    );
    assert.ok(apply(text, deleteEntryEdit(text, c)).endsWith('# Appendix\n'));
  });

  it('setColorEdit: the anchor line only', () => {
    const entry = parseNotesFile(text).entries[0];
    const result = apply(text, setColorEdit(text, entry, 'green'));
    assert.strictEqual(result, text.replace('"id":"k3f9x2ab","color":"yellow"', '"id":"k3f9x2ab","color":"green"'));
    assert.strictEqual(entryOf(result, 'k3f9x2ab').color, 'green');
  });

  it('edits find the entry again by id, and refuse one that is gone', () => {
    const entry = parseNotesFile(text).entries[1];
    const shifted = 'New first line\n' + text;
    assert.strictEqual(
      apply(shifted, setColorEdit(shifted, entry, 'blue')),
      'New first line\n' + apply(text, setColorEdit(text, entry, 'blue')),
    );
    assert.throws(() => deleteEntryEdit(apply(text, deleteEntryEdit(text, entry)), entry), /not in this notes file/);
  });
});

describe('Notes file: CRLF files stay CRLF', () => {
  const text = fixture('crlf.md');
  const ctx = {
    lessonTitle: 'Lesson',
    sectionTitle: 'Section',
    link: 'vscode://interp-lessons.interp-lessons/lesson/01-intro#section',
  };
  const lfOnly = (s: string) => /(^|[^\r])\n/.test(s);

  it('every edit writes CRLF line breaks', () => {
    const [a, b] = parseNotesFile(text).entries;
    const inserted = annotation({ id: 'crlf0003', section: 'section', start: 30, note: 'one\ntwo' });
    const results = {
      insert: apply(text, insertEntryEdit(text, inserted, ctx)),
      replace: apply(text, replaceNoteEdit(text, a, 'x\ny')),
      add: apply(text, replaceNoteEdit(text, b, 'x\ny')),
      remove: apply(text, replaceNoteEdit(text, a, '')),
      delete: apply(text, deleteEntryEdit(text, a)),
      color: apply(text, setColorEdit(text, b, 'pink')),
    };
    for (const [name, result] of Object.entries(results)) assert.ok(!lfOnly(result), `${name} wrote a bare \\n`);
    const second = '<!-- il:annotation v1 {"id":"crlf0002"';
    assert.strictEqual(
      results.insert,
      text.replace(second, formatEntry(inserted, ctx).replace(/\n/g, '\r\n') + '\r\n' + second),
    );
    assert.strictEqual(results.replace, text.replace('A note\r\non two lines.', 'x\r\ny'));
    assert.strictEqual(results.add, text.replace('> only a highlight\r\n', '> only a highlight\r\n\r\nx\r\ny\r\n'));
    assert.strictEqual(results.remove, text.replace('\r\n\r\nA note\r\non two lines.', ''));
    assert.deepStrictEqual(
      parseNotesFile(results.insert).entries.map((e) => [e.id, e.note]),
      [
        ['crlf0001', 'A note\non two lines.'],
        ['crlf0003', 'one\ntwo'],
        ['crlf0002', ''],
      ],
    );
  });
});

describe('Notes file: Copy Notes as Markdown and new ids', () => {
  it('notesAsMarkdown: the same text without anchor lines and the file comment', () => {
    const text = fixture('normal.md');
    const md = notesAsMarkdown(text);
    assert.ok(!md.includes('<!--'));
    assert.strictEqual(
      md,
      text
        .split('\n')
        .filter((l) => !l.startsWith('<!-- il:annotation'))
        .join('\n')
        .replace(/<!-- interp-lessons notes[^\n]*\n\n/, ''),
    );
    const hand = fixture('hand-edited.md');
    assert.ok(notesAsMarkdown(hand).includes('My own paragraph right after the link'));
    // Broken entries are not entries: their lines stay as the user's text.
    assert.ok(notesAsMarkdown(fixture('malformed.md')).includes('{"id":"bad00001"'));
  });

  it('newAnnotationId: 8 characters of [a-z0-9], from the random source given', () => {
    const values = [0, 0.5, 0.999999, 0.1, 0.2, 0.3, 0.4, 0.6];
    let i = 0;
    assert.strictEqual(
      newAnnotationId(() => values[i++]),
      'as9dhkov',
    );
    assert.strictEqual(
      newAnnotationId(() => NaN),
      'aaaaaaaa',
    );
    for (let k = 0; k < 100; k++) assert.match(newAnnotationId(), /^[a-z0-9]{8}$/);
  });
});

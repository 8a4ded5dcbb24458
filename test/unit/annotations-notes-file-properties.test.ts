// Properties of the notes file format (fast-check): formatEntry then parseNotesFile gives the annotation back, any
// edit leaves every byte outside the entry it changes as it was, and parsing never throws.
import * as assert from 'assert';
import fc from 'fast-check';
import {
  deleteEntryEdit,
  formatEntry,
  HIGHLIGHT_COLORS,
  insertEntryEdit,
  newNotesFile,
  normalizeNote,
  notesAsMarkdown,
  parseNotesFile,
  replaceNoteEdit,
  setColorEdit,
  type Annotation,
  type NotesEdit,
  type NotesEntry,
} from '../../src/core';

const LINK = 'vscode://interp-lessons.interp-lessons/lesson/02-superposition';
const apply = (text: string, e: NotesEdit) => text.slice(0, e.start) + e.newText + text.slice(e.end);

/** Lines that mean something to the format or to markdown, mixed into arbitrary ones. */
const TRICKY_LINES = [
  '',
  ' ',
  '\t',
  '>',
  '> x',
  '>> y',
  '-->',
  '--!>',
  '<!--',
  '<!-- il:annotation v1 {"id":"zzzz0000","color":"yellow","start":1,"end":2} -->',
  '<!-- il:annotation v2 {} -->',
  '  <!-- il:annotation',
  '# h',
  '## h',
  ' ## h',
  '   # h',
  '### h',
  '#',
  '```',
  '~~~',
  '```js',
  '````',
  '`',
  '$x$',
  '$$',
  `[a](${LINK})`,
  `[a](${LINK}#x)`,
  ` [a](${LINK}#x)`,
  `[a](<${LINK}>)`,
  'text  ',
  '  text',
  '\\',
  '*',
  '---',
  '===',
  '<script>alert(1)</script>',
  'Siêu chồng chập'.normalize('NFD'),
];

const anyLine = fc.oneof(
  fc.constantFrom(...TRICKY_LINES),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);
const text = (lines: fc.Arbitrary<string>) => fc.array(lines, { maxLength: 8 }).map((l) => l.join('\n'));
/** A quote: the lesson's plain text has no carriage returns (plainText.ts turns them into `\n`). */
const quote = text(anyLine)
  .map((s) => s.replace(/\r/g, ''))
  .filter((s) => s !== '');

const annotationArb = (id: fc.Arbitrary<string>): fc.Arbitrary<Annotation> =>
  fc
    .record(
      {
        id,
        color: fc.constantFrom(...HIGHLIGHT_COLORS),
        section: fc.option(fc.oneof(fc.constantFrom('intro', 'toy-models'), fc.string({ unit: 'binary' })), {
          nil: undefined,
        }),
        exact: quote,
        prefix: fc.string({ unit: 'binary', maxLength: 40 }),
        suffix: fc.string({ unit: 'binary', maxLength: 40 }),
        start: fc.nat({ max: 1_000_000 }),
        length: fc.nat({ max: 1000 }),
        note: text(anyLine),
        created: fc.option(fc.string({ unit: 'binary', maxLength: 30 }), { nil: undefined }),
      },
      { requiredKeys: ['id', 'color', 'exact', 'prefix', 'suffix', 'start', 'length', 'note'] },
    )
    .map(({ length, ...a }) => ({ ...a, end: a.start + length }));

const idArb = fc.stringMatching(/^[A-Za-z0-9_-]{4,32}$/);
const ctxArb = fc.record({
  sectionTitle: fc.option(fc.string({ unit: 'binary', maxLength: 30 }), { nil: undefined }),
  lessonTitle: fc.option(fc.string({ unit: 'binary', maxLength: 30 }), { nil: undefined }),
  link: fc.constantFrom(LINK, `${LINK}#intro`, 'vscode-insiders://interp-lessons.interp-lessons/lesson/a%2Fb#x (y)'),
});

/** What an entry says, without where it is. */
const content = ({ span, noteSpan, line, ...rest }: NotesEntry) => (void span, void noteSpan, void line, rest);
const expected = (a: Annotation) => {
  const { section, created, ...rest } = a;
  return {
    ...rest,
    ...(section !== undefined && { section }),
    ...(created !== undefined && { created }),
    note: normalizeNote(a.note),
  };
};

const HEADER = newNotesFile({ lessonId: '02-superposition', language: 'en', title: 'Superposition', link: LINK });

describe('Notes file properties', function () {
  this.timeout(60_000);

  it('formatEntry then parseNotesFile gives the annotation back (LF and CRLF)', () => {
    fc.assert(
      fc.property(annotationArb(idArb), ctxArb, (a, ctx) => {
        const file = `${HEADER}\n${formatEntry(a, ctx)}`;
        for (const t of [file, file.replace(/\n/g, '\r\n')]) {
          const parsed = parseNotesFile(t);
          assert.deepStrictEqual(parsed.diagnostics, []);
          assert.strictEqual(parsed.entries.length, 1);
          assert.deepStrictEqual(content(parsed.entries[0]), expected(a));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('entries inserted one by one all read back, whatever else the file holds', () => {
    const prose = text(anyLine);
    fc.assert(
      fc.property(
        prose,
        fc.uniqueArray(annotationArb(idArb), { selector: (a) => a.id, minLength: 1, maxLength: 5 }),
        ctxArb,
        (userText, annotations, ctx) => {
          let t = `${HEADER}\n${userText.replace(/^<!--/gm, ' <!--')}\n`;
          const before = parseNotesFile(t).entries.length;
          for (const a of annotations) {
            const edit = insertEntryEdit(t, a, ctx);
            assert.strictEqual(edit.start, edit.end, 'an insertion only');
            t = apply(t, edit);
          }
          const entries = parseNotesFile(t).entries;
          assert.strictEqual(entries.length, before + annotations.length);
          for (const a of annotations)
            assert.deepStrictEqual(content(entries.find((e) => e.id === a.id)!), expected(a));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('replaceNoteEdit, setColorEdit and deleteEntryEdit change only their entry', () => {
    const segment = fc.oneof(
      text(anyLine).map((s) => ({ prose: s })),
      fc.record({ a: annotationArb(idArb), ctx: ctxArb }),
    );
    fc.assert(
      fc.property(
        fc.array(segment, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        text(anyLine),
        fc.constantFrom(...HIGHLIGHT_COLORS),
        fc.boolean(),
        (segments, pick, note, color, crlf) => {
          let t = HEADER;
          for (const s of segments) t += '\n' + ('prose' in s ? s.prose + '\n' : formatEntry(s.a, s.ctx));
          if (crlf) t = t.replace(/\r?\n/g, '\r\n');
          const file = parseNotesFile(t);
          fc.pre(!file.readOnly && file.entries.length > 0);
          const entry = file.entries[pick % file.entries.length];
          const others = file.entries.filter((e) => e !== entry).map(content);
          const outside = (edit: NotesEdit, from: number, to: number) => {
            assert.ok(edit.start >= from && edit.end <= to, `edit ${edit.start}-${edit.end} outside ${from}-${to}`);
          };
          const noteEdit = replaceNoteEdit(t, entry, note);
          outside(noteEdit, entry.span.start, entry.span.end);
          const withNote = parseNotesFile(apply(t, noteEdit)).entries;
          assert.strictEqual(withNote.find((e) => e.id === entry.id)!.note, normalizeNote(note));
          assert.deepStrictEqual(withNote.filter((e) => e.id !== entry.id).map(content), others);

          const colorEdit = setColorEdit(t, entry, color);
          outside(colorEdit, entry.span.start, entry.span.end);
          const recoloured = parseNotesFile(apply(t, colorEdit)).entries;
          assert.deepStrictEqual(content(recoloured.find((e) => e.id === entry.id)!), { ...content(entry), color });

          const del = deleteEntryEdit(t, entry);
          const removed = t.slice(del.start, del.end);
          assert.ok(removed.includes(t.slice(entry.span.start, entry.span.end)));
          const rest = removed.replace(t.slice(entry.span.start, entry.span.end), '');
          assert.ok(
            /^[ \t\r\n]*$/.test(rest) && (rest.match(/\n/g) ?? []).length <= 2,
            `also removed ${JSON.stringify(rest)}`,
          );
          assert.deepStrictEqual(parseNotesFile(apply(t, del)).entries.map(content), others);
          if (crlf) for (const e of [noteEdit, colorEdit]) assert.ok(!/(^|[^\r])\n/.test(e.newText), 'CRLF kept');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('parseNotesFile and notesAsMarkdown never throw, and spans stay inside the text', () => {
    fc.assert(
      fc.property(fc.array(anyLine, { maxLength: 40 }), fc.boolean(), (lines, crlf) => {
        const t = lines.join(crlf ? '\r\n' : '\n');
        const file = parseNotesFile(t);
        for (const e of file.entries) {
          assert.ok(0 <= e.span.start && e.span.start <= e.noteSpan.start && e.noteSpan.end <= e.span.end);
          assert.ok(e.span.end <= t.length);
        }
        for (const d of file.diagnostics) assert.ok(Number.isInteger(d.line) && d.line >= 0);
        assert.strictEqual(typeof notesAsMarkdown(t), 'string');
      }),
      { numRuns: 500 },
    );
  });
});

// Hostile notes files (test/fixtures/hostile/notes: committed and generated): reading them is bounded and never
// throws, anchor JSON cannot pollute Object.prototype, the edits either work or fail with a plain Error, and every
// note and quote rendered by the lessons' renderer is inert.
import * as assert from 'assert';
import {
  deleteEntryEdit,
  insertEntryEdit,
  notesAsMarkdown,
  parseNotesFile,
  renderLesson,
  replaceNoteEdit,
  setColorEdit,
  type NotesEntry,
  type NotesFile,
} from '../../src/core';
import { hostileNotesCases, type HostileNotesCase } from '../fixtures/hostile/notes/corpus';
import { assertInert } from './helpers/inert';

/** CPU time of this process (the machines are shared: wall time swings under load, CPU time does not). */
function cpuMs<T>(f: () => T): { value: T; ms: number } {
  const start = process.cpuUsage();
  const value = f();
  const used = process.cpuUsage(start);
  return { value, ms: (used.user + used.system) / 1000 };
}

const PARSE_BOUND_MS = 2000;
/** Rendering follows the lessons' hostile bound: 3 s plus 5 ms per KB. */
const renderBound = (text: string) => 3000 + 5 * (text.length / 1024);

const prototypeNames = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');

/** A few entries of a big file are enough for the edits and the renderer: first, middle, last, and the first 100. */
function sample(entries: NotesEntry[], n: number): NotesEntry[] {
  const picked = new Set([...entries.slice(0, n), entries[entries.length >> 1], entries[entries.length - 1]]);
  return [...picked].filter((e): e is NotesEntry => !!e);
}

function checkEdits(c: HostileNotesCase, file: NotesFile): void {
  const added = {
    id: 'added001',
    color: 'blue' as const,
    section: 'h',
    exact: 'q',
    prefix: '',
    suffix: '',
    start: 3,
    end: 4,
    note: '',
  };
  const insert = () => insertEntryEdit(c.text, added, { sectionTitle: 'h', link: 'vscode://p.n/lesson/x#h' });
  for (const entry of [undefined, ...sample(file.entries, 3)]) {
    for (const edit of entry === undefined
      ? [insert]
      : [
          () => replaceNoteEdit(c.text, entry, '<script>alert(1)</script>\n# x'),
          () => setColorEdit(c.text, entry, 'pink'),
          () => deleteEntryEdit(c.text, entry),
        ]) {
      const { ms } = cpuMs(() => {
        try {
          const e = edit();
          assert.ok(e.start >= 0 && e.start <= e.end && e.end <= c.text.length);
        } catch (err) {
          assert.ok(err instanceof Error && !(err instanceof RangeError), `${c.name}: ${String(err)}`);
        }
      });
      assert.ok(ms < PARSE_BOUND_MS, `${c.name}: an edit took ${ms.toFixed(0)} ms CPU`);
    }
  }
}

function checkRendered(c: HostileNotesCase, file: NotesFile): void {
  for (const entry of sample(file.entries, 100)) {
    for (const text of [entry.note, `> ${entry.exact.replace(/\n/g, '\n> ')}`]) {
      const { value, ms } = cpuMs(() => renderLesson(text));
      assert.ok(ms < renderBound(text), `${c.name} ${entry.id}: rendering took ${ms.toFixed(0)} ms CPU`);
      assertInert(value.html);
    }
  }
}

describe('Hostile notes files', function () {
  this.timeout(120_000);
  const cases = hostileNotesCases();
  const before = prototypeNames();

  it('has the committed files and the generated big cases', () => {
    assert.ok(cases.filter((c) => c.source === 'file').length >= 3);
    assert.ok(cases.some((c) => c.name === 'notes-10000-entries'));
    assert.ok(cases.some((c) => c.text.length >= 5 * 1024 * 1024));
  });

  for (const c of cases) {
    it(`${c.name}: read within ${PARSE_BOUND_MS} ms CPU, never throws, edits bounded, notes inert`, () => {
      const { value: file, ms } = cpuMs(() => parseNotesFile(c.text));
      assert.ok(ms < PARSE_BOUND_MS, `parseNotesFile took ${ms.toFixed(0)} ms CPU`);
      const md = cpuMs(() => notesAsMarkdown(c.text));
      assert.ok(md.ms < PARSE_BOUND_MS, `notesAsMarkdown took ${md.ms.toFixed(0)} ms CPU`);
      for (const d of file.diagnostics) assert.ok(Number.isInteger(d.line) && d.line >= 0 && d.message.length < 1000);
      checkEdits(c, file);
      checkRendered(c, file);
      assert.strictEqual(prototypeNames(), before, 'Object.prototype changed');
      assert.strictEqual(({} as Record<string, unknown>).polluted, undefined);
    });
  }

  it('__proto__ and constructor keys in anchor JSON stay data', () => {
    const c = cases.find((x) => x.name === 'notes-proto-pollution')!;
    const file = parseNotesFile(c.text);
    assert.deepStrictEqual(
      file.entries.map((e) => [e.id, e.color, e.note]),
      [
        ['proto001', 'yellow', ''],
        ['proto002', 'green', ''],
        ['__proto__', 'blue', ''],
        ['constructor', 'blue', ''],
        ['hasOwnProperty', 'blue', ''],
        ['proto003', 'yellow', ''],
        ['proto004', 'yellow', ''],
      ],
    );
    for (const e of file.entries) assert.strictEqual(Object.getPrototypeOf(e), Object.prototype);
    // Only id, start and end inherited from a __proto__ key: not an entry.
    assert.match(file.diagnostics[0].message, /"id" must be/);
    const edit = setColorEdit(c.text, file.entries[0], 'green');
    assert.match(edit.newText, /"__proto__":\{"polluted":"yes"/, 'the key is kept as written');
    const again = parseNotesFile(c.text.slice(0, edit.start) + edit.newText + c.text.slice(edit.end));
    assert.strictEqual(again.entries[0].color, 'green');
    assert.strictEqual(({} as Record<string, unknown>).polluted, undefined);
  });

  it('big and deep anchors: read or refused with a diagnostic, rewritten or refused with a plain Error', () => {
    const deep = cases.find((x) => x.name === 'notes-deep-json')!;
    const file = parseNotesFile(deep.text);
    assert.deepStrictEqual(
      file.entries.map((e) => e.id),
      ['deep0001', 'deep0002'],
    );
    assert.throws(() => setColorEdit(deep.text, file.entries[0], 'pink'), /too deeply nested to rewrite/);
    assert.match(file.diagnostics[0].message, /not an object/);
    assert.match(file.diagnostics[1].message, /longer than 65536 characters/);
    const huge = parseNotesFile(cases.find((x) => x.name === 'notes-5mb-anchor-line')!.text);
    assert.deepStrictEqual(huge.entries, []);
    assert.match(huge.diagnostics[0].message, /longer than 65536 characters/);
    const many = parseNotesFile(cases.find((x) => x.name === 'notes-10000-entries')!.text);
    assert.strictEqual(many.entries.length, 10_000);
    assert.deepStrictEqual(many.diagnostics, []);
  });
});

import * as assert from 'assert';
import fc from 'fast-check';
import {
  parseGlossary,
  mergeGlossaries,
  termAt,
  MAX_GLOSSARY_CHARS,
  markdownCodeBlocks,
  isInCodeBlock,
} from '../../src/core';
import { sampleGlossary } from './glossary-termAt.test';

const entry = (id: string, extra = '') =>
  `{ "id": "${id}", "terms": { "en": ["${id} term"] }, "definition": { "en": "Def of ${id}." }, "explanation": { "en": "" }${extra} }`;
const file = (...entries: string[]) => `{\n  "version": 1,\n  "entries": [\n    ${entries.join(',\n    ')}\n  ]\n}\n`;

describe('parseGlossary', () => {
  it('reads a valid file without problems', () => {
    const { glossary, problems } = parseGlossary(file(entry('a'), entry('b', ', "related": ["a"]')), 'g.json');
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(
      glossary.entries.map((e) => e.id),
      ['a', 'b'],
    );
    assert.strictEqual(glossary.byId.get('b')?.source, 'g.json');
  });

  it('reports malformed JSON with its line and column, and gives no entries', () => {
    const text = '{\n  "entries": [\n    { "id": "a", }\n  ]\n}';
    const { glossary, problems } = parseGlossary(text, 'bad.json');
    assert.strictEqual(glossary.entries.length, 0);
    assert.ok(problems.length >= 1);
    assert.strictEqual(problems[0].severity, 'error');
    assert.strictEqual(problems[0].line, 3);
    assert.strictEqual(problems[0].column, 18);
    assert.match(problems[0].message, /Invalid JSON: property name expected/);
    assert.strictEqual(problems[0].source, 'bad.json');
  });

  it('reports an unterminated string and comments as invalid JSON', () => {
    assert.match(parseGlossary('{ "entries": [ "x ]}', 'x').problems[0].message, /unterminated string/);
    const c = parseGlossary('{\n// note\n"entries": []}', 'x').problems;
    assert.strictEqual(c[0].line, 2);
    assert.match(c[0].message, /comments are not allowed/);
  });

  it('reports a wrong schema: not an object, no entries, wrong version', () => {
    assert.match(parseGlossary('[]', 'x').problems[0].message, /must be a JSON object/);
    assert.match(parseGlossary('{"version":1}', 'x').problems[0].message, /Missing "entries"/);
    const v = parseGlossary('{"version": 2, "entries": []}', 'x').problems;
    assert.match(v[0].message, /Unsupported glossary version 2/);
  });

  it('skips a bad entry on its line and keeps the others', () => {
    const text = file(
      entry('a'),
      '{ "id": "b", "terms": { "en": [] }, "definition": { "en": "x" } }',
      '{ "terms": { "en": ["c"] } }',
      '42',
      entry('d'),
    );
    const { glossary, problems } = parseGlossary(text, 'x');
    assert.deepStrictEqual(
      glossary.entries.map((e) => e.id),
      ['a', 'd'],
    );
    const errors = problems.filter((p) => p.severity === 'error');
    assert.deepStrictEqual(
      errors.map((p) => p.line),
      [5, 6, 7],
    );
    assert.match(errors[0].message, /"b" has no terms/);
    assert.match(errors[1].message, /without an "id"/);
    assert.match(errors[2].message, /must be an object/);
  });

  it('reports duplicate ids on the second one, pointing at the first', () => {
    const { glossary, problems } = parseGlossary(file(entry('a'), entry('b'), entry('a')), 'x');
    assert.deepStrictEqual(
      glossary.entries.map((e) => e.id),
      ['a', 'b'],
    );
    assert.strictEqual(problems.length, 1);
    assert.strictEqual(problems[0].line, 6);
    assert.match(problems[0].message, /Duplicate id "a" \(first defined on line 4\)/);
  });

  it('warns about unknown related ids unless they are known from elsewhere', () => {
    const text = file(entry('a', ', "related": ["nope", "superposition"]'));
    const p = parseGlossary(text, 'x').problems;
    assert.deepStrictEqual(
      p.map((x) => [x.line, x.severity, x.message]),
      [
        [4, 'warning', 'Unknown related id "nope".'],
        [4, 'warning', 'Unknown related id "superposition".'],
      ],
    );
    const known = parseGlossary(text, 'x', { knownIds: ['superposition'] }).problems;
    assert.deepStrictEqual(
      known.map((x) => x.message),
      ['Unknown related id "nope".'],
    );
  });

  it('warns about unknown properties and languages, wrong types', () => {
    const text = file(
      entry('a', ', "colour": "red", "formula": 3, "introducedIn": "x"').replace(
        '"en": "Def of a."',
        '"en": "Def", "fr": "Déf"',
      ),
    );
    const msgs = parseGlossary(text, 'x').problems.map((p) => p.message);
    assert.ok(msgs.some((m) => /Unknown property "colour"/.test(m)));
    assert.ok(msgs.some((m) => /Unknown language "fr"/.test(m)));
    assert.ok(msgs.some((m) => /"formula" of "a" must be a non-empty string/.test(m)));
    assert.ok(msgs.some((m) => /"introducedIn" of "a" must be/.test(m)));
    assert.strictEqual(parseGlossary(text, 'x').glossary.entries.length, 1);
  });

  it('refuses a 50 MB file with a message, without parsing it', () => {
    const big = '{"entries": [' + ' '.repeat(50 * 1024 * 1024) + ']}';
    const t0 = Date.now();
    const { glossary, problems } = parseGlossary(big, 'huge.json');
    // A bound that proves it did not parse 50 MB (that takes seconds), not a speed budget.
    assert.ok(Date.now() - t0 < 2000, `${Date.now() - t0} ms`);
    assert.strictEqual(glossary.entries.length, 0);
    assert.deepStrictEqual([problems[0].line, problems[0].column], [1, 1]);
    assert.match(problems[0].message, /File refused: 50\.0 MB is larger than the 5 MB limit/);
    assert.ok(big.length > MAX_GLOSSARY_CHARS);
  });

  it('one-language user entries fall back to the other language', () => {
    const { glossary } = parseGlossary(
      file('{ "id": "x", "terms": { "vi": ["từ riêng"] }, "definition": { "vi": "Định nghĩa." } }'),
      'x',
    );
    assert.deepStrictEqual(glossary.byId.get('x')?.terms, { vi: ['từ riêng'] });
  });
});

describe('mergeGlossaries', () => {
  const builtin = sampleGlossary();
  it('adds user entries and keeps the shipped ones', () => {
    const user = parseGlossary(file(entry('my-term')), 'mine.json').glossary;
    const merged = mergeGlossaries(builtin, user);
    assert.strictEqual(merged.entries.length, builtin.entries.length + 1);
    assert.strictEqual(termAt(merged, 'a my-term term here', 3)?.id, 'my-term');
    assert.strictEqual(termAt(merged, 'a probe', 3)?.id, 'probe');
    assert.strictEqual(
      termAt(builtin, 'a my-term term here', 3),
      undefined,
      'the shipped glossary object is not changed',
    );
  });
  it('overrides by id: given fields win, texts merge per language', () => {
    const user = parseGlossary(
      file('{ "id": "probe", "terms": { "en": ["sonde"] }, "definition": { "en": "My own definition." } }'),
      'mine.json',
    ).glossary;
    const merged = mergeGlossaries(builtin, user);
    const e = merged.byId.get('probe')!;
    assert.strictEqual(e.definition.en, 'My own definition.');
    assert.strictEqual(e.definition.vi, builtin.byId.get('probe')!.definition.vi);
    assert.deepStrictEqual(e.terms.en, ['sonde']);
    assert.deepStrictEqual(e.terms.vi, ['đầu dò']);
    assert.deepStrictEqual(e.introducedIn, builtin.byId.get('probe')!.introducedIn);
    assert.strictEqual(termAt(merged, 'a sonde', 3)?.id, 'probe');
    assert.strictEqual(termAt(merged, 'a probe', 3), undefined);
    assert.strictEqual(merged.entries.length, builtin.entries.length);
  });
  it('later user files win; a user term claimed by a new entry beats the shipped one', () => {
    const a = parseGlossary(
      file('{ "id": "mine", "terms": { "en": ["probe"] }, "definition": { "en": "A" } }'),
      'a',
    ).glossary;
    const b = parseGlossary(
      file('{ "id": "mine", "terms": { "en": ["probe"] }, "definition": { "en": "B" } }'),
      'b',
    ).glossary;
    const merged = mergeGlossaries(builtin, a, b);
    assert.strictEqual(merged.byId.get('mine')?.definition.en, 'B');
    assert.strictEqual(termAt(merged, 'probe', 0)?.id, 'mine');
  });
  it('without user files returns the shipped glossary itself (its index is reused)', () => {
    assert.strictEqual(mergeGlossaries(builtin), builtin);
  });
});

describe('markdownCodeBlocks', () => {
  const doc = [
    '# Notes', // 0
    'probe here', // 1
    '```python', // 2
    'probe = 1', // 3
    '```', // 4
    '- item', // 5
    '', // 6
    '  ~~~', // 7
    '  probe in list code', // 8
    '  ~~~', // 9
    '> ```', // 10
    '> probe quoted code', // 11
    '> ```', // 12
    '', // 13
    '    indented continuation', // 14
    '1. ````js', // 15
    '   ```', // 16: shorter fence does not close
    '   ````', // 17
    '```a `b` c', // 18: backticks in the info string: not a fence
    '~~~~', // 19
    'unclosed probe', // 20
  ].join('\n');
  const blocks = markdownCodeBlocks(doc);
  const inCode = [...Array(21).keys()].filter((l) => isInCodeBlock(blocks, l));
  it('finds fenced blocks (also in lists and quotes) and runs an unclosed fence to the end', () => {
    assert.deepStrictEqual(inCode, [2, 3, 4, 7, 8, 9, 10, 11, 12, 15, 16, 17, 19, 20]);
  });
  it('no blocks in plain prose; CRLF lines count like LF', () => {
    assert.deepStrictEqual(markdownCodeBlocks('a\nb\n'), []);
    assert.deepStrictEqual(markdownCodeBlocks('a\r\n```\r\nx\r\n```\r\nb'), [{ start: 1, end: 4 }]);
  });
  it('agrees with a plain line-by-line scan on random notes (LF, CRLF, lone CR, quotes, lists, both fences)', () => {
    // The straightforward version the jumping scanner replaced (it split every line).
    const reference = (text: string) => {
      const out: { start: number; end: number }[] = [];
      const lines = text.split(/\r\n|\r|\n/);
      let open: { char: string; length: number; start: number } | undefined;
      lines.forEach((raw, i) => {
        const line = raw.replace(/^(?: {0,3}> ?)+/, '');
        if (open) {
          const m = /^[ \t]*(`{3,}|~{3,})(.*)$/.exec(line);
          if (m && m[1][0] === open.char && m[1].length >= open.length && m[2].trim() === '') {
            out.push({ start: open.start, end: i + 1 });
            open = undefined;
          }
          return;
        }
        const m = /^[ \t]*(`{3,}|~{3,})(.*)$/.exec(line.replace(/^[ \t]*(?:[-+*]|\d{1,9}[.)])[ \t]+(?=[`~])/, ''));
        if (m && !(m[1][0] === '`' && m[2].includes('`'))) open = { char: m[1][0], length: m[1].length, start: i };
      });
      if (open) out.push({ start: open.start, end: lines.length });
      return out;
    };
    const piece = fc.constantFrom(
      '```',
      '````',
      '~~~',
      '~~~~',
      '`',
      '~',
      'x',
      ' ',
      '> ',
      '- ',
      '1. ',
      'py',
      '\n',
      '\n',
      '\r\n',
      '\r',
      '`b`',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        assert.deepStrictEqual(markdownCodeBlocks(text), reference(text));
      }),
      { seed: 15, numRuns: 3000 },
    );
  });
});

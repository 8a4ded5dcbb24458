import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { builtinGlossary, parseGlossary, termAt, findTerms, TERM_AT_MAX_COLUMN, type Glossary } from '../../src/core';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'glossary', 'sample.json');

export function sampleGlossary(): Glossary {
  const { glossary, problems } = parseGlossary(fs.readFileSync(FIXTURE, 'utf8'), 'sample.json');
  assert.deepStrictEqual(problems, []);
  return glossary;
}

/**
 * One hover case. `line` marks the expected match with «…» (no marks: no match is expected);
 * `hover` is the substring whose first character is hovered (its first occurrence, after the marks
 * are removed), optionally `+n` characters further.
 */
interface Case {
  line: string;
  hover: string;
  plus?: number;
  id?: string;
  note: string;
}

const EN: Case[] = [
  { note: 'single word', line: 'A «probe» reads a property.', hover: 'probe', id: 'probe' },
  { note: 'single word, last char', line: 'A «probe» reads.', hover: 'probe', plus: 4, id: 'probe' },
  { note: 'char after the word', line: 'A probe reads.', hover: ' reads' },
  { note: 'capitalised', line: '«Superposition» is common.', hover: 'Super', id: 'superposition' },
  { note: 'upper case', line: 'WHY «SUPERPOSITION»?', hover: 'SUPER', plus: 3, id: 'superposition' },
  { note: 'mixed case', line: 'so «sUpErPoSiTiOn» here', hover: 'sUpEr', id: 'superposition' },
  { note: 'multi-word, first word', line: 'We train a «linear probe» here.', hover: 'linear', id: 'linear-probe' },
  { note: 'multi-word, second word', line: 'We train a «linear probe» here.', hover: 'probe', id: 'linear-probe' },
  { note: 'multi-word, on the joint', line: 'We train a «linear probe» here.', hover: ' probe', id: 'linear-probe' },
  {
    note: 'longest match wins over probe',
    line: 'Each «linear probes» set',
    hover: 'probes',
    plus: 2,
    id: 'linear-probe',
  },
  { note: 'plural listed', line: 'Several «probes» were used.', hover: 'probes', id: 'probe' },
  { note: 'plural not listed', line: 'Many superpositions.', hover: 'superpositions' },
  { note: 'listed -ing form', line: 'With «linear probing» we', hover: 'probing', id: 'linear-probe' },
  { note: 'hyphen variant of a spaced term', line: 'a «linear-probe» result', hover: 'probe', id: 'linear-probe' },
  { note: 'non-breaking hyphen variant', line: 'a «linear\u2011probe» result', hover: 'linear', id: 'linear-probe' },
  { note: 'two spaces', line: 'a «linear  probe» result', hover: 'linear', id: 'linear-probe' },
  { note: 'tab between words', line: 'a «linear\tprobe» result', hover: 'linear', id: 'linear-probe' },
  { note: 'non-breaking space', line: 'a «linear\u00a0probe» result', hover: 'probe', id: 'linear-probe' },
  { note: 'comma breaks a term', line: 'linear, «probe» result', hover: 'probe', id: 'probe' },
  { note: 'comma breaks a term: first word alone', line: 'linear, probe result', hover: 'linear' },
  {
    note: 'space variant of a hyphenated term',
    line: 'no «cherry picking» please',
    hover: 'picking',
    id: 'cherry-picking',
  },
  { note: 'hyphenated term', line: 'no «cherry-picking» please', hover: 'cherry', id: 'cherry-picking' },
  { note: 'hyphenated alias', line: 'results were «cherry-picked».', hover: 'picked', id: 'cherry-picking' },
  {
    note: 'joined form of a hyphenated alias',
    line: 'a «sparse autoencoder» run',
    hover: 'auto',
    id: 'sparse-autoencoder',
  },
  { note: 'hyphenated spelling', line: 'a «sparse auto-encoder» run', hover: 'encoder', id: 'sparse-autoencoder' },
  { note: 'abbreviation', line: 'Train an «SAE» first', hover: 'SAE', id: 'sparse-autoencoder' },
  { note: 'abbreviation plural', line: 'Train «SAEs» first', hover: 'SAEs', id: 'sparse-autoencoder' },
  { note: 'PCA', line: 'Run «PCA» on it', hover: 'PCA', plus: 2, id: 'pca' },
  { note: 'PCA not in PCAP', line: 'Read the PCAP file', hover: 'PCAP' },
  { note: 'PCA not in XPCA', line: 'XPCA is different', hover: 'PCA' },
  { note: 'PCA not before digits', line: 'PCA2 is a name', hover: 'PCA' },
  { note: 'PCA in parentheses', line: 'analysis («PCA»)', hover: 'PCA', id: 'pca' },
  {
    note: 'long alias beats abbreviation context',
    line: '«principal component analysis» (PCA)',
    hover: 'component',
    id: 'pca',
  },
  { note: 'emergence not in emergences', line: 'two emergences', hover: 'emergences' },
  { note: 'emergence with punctuation', line: 'is it «emergence»?', hover: 'emergence', id: 'emergence' },
  { note: 'British and American alias', line: '«emergent behavior» and', hover: 'behavior', id: 'emergence' },
  { note: 'possessive', line: 'the «feature»’s direction', hover: 'feature', id: 'feature' },
  { note: 'curly apostrophe inside a term', line: 'By «Occam’s razor» we', hover: 'razor', id: 'occams-razor' },
  { note: 'straight apostrophe inside a term', line: "By «Occam's razor» we", hover: 's razor', id: 'occams-razor' },
  {
    note: 'underscore emphasis around a term',
    line: 'an _«superposition»_ case',
    hover: 'superposition',
    id: 'superposition',
  },
  { note: 'bold around a term', line: 'a **«ground truth»** check', hover: 'truth', id: 'ground-truth' },
  { note: 'term inside a URL path still a word', line: 'see x/«probe»/y', hover: 'probe', id: 'probe' },
  {
    note: 'three-word match from the middle',
    line: 'apply «principal component analysis» now',
    hover: 'component',
    plus: 3,
    id: 'pca',
  },
  { note: 'two adjacent terms: left', line: '«superposition» features', hover: 'position', id: 'superposition' },
  { note: 'two adjacent terms: right', line: 'superposition «features»', hover: 'features', id: 'feature' },
  { note: 'term at end of line', line: 'the «residual stream»', hover: 'stream', plus: 5, id: 'residual-stream' },
  { note: 'term at start of line', line: '«Residual stream» view', hover: 'R', id: 'residual-stream' },
  { note: 'half a multi-word term', line: 'the residual is small', hover: 'residual' },
  { note: 'mech interp alias', line: 'I like «mech interp».', hover: 'interp', id: 'mech-interp' },
  { note: 'numbers are not words of terms', line: 'probe2 and 2probe', hover: 'probe2' },
  { note: 'hover on space', line: 'probe probe', hover: ' ' },
  { note: 'hover on punctuation', line: 'probe, probe', hover: ',' },
];

const VI: Case[] = [
  { note: 'vi two-syllable term', line: 'Hiện tượng «chồng chập» xảy ra', hover: 'chồng', id: 'superposition' },
  { note: 'vi second syllable', line: 'Hiện tượng «chồng chập» xảy ra', hover: 'chập', plus: 2, id: 'superposition' },
  { note: 'vi alias, longest', line: 'Đây là «sự chồng chập» rõ rệt', hover: 'chập', id: 'superposition' },
  { note: 'vi capitalised', line: '«Chồng chập» là gì?', hover: 'Chồng', id: 'superposition' },
  { note: 'vi upper case', line: 'VỀ «CHỒNG CHẬP»', hover: 'CHẬP', id: 'superposition' },
  { note: 'vi hyphen variant', line: 'hiện tượng «chồng-chập»', hover: 'chập', id: 'superposition' },
  { note: 'vi syllable alone is not the term', line: 'chồng sách cao', hover: 'chồng' },
  { note: 'vi diacritics differ: not the term', line: 'chong chap', hover: 'chong' },
  { note: 'vi partial syllable', line: 'chồng chậpx', hover: 'chồng' },
  { note: 'vi four syllables', line: 'Dùng «đầu dò tuyến tính» để', hover: 'tuyến', id: 'linear-probe' },
  { note: 'vi longest over shorter', line: 'Dùng «đầu dò tuyến tính» để', hover: 'đầu', id: 'linear-probe' },
  { note: 'vi shorter alone', line: 'một «đầu dò» khác', hover: 'dò', id: 'probe' },
  { note: 'vi đ letter', line: '«đặc trưng» quan trọng', hover: 'trưng', id: 'feature' },
  { note: 'vi old-style tone placement', line: 'một «bộ tự mã hoá thưa»', hover: 'hoá', id: 'sparse-autoencoder' },
  { note: 'vi new-style tone placement', line: 'một «bộ tự mã hóa thưa»', hover: 'thưa', id: 'sparse-autoencoder' },
  { note: 'vi term after English', line: 'superposition = «chồng chập»', hover: 'chập', id: 'superposition' },
  { note: 'vi in parentheses', line: 'chân lý (ground truth) và «chân lý nền»', hover: 'nền', id: 'ground-truth' },
  { note: 'vi English in parentheses', line: 'chân lý nền («ground truth»)', hover: 'truth', id: 'ground-truth' },
  { note: 'vi term with comma', line: '«tính trồi», rồi', hover: 'trồi', id: 'emergence' },
  { note: 'vi alias', line: 'có «hành vi trồi» không', hover: 'hành', id: 'emergence' },
  { note: 'vi long alias', line: '«khả năng diễn giải cơ chế» là', hover: 'năng', id: 'mech-interp' },
  { note: 'vi shorter alias inside', line: 'về «diễn giải cơ chế»', hover: 'cơ', id: 'mech-interp' },
  { note: 'vi luồng dư', line: 'ghi vào «luồng dư» của', hover: 'dư', id: 'residual-stream' },
  { note: 'vi word boundary with letter after', line: 'luồng dưa hấu', hover: 'luồng' },
];

/** Builds the line in a normal form; marks give the expected span, normalised part by part so offsets stay exact. */
function materialise(c: Case, form: 'NFC' | 'NFD') {
  const m = /^(.*?)«(.*?)»(.*)$/su.exec(c.line);
  const [before, match, after] = m ? [m[1], m[2], m[3]] : [c.line, '', ''];
  const line = before.normalize(form) + match.normalize(form) + after.normalize(form);
  const hoverText = c.hover.normalize(form);
  const at = line.indexOf(hoverText);
  assert.ok(at >= 0, `hover text ${c.hover} not in line`);
  // `plus` counts characters of the NFC text: step over whole NFD clusters.
  let character = at;
  for (let k = 0; k < (c.plus ?? 0); k++) {
    character++;
    while (character < line.length && /\p{M}/u.test(line[character])) character++;
  }
  const expected = m
    ? { start: before.normalize(form).length, end: before.normalize(form).length + match.normalize(form).length }
    : undefined;
  return { line, character, expected };
}

describe('termAt', () => {
  const g = sampleGlossary();
  const table: { name: string; c: Case; form: 'NFC' | 'NFD' }[] = [];
  for (const c of EN) table.push({ name: `en: ${c.note}`, c, form: 'NFC' });
  for (const c of VI) {
    table.push({ name: `vi NFC: ${c.note}`, c, form: 'NFC' });
    table.push({ name: `vi NFD: ${c.note}`, c, form: 'NFD' });
  }

  it(`has at least 80 table cases (${table.length})`, () => assert.ok(table.length >= 80));

  for (const { name, c, form } of table) {
    it(name, () => {
      const { line, character, expected } = materialise(c, form);
      const got = termAt(g, line, character);
      if (!expected) {
        assert.strictEqual(got, undefined, `expected no match, got ${JSON.stringify(got)}`);
        return;
      }
      assert.ok(got, `expected ${c.id} at ${character} in ${JSON.stringify(line)}`);
      assert.deepStrictEqual(got, {
        id: c.id,
        start: expected.start,
        end: expected.end,
        text: line.slice(expected.start, expected.end),
      });
    });
  }

  describe('NFD offsets map to the original text', () => {
    it('returns the NFD substring, not the NFC one', () => {
      const line = 'Về chồng chập.'.normalize('NFD');
      const got = termAt(g, line, line.indexOf('ch'))!;
      assert.strictEqual(got.text, 'chồng chập'.normalize('NFD'));
      assert.strictEqual(line.slice(got.start, got.end), got.text);
      assert.strictEqual(got.end - got.start, 'chồng chập'.normalize('NFD').length);
      assert.notStrictEqual(got.end - got.start, 'chồng chập'.length);
    });
    it('mixed: NFC term in an NFD line', () => {
      const line = 'Về '.normalize('NFD') + 'chồng chập' + ' ổn'.normalize('NFD');
      const got = termAt(g, line, line.indexOf('chồng') + 1)!;
      assert.strictEqual(got.id, 'superposition');
      assert.strictEqual(got.start, 'Về '.normalize('NFD').length);
    });
    it('hovering a combining mark of an NFD letter', () => {
      const line = 'chồng chập'.normalize('NFD');
      const mark = [...line].findIndex((ch) => /\p{M}/u.test(ch));
      assert.strictEqual(termAt(g, line, mark)?.id, 'superposition');
    });
  });

  describe('inline code spans', () => {
    const cases: [string, string, string | undefined][] = [
      ['a `linear probe` b', 'probe', undefined],
      ['a `probe` b probe', 'probe` b', undefined],
      ['a `x` b probe', 'probe', 'probe'],
      ['a ``code `probe` x`` probe', 'probe` x', undefined],
      ['a ``x`` probe', 'probe', 'probe'],
      ['unclosed `probe here', 'probe', 'probe'],
      ['escaped \\`probe` here', 'probe', 'probe'],
      ['`a` probe `b`', 'probe', 'probe'],
    ];
    for (const [line, hover, id] of cases) {
      it(`${JSON.stringify(line)} at ${JSON.stringify(hover)} → ${id ?? 'none'}`, () => {
        assert.strictEqual(termAt(g, line, line.indexOf(hover))?.id, id);
      });
    }
    it('plain text mode ignores backticks', () => {
      assert.strictEqual(termAt(g, 'a `probe` b', 3, { codeSpans: false })?.id, 'probe');
    });
  });

  describe('empty, whitespace and out-of-range positions', () => {
    for (const [line, ch] of [
      ['', 0],
      [' ', 0],
      ['\t\t', 1],
      ['     ', 4],
      ['probe', -1],
      ['probe', 5],
      ['probe', 99],
      ['probe', NaN],
    ] as [string, number][]) {
      it(`${JSON.stringify(line)} at ${ch}`, () => assert.strictEqual(termAt(g, line, ch), undefined));
    }
    it('emoji around a term (surrogate pairs)', () => {
      const line = '😀probe😀 linear probe😀';
      assert.strictEqual(termAt(g, line, 2)?.text, 'probe');
      assert.strictEqual(termAt(g, line, line.indexOf('linear'))?.text, 'linear probe');
    });
    it('an empty glossary matches nothing', () => {
      assert.strictEqual(termAt(parseGlossary('{"entries":[]}', 'x').glossary, 'probe', 1), undefined);
    });
  });

  describe('long lines', () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(400); // 10,800 chars
    it('10,000-char line: term near the end', () => {
      const line = filler + 'a linear probe here';
      const at = line.indexOf('probe');
      assert.deepStrictEqual(termAt(g, line, at), {
        id: 'linear-probe',
        start: line.indexOf('linear'),
        end: at + 5,
        text: 'linear probe',
      });
    });
    it('10,000-char line: term at the start', () => {
      assert.strictEqual(termAt(g, 'ground truth ' + filler, 3)?.id, 'ground-truth');
    });
    it('10,000-char line: no term', () => assert.strictEqual(termAt(g, filler, 5000), undefined));
    it('10,000-char line with code spans before the term', () => {
      const line = '`x` '.repeat(2500) + 'probe';
      assert.strictEqual(termAt(g, line, line.length - 2)?.id, 'probe');
    });
    it('10,000 letters without a boundary: no match, no slowness', () => {
      const line = 'a'.repeat(5000) + 'probe' + 'a'.repeat(5000);
      assert.strictEqual(termAt(g, line, 5002), undefined);
    });
    it('a word longer than the scan window is not a term', () => {
      const line = 'x'.repeat(3000) + 'probe';
      assert.strictEqual(termAt(g, line, line.length - 1), undefined);
    });
    // Its speed is a bench figure (npm run bench -- glossary: termAt.oneMegabyteLine).
    it('1 MB single line: works near the start, declines past the column limit', () => {
      const line = ('probe ' + 'x'.repeat(94)).repeat(10_500);
      assert.strictEqual(termAt(g, line, 2)?.id, 'probe');
      assert.strictEqual(termAt(g, line, TERM_AT_MAX_COLUMN + 2), undefined);
      assert.strictEqual(termAt(g, line, 900_002), undefined);
    });
  });
});

describe('findTerms', () => {
  const g = sampleGlossary();
  it('finds every term left to right, longest first, without overlaps', () => {
    const text = 'The linear probes and probes of the residual stream show superposition of features.';
    assert.deepStrictEqual(
      findTerms(g, text).map((m) => [m.id, m.text]),
      [
        ['linear-probe', 'linear probes'],
        ['probe', 'probes'],
        ['residual-stream', 'residual stream'],
        ['superposition', 'superposition'],
        ['feature', 'features'],
      ],
    );
  });
  it('NFD text keeps original offsets', () => {
    const text = 'Về chồng chập và đặc trưng'.normalize('NFD');
    for (const m of findTerms(g, text)) assert.strictEqual(text.slice(m.start, m.end), m.text);
    assert.deepStrictEqual(
      findTerms(g, text).map((m) => m.id),
      ['superposition', 'feature'],
    );
  });
  it('finds every shipped term as typed, in NFC, NFD, upper case and with tone marks in the other order', () => {
    // Most words are ruled out before they are normalised (a hash of their base letters): this must never
    // rule out a word that can start a term, whatever its normal form or case.
    const shipped = builtinGlossary();
    const variants = (t: string) =>
      [
        t,
        t.normalize('NFC'),
        t.normalize('NFD'),
        t.toUpperCase(),
        t.normalize('NFD').replace(/([\u0300\u0301\u0303\u0309\u0323])([\u0302\u0306\u031b])/g, '$2$1'),
      ].filter(
        (v) =>
          v.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '') ===
          t.toLowerCase().normalize('NFD').replace(/\p{M}/gu, ''),
      );
    let checked = 0;
    for (const entry of shipped.entries) {
      for (const term of Object.values(entry.terms).flat()) {
        for (const v of variants(term ?? '')) {
          const text = `(${v}) x`;
          const m = findTerms(shipped, text)[0];
          assert.ok(
            m && m.start === 1 && m.end >= 1 + v.trim().length,
            `${JSON.stringify(v)} (${entry.id}) not found: ${JSON.stringify(findTerms(shipped, text))}`,
          );
          checked++;
        }
      }
    }
    assert.ok(checked > 500, `${checked} forms checked`);
  });
  // Word boundaries and hashes come from one scan over the text; these pin what a word is at its edges.
  const found = (text: string) => findTerms(g, text).map((m) => [m.id, m.text]);
  it('a term next to punctuation is found; a term glued to letters or digits is not', () => {
    assert.deepStrictEqual(found('(probe), «probe»; "linear probe"! probe.'), [
      ['probe', 'probe'],
      ['probe', 'probe'],
      ['linear-probe', 'linear probe'],
      ['probe', 'probe'],
    ]);
    assert.deepStrictEqual(found('xprobe probex probe2 2probe'), []);
    assert.deepStrictEqual(found('SAE, SAEs; SAEx'), [
      ['sparse-autoencoder', 'SAE'],
      ['sparse-autoencoder', 'SAEs'],
    ]);
  });
  it('emoji and other astral characters are boundaries; astral letters are part of a word', () => {
    assert.deepStrictEqual(found('\u{1F600}probe\u{1F600} linear\u{1F600}probe'), [
      ['probe', 'probe'],
      ['probe', 'probe'],
    ]);
    // U+1D400 MATHEMATICAL BOLD CAPITAL A is a letter: it glues to the word after it.
    assert.deepStrictEqual(found('\u{1D400}probe probe\u{1D400}'), []);
    assert.deepStrictEqual(found('\ud800probe probe\udc00'), [
      ['probe', 'probe'],
      ['probe', 'probe'],
    ]);
  });
  it('diacritics belong to their word: a mark after a term makes another word', () => {
    const vi = 'Về chồng chập, đặc trưng và ĐẦU DÒ TUYẾN TÍNH.';
    assert.deepStrictEqual(found(vi), [
      ['superposition', 'chồng chập'],
      ['feature', 'đặc trưng'],
      ['linear-probe', 'ĐẦU DÒ TUYẾN TÍNH'],
    ]);
    assert.deepStrictEqual(
      found(vi.normalize('NFD')).map(([id]) => id),
      ['superposition', 'feature', 'linear-probe'],
    );
    assert.deepStrictEqual(found('probe\u0301 prob\u00e9 đầu dò\u0301'), []);
    // "dò" alone is no term, "đầu dò" is, and "đầu" + "dò" must be the same two words in NFC and NFD.
    assert.deepStrictEqual(found('đầu dò tuyến'.normalize('NFD')), [
      ['probe', 'đầu dò tuyến'.normalize('NFD').slice(0, 'đầu dò'.normalize('NFD').length)],
    ]);
  });
  it('a multi-word term spans a line break inside one text (markdown splits soft breaks into separate text tokens)', () => {
    assert.deepStrictEqual(found('a linear\nprobe and linear\r\nprobes'), [
      ['linear-probe', 'linear\nprobe'],
      ['linear-probe', 'linear\r\nprobes'],
    ]);
    assert.deepStrictEqual(found('linear,\nprobe'), [['probe', 'probe']]);
  });
  it('gives the same answers after a very long text (its word buffers are not kept)', () => {
    const long = 'probe '.repeat(70_000);
    assert.strictEqual(findTerms(g, long).length, 70_000);
    assert.deepStrictEqual(found('linear probe'), [['linear-probe', 'linear probe']]);
    assert.deepStrictEqual(found(''), []);
  });
});

// Re-anchoring quotes after a lesson changed (issue 16): anchorQuote, describeRange, anchorAnnotations on a
// shipped lesson's plain text and on small texts made for one situation each. Fixed fast-check seed (FC_SEED to
// replay another).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import {
  anchorAnnotations,
  anchorQuote,
  builtinGlossary,
  describeRange,
  lessonPlainText,
  renderLesson,
  type TextRange,
} from '../../src/core';

const SEED = Number(process.env.FC_SEED ?? 16_2026_12);
const RUNS = Number(process.env.FC_RUNS ?? 200);
const LESSONS = path.resolve(__dirname, '..', '..', 'lessons');

function plainTextOf(file: string): string {
  const md = fs.readFileSync(path.join(LESSONS, file), 'utf8');
  return lessonPlainText(renderLesson(md, { glossary: builtinGlossary() }).html);
}

/** The range of `needle` in `text` (which must hold it once). */
function rangeOf(text: string, needle: string): TextRange {
  const start = text.indexOf(needle);
  assert.ok(start >= 0, `not in the text: ${needle}`);
  assert.strictEqual(text.indexOf(needle, start + 1), -1, `more than once in the text: ${needle}`);
  return { start, end: start + needle.length };
}

function sliceOf(text: string, r: TextRange | undefined): string | undefined {
  return r && text.slice(r.start, r.end);
}

// A lesson-like text with sections, and one passage annotated in the middle of the second.
const SECTION_1 =
  'Superposition\nA model can represent more features than it has dimensions, by letting them overlap. ' +
  'This works when features are sparse: few are active at once.\n';
const SECTION_2 =
  'Probing\nA linear probe is trained on frozen activations to predict a property of the input. ' +
  'High probe accuracy shows the information is linearly decodable, not that the model uses it. ' +
  'Interventions are needed for that.\n';
const SECTION_3 = 'Circuits\nA circuit is a subgraph of the model that implements a behaviour.\n';
const BASE = SECTION_1 + SECTION_2 + SECTION_3;
const QUOTE = 'High probe accuracy shows the information is linearly decodable';

describe('Annotations: anchoring quotes', () => {
  const sel = describeRange(BASE, rangeOf(BASE, QUOTE));

  it('describeRange: the quote, 32 characters of context each side and the start', () => {
    assert.strictEqual(sel.exact, QUOTE);
    assert.strictEqual(sel.prefix, BASE.slice(BASE.indexOf(QUOTE) - 32, BASE.indexOf(QUOTE)));
    assert.strictEqual(sel.suffix, ', not that the model uses it. In');
    assert.strictEqual(sel.start, BASE.indexOf(QUOTE));
    const edge = describeRange('abc', { start: 0, end: 3 }, 10);
    assert.deepStrictEqual(edge, { exact: 'abc', prefix: '', suffix: '', start: 0 });
    // Never half a surrogate pair at the outer edge of the context.
    const emoji = 'x\u{1F600}abcdef';
    const d = describeRange(emoji, { start: 4, end: 5 }, 2);
    assert.strictEqual(d.prefix, 'a');
    assert.strictEqual(d.exact, 'b');
  });

  it('unchanged text: the same range', () => {
    assert.deepStrictEqual(anchorQuote(BASE, sel), rangeOf(BASE, QUOTE));
    assert.deepStrictEqual(anchorQuote(BASE, { exact: QUOTE }), rangeOf(BASE, QUOTE));
  });

  it('paragraphs inserted above: follows the passage', () => {
    const text = 'Preface\nTwo new paragraphs of introduction.\nAnd another one, longer than the first.\n' + BASE;
    assert.strictEqual(sliceOf(text, anchorQuote(text, sel)), QUOTE);
  });

  it('a word inside the quote reworded: the reworded passage', () => {
    const text = BASE.replace('linearly decodable', 'linearly readable');
    const r = anchorQuote(text, sel);
    assert.strictEqual(sliceOf(text, r), 'High probe accuracy shows the information is linearly readable');
  });

  it('the context reworded: still the passage (the quote is exact)', () => {
    const text = BASE.replace('to predict a property of the input', 'to predict some property of each input').replace(
      'not that the model uses it',
      'not that the network relies on it',
    );
    assert.strictEqual(sliceOf(text, anchorQuote(text, sel)), QUOTE);
  });

  it('the passage deleted: an orphan', () => {
    const text = BASE.replace(QUOTE + ', not that the model uses it. ', '');
    assert.strictEqual(anchorQuote(text, sel), undefined);
    assert.strictEqual(anchorQuote(SECTION_1 + SECTION_3, sel), undefined);
  });

  it('a near-copy pasted in another section: the original while it is there; an orphan once it is deleted', () => {
    const copy = 'Also, high probe accuracy shows that information is linearly decodable in these layers.\n';
    const kept = SECTION_1 + SECTION_2 + SECTION_3 + copy;
    assert.deepStrictEqual(anchorQuote(kept, sel), rangeOf(kept, QUOTE));
    const keptFirst = SECTION_1 + copy + SECTION_2 + SECTION_3;
    assert.deepStrictEqual(anchorQuote(keptFirst, sel), rangeOf(keptFirst, QUOTE));
    // The original deleted, the near-copy elsewhere: its context does not match, so no anchor.
    const deleted = SECTION_1 + SECTION_2.replace(QUOTE + ', not that the model uses it. ', '') + SECTION_3 + copy;
    assert.strictEqual(anchorQuote(deleted, sel), undefined);
    // The same near-copy, but where the passage was (its context kept): that is the passage, reworded.
    const inPlace = BASE.replace(QUOTE, 'High probe accuracy shows that information is linearly decodable');
    assert.strictEqual(
      sliceOf(inPlace, anchorQuote(inPlace, sel)),
      'High probe accuracy shows that information is linearly decodable',
    );
  });

  it('typography: curly or straight quotes, dashes, non-breaking and repeated spaces', () => {
    const base = 'Before. He said “the map is not the territory” – twice. After this sentence.\n';
    const s = describeRange(base, rangeOf(base, '“the map is not the territory” – twice'));
    for (const changed of [
      'Before. He said "the map is not the territory" - twice. After this sentence.\n',
      'Before. He said "the map is not the territory" — twice. After this sentence.\n',
      'Before.  He said “the map\u00a0is not the  territory”\u2009–\u00a0twice. After this sentence.\n',
      "Before. He said 'the map is not the territory' − twice. After this sentence.\n".replace(/'/g, '"'),
    ]) {
      const r = anchorQuote(changed, s);
      assert.ok(r, changed);
      assert.match(sliceOf(changed, r)!, /^.the map\s+is not the\s+territory.\s*.\s*twice$/u, changed);
    }
    // And the other way round: a quote typed with straight quotes finds the curly ones.
    const r = anchorQuote(base, { exact: '"the map is not the territory" - twice' });
    assert.strictEqual(sliceOf(base, r), '“the map is not the territory” – twice');
  });

  it('NFC and NFD anchor alike (Vietnamese), ranges in the text as it is', () => {
    const nfc = 'Mở đầu.\nMô hình ngôn ngữ biểu diễn nhiều đặc trưng hơn số chiều của nó.\nKết thúc phần này.\n';
    const nfd = nfc.normalize('NFD');
    assert.notStrictEqual(nfc.length, nfd.length);
    const quote = 'biểu diễn nhiều đặc trưng';
    const s = describeRange(nfc, rangeOf(nfc, quote));
    const r = anchorQuote(nfd, s);
    assert.ok(r);
    assert.strictEqual(sliceOf(nfd, r), quote.normalize('NFD'));
    // An NFD quote in NFC text.
    const back = anchorQuote(nfc, { exact: quote.normalize('NFD'), prefix: s.prefix.normalize('NFD') });
    assert.deepStrictEqual(back, rangeOf(nfc, quote));
    // Mixed: the text partly NFD, the quote NFC, with the position shifted by the longer text before it.
    const mixed = 'Mở đầu.\n'.normalize('NFD') + nfc.slice('Mở đầu.\n'.length);
    assert.strictEqual(sliceOf(mixed, anchorQuote(mixed, s)), quote);
  });

  it('two identical sentences: told apart by their context', () => {
    const same = 'The residual stream is a sum of the outputs of every layer.';
    const text = `Attention.\nIn attention heads: ${same} Heads read it.\nMLPs.\nIn MLP layers: ${same} Neurons read it.\n`;
    const second = text.lastIndexOf(same);
    const s = describeRange(text, { start: second, end: second + same.length });
    // Moved, so the stored start no longer helps; the context still tells which.
    const moved = 'A new first paragraph, quite long, that moves everything below it.\n' + text;
    assert.deepStrictEqual(anchorQuote(moved, s), {
      start: moved.lastIndexOf(same),
      end: moved.lastIndexOf(same) + same.length,
    });
    assert.deepStrictEqual(anchorQuote(moved, { ...s, start: 0 }), {
      start: moved.lastIndexOf(same),
      end: moved.lastIndexOf(same) + same.length,
    });
  });

  it('two identical sentences with the same context: told apart by the stored position, else orphans', () => {
    const block = 'Exercise.\nCompute the logit difference for the two prompts.\nAnswer below.\n';
    const text = `Part one.\n${block}Part two.\n${block}`;
    const quote = 'Compute the logit difference for the two prompts.';
    const first = text.indexOf(quote);
    const second = text.lastIndexOf(quote);
    // The context (32 characters) is the same around both.
    const s1 = describeRange(text, { start: first, end: first + quote.length }, 10);
    const s2 = describeRange(text, { start: second, end: second + quote.length }, 10);
    assert.strictEqual(s1.prefix, s2.prefix);
    assert.strictEqual(s1.suffix, s2.suffix);
    const moved = 'Preface.\n' + text;
    const shift = 'Preface.\n'.length;
    assert.deepStrictEqual(anchorQuote(moved, s1), { start: first + shift, end: first + shift + quote.length });
    assert.deepStrictEqual(anchorQuote(moved, s2), { start: second + shift, end: second + shift + quote.length });
    // Without a position, nothing tells them apart: an orphan rather than a guess.
    assert.strictEqual(anchorQuote(moved, { ...s1, start: undefined }), undefined);
  });

  it('a short quote whose context is gone: an orphan, not the first place it occurs', () => {
    const text = 'The model is small. The model is big. The model is old.\n';
    assert.strictEqual(
      anchorQuote(text, { exact: 'model', prefix: 'Our transformer ', suffix: ' was trained' }),
      undefined,
    );
    // A prefix longer than the text before an occurrence does not match there.
    assert.deepStrictEqual(anchorQuote('abab', { exact: 'ab', prefix: 'ab' }), { start: 2, end: 4 });
    // Even once: a word met somewhere else, with nothing of its context, is not the passage.
    assert.strictEqual(anchorQuote('One model only.', { exact: 'model', prefix: 'xyz', suffix: ' was' }), undefined);
    // With one side of its context, it is.
    assert.deepStrictEqual(anchorQuote('One model only.', { exact: 'model', prefix: 'One ', suffix: ' was' }), {
      start: 4,
      end: 9,
    });
    // Without context stored (a quote at both ends of the text), the quote alone decides.
    assert.deepStrictEqual(anchorQuote('One model only.', { exact: 'model' }), { start: 4, end: 9 });
  });

  it('on a shipped lesson: 200 passages re-anchor after a paragraph is inserted and words change around them', () => {
    const text = plainTextOf('en/03-concepts-and-terms.md');
    const inserted = 'A new paragraph written above every annotation of this lesson.\n\n';
    const at = text.indexOf('\n') + 1;
    const changed = text.slice(0, at) + inserted + text.slice(at);
    let anchored = 0;
    let wrong = 0;
    for (let k = 0; k < 200; k++) {
      const start = at + Math.floor(((text.length - at - 120) * k) / 200);
      const range = { start, end: start + 20 + (k % 80) };
      const s = describeRange(text, range);
      const r = anchorQuote(changed, s);
      if (!r) continue;
      anchored++;
      if (r.start !== range.start + inserted.length || r.end !== range.end + inserted.length) wrong++;
    }
    assert.strictEqual(wrong, 0);
    assert.strictEqual(anchored, 200);
  });

  it('every shipped lesson: text inserted or deleted away from a passage never moves it', () => {
    let seed = 7;
    const rnd = (n: number) => Math.floor(((seed = (seed * 16807) % 2147483647) / 2147483647) * n);
    const problems: string[] = [];
    for (const file of fs
      .readdirSync(path.join(LESSONS, 'en'))
      .map((f) => `en/${f}`)
      .concat(fs.readdirSync(path.join(LESSONS, 'vi')).map((f) => `vi/${f}`))) {
      if (!file.endsWith('.md')) continue;
      const text = plainTextOf(file);
      for (let k = 0; k < 60; k++) {
        const len = 10 + rnd(150);
        const start = 100 + rnd(text.length - len - 200);
        const s = describeRange(text, { start, end: start + len });
        let changed: string;
        let shift = 0;
        if (k % 2 === 0) {
          // Some of the lesson's own text, pasted above the passage (look-alikes included).
          const from = rnd(text.length - 300);
          const pasted = text.slice(from, from + rnd(300));
          const at = rnd(start - 40);
          changed = text.slice(0, at) + pasted + text.slice(at);
          shift = pasted.length;
        } else {
          const a = start + len + 40 + rnd(Math.max(1, text.length - start - len - 40));
          changed = text.slice(0, a) + text.slice(a + rnd(500));
        }
        const r = anchorQuote(changed, s);
        if (r?.start === start + shift && r.end === start + len + shift) continue;
        // Allowed: the same words with the same context somewhere else (a repeated sentence), never anything else.
        const got = sliceOf(changed, r);
        const dup = got !== undefined && got.replace(/\s+/g, ' ') === s.exact.replace(/\s+/g, ' ');
        if (!dup) problems.push(`${file} ${JSON.stringify(s.exact)} -> ${JSON.stringify(got)}`);
      }
    }
    assert.deepStrictEqual(problems, []);
  });

  it('anchorAnnotations: many on one text, in order, orphans included', () => {
    const moved = 'Preface.\n' + BASE;
    const results = anchorAnnotations(moved, [
      { id: 'a1', ...sel },
      { id: 'a2', exact: 'not in the lesson at all, anywhere', prefix: '', suffix: '', start: 3 },
      { id: 'a3', ...describeRange(BASE, rangeOf(BASE, 'A circuit is a subgraph')) },
    ]);
    assert.deepStrictEqual(
      results.map((r) => [r.id, sliceOf(moved, r.range)]),
      [
        ['a1', QUOTE],
        ['a2', undefined],
        ['a3', 'A circuit is a subgraph'],
      ],
    );
  });

  it('bounded work: a 20,000-character quote in a text of several MB, found, reworded or gone', function () {
    this.timeout(60_000);
    const words = ['model', 'feature', 'circuit', 'layer', 'head', 'neuron', 'probe', 'token', 'logit', 'vector'];
    let seed = 1;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const sentence = () => Array.from({ length: 12 }, () => words[Math.floor(rnd() * words.length)]).join(' ') + '. ';
    let big = '';
    while (big.length < 3_000_000) big += sentence();
    const quoteStart = 1_500_000;
    const range = { start: quoteStart, end: quoteStart + 20_000 };
    const s = describeRange(big, range);
    const budget = (f: () => void, ms: number, what: string) => {
      const t0 = performance.now();
      f();
      const took = performance.now() - t0;
      assert.ok(took < ms, `${what}: ${took.toFixed(0)} ms`);
    };
    budget(() => assert.deepStrictEqual(anchorQuote(big, s), range), 2000, 'unchanged');
    const shifted = 'Inserted. ' + big;
    budget(() => assert.ok(anchorQuote(shifted, s)), 2000, 'moved');
    const edited = big.slice(0, quoteStart + 10_000) + 'SOMETHING NEW' + big.slice(quoteStart + 10_020);
    budget(() => assert.ok(anchorQuote(edited, { ...s, start: 0 })), 5000, 'reworded');
    const gone = big.slice(0, quoteStart) + big.slice(quoteStart + 20_000);
    budget(() => anchorQuote(gone, s), 5000, 'gone');
    // Degenerate text: one letter repeated, and a quote of it.
    const aaa = 'a'.repeat(2_000_000);
    budget(() => anchorQuote(aaa, { exact: 'a'.repeat(5000) + 'b', prefix: 'aaa' }), 5000, 'aaa');
    budget(() => anchorQuote(aaa, { exact: 'a'.repeat(40), start: 1000 }), 5000, 'aaa exact');
  });

  it('never throws on odd selectors', () => {
    for (const s of [
      { exact: '' },
      { exact: ' ' },
      { exact: 'x', start: -5 },
      { exact: 'x', start: Number.NaN },
      { exact: 'x', start: 1e12 },
      { exact: 'abc', prefix: 'z'.repeat(10_000), suffix: '\u0301'.repeat(100) },
      { exact: '\uD800' },
    ])
      assert.doesNotThrow(() => anchorQuote('abc x abc', s));
    assert.strictEqual(anchorQuote('', { exact: 'a' }), undefined);
    assert.strictEqual(anchorQuote('abc', { exact: '' }), undefined);
  });

  describe('properties', () => {
    it('an exact quote in unchanged text always anchors to itself', () => {
      fc.assert(
        fc.property(
          fc.string({ unit: 'binary', minLength: 1, maxLength: 300 }),
          fc.nat(),
          fc.nat(),
          fc.integer({ min: 0, max: 64 }),
          (text, a, b, ctx) => {
            const start = a % text.length;
            const end = start + 1 + (b % (text.length - start));
            const s = describeRange(text, { start, end }, ctx);
            assert.deepStrictEqual(anchorQuote(text, s), { start, end });
          },
        ),
        { seed: SEED, numRuns: RUNS },
      );
    });

    it('a quote found once, without its position, anchors to itself (through the folding)', () => {
      const alphabet = fc.constantFrom(...'abcdeéếữ.,;“”–-\'"xyz'.split(''));
      fc.assert(
        fc.property(fc.array(alphabet, { minLength: 5, maxLength: 200 }), fc.nat(), fc.nat(), (chars, a, b) => {
          const text = chars.join('');
          const start = a % text.length;
          const end = start + 1 + (b % Math.min(40, text.length - start));
          const s = describeRange(text, { start, end });
          const exact = s.exact;
          // Only when the folded quote is unique in the folded text (else several are equally good).
          const f = (x: string) => x.replace(/[“”]/g, '"').replace(/–/g, '-');
          const ft = f(text);
          const fq = f(exact);
          if (ft.indexOf(fq) !== ft.lastIndexOf(fq)) return;
          assert.deepStrictEqual(anchorQuote(text, { exact, prefix: s.prefix, suffix: s.suffix }), { start, end });
        }),
        { seed: SEED, numRuns: RUNS },
      );
    });

    it('a removed quote of 30+ characters, with nothing like it left, never anchors', () => {
      const lower = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz   .'.split(''));
      const other = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split(''));
      fc.assert(
        fc.property(
          fc.array(lower, { maxLength: 2000 }),
          fc.array(other, { minLength: 30, maxLength: 300 }),
          fc.array(lower, { maxLength: 2000 }),
          fc.boolean(),
          (before, quote, after, withStart) => {
            const b = before.join('');
            const q = quote.join('');
            const original = b + q + after.join('');
            const s = describeRange(original, { start: b.length, end: b.length + q.length });
            const removed = b + after.join('');
            assert.strictEqual(anchorQuote(removed, withStart ? s : { ...s, start: undefined }), undefined);
          },
        ),
        { seed: SEED, numRuns: RUNS },
      );
    });

    it('a quote with a few letters changed, context intact, anchors to the changed passage', () => {
      const lower = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz      '.split(''));
      fc.assert(
        fc.property(
          fc.array(lower, { minLength: 40, maxLength: 800 }),
          fc.array(lower, { minLength: 40, maxLength: 200 }),
          fc.array(lower, { minLength: 40, maxLength: 800 }),
          fc.nat(),
          (before, quote, after, at) => {
            const b = before.join('') + '#';
            const q = quote.join('');
            const a = '#' + after.join('');
            if (q.trim() === '' || /\s\s/.test(b + q + a)) return;
            const s = describeRange(b + q + a, { start: b.length, end: b.length + q.length });
            // One letter replaced by an uppercase one (nothing else has one).
            const k = at % q.length;
            const changed = q.slice(0, k) + 'Q' + q.slice(k + 1);
            const r = anchorQuote('New. ' + b + changed + a, s);
            assert.deepStrictEqual(r, { start: 5 + b.length, end: 5 + b.length + q.length });
          },
        ),
        { seed: SEED, numRuns: RUNS },
      );
    });
  });
});

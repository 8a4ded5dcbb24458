// Review cards: only terms introduced in lessons the user has read, both ways and between languages; the stored
// state read back, with corrupt or foreign records set aside instead of dropped.
import * as assert from 'assert';
import { builtinGlossary, createGlossary, type GlossaryEntry } from '../../src/core/glossary';
import {
  cardFaces,
  cardKey,
  dueCards,
  formatInterval,
  gradeCard,
  nextDueTime,
  parseReviewPageMessage,
  readReviewState,
  reviewCardHtml,
  reviewCards,
  setAsideKey,
  storedReviewState,
  type CardLabels,
} from '../../src/core/review';

const entry = (id: string, lesson: string | undefined, extra: Partial<GlossaryEntry> = {}): GlossaryEntry => ({
  id,
  terms: { en: [`${id} en`], vi: [`${id} vi`] },
  definition: { en: `def of ${id}`, vi: `định nghĩa ${id}` },
  explanation: {},
  related: [],
  ...(lesson ? { introducedIn: { lesson, section: 's' } } : {}),
  ...extra,
});
const labels: CardLabels = {
  prompts: {
    'term-definition': 'Meaning?',
    'definition-term': 'Term?',
    'vi-en': 'In English?',
    'en-vi': 'In Vietnamese?',
  },
};
const T0 = Date.UTC(2026, 5, 1, 8);
const DAY = 86_400_000;

describe('review: cards', () => {
  it('from the shipped glossary, lessons 1-2 read: exactly the terms those two lessons introduce, four ways each', () => {
    const glossary = builtinGlossary();
    const read = new Set(['what-is-mech-interp', 'mech-interp-and-safety']);
    const cards = reviewCards(glossary, (id) => read.has(id));
    const terms = new Set(cards.map((c) => c.termId));
    const expected = glossary.entries.filter((e) => read.has(e.introducedIn?.lesson ?? '')).map((e) => e.id);
    assert.ok(expected.length >= 20, `lessons 1-2 introduce ${expected.length} terms`);
    assert.deepStrictEqual([...terms].sort(), [...expected].sort());
    for (const c of cards) assert.ok(read.has(glossary.byId.get(c.termId)!.introducedIn!.lesson));
    const termDefinition = cards.filter((c) => c.direction === 'term-definition').length;
    assert.strictEqual(termDefinition, expected.length);
    assert.strictEqual(cards.filter((c) => c.direction === 'definition-term').length, expected.length);
    assert.ok(cards.some((c) => c.direction === 'vi-en') && cards.some((c) => c.direction === 'en-vi'));
    assert.strictEqual(new Set(cards.map(cardKey)).size, cards.length, 'one card per term and direction');
    assert.deepStrictEqual(
      reviewCards(glossary, () => false),
      [],
    );
  });

  it("a user's entry counts when it names a read lesson (a course folder's lesson id too); no introducedIn, no card", () => {
    const glossary = createGlossary([
      entry('mine', 'my-folder/lesson-a', { source: 'my-glossary.json' }),
      entry('unread', 'my-folder/lesson-b', { source: 'my-glossary.json' }),
      entry('nowhere', undefined),
    ]);
    const cards = reviewCards(glossary, (id) => id === 'my-folder/lesson-a');
    assert.deepStrictEqual([...new Set(cards.map((c) => c.termId))], ['mine']);
  });

  it('no vi<->en cards when a term is the same in both languages; no definition cards without a definition', () => {
    const glossary = createGlossary([
      entry('same', 'l', { terms: { en: ['SAE'], vi: ['sae'] } }),
      entry('bare', 'l', { definition: {} }),
    ]);
    const ways = (id: string) =>
      reviewCards(glossary, () => true)
        .filter((c) => c.termId === id)
        .map((c) => c.direction);
    assert.deepStrictEqual(ways('same'), ['term-definition', 'definition-term']);
    assert.deepStrictEqual(ways('bare'), ['vi-en', 'en-vi']);
  });

  it('faces: term and definition in the language shown, the formula with the answer, term text escaped', () => {
    const e = entry('x', 'l', { terms: { en: ['W_U *x*'], vi: ['ma trận'] }, formula: 'W_U h' });
    const f = cardFaces(e, 'term-definition', 'vi', labels);
    assert.strictEqual(f.front, '**ma trận**');
    assert.ok(f.back.startsWith('định nghĩa x') && f.back.includes('$$\nW_U h\n$$'));
    const back = cardFaces(e, 'definition-term', 'en', labels);
    assert.strictEqual(back.front, 'def of x');
    assert.ok(back.back.startsWith('**W\\_U \\*x\\***'), back.back);
    const viEn = cardFaces(e, 'vi-en', 'en', labels);
    assert.strictEqual(viEn.front, '**ma trận**');
    assert.strictEqual(viEn.prompt, 'In English?');
  });

  it('due: reviewed cards whose date has come (earliest first), then new ones; the next due time', () => {
    const glossary = createGlossary([entry('a', 'l'), entry('b', 'l')]);
    const cards = reviewCards(glossary, () => true);
    const schedules = {
      a: { 'term-definition': { ...gradeCard(undefined, 3, T0), due: T0 + 2 * DAY } },
      b: { 'term-definition': { ...gradeCard(undefined, 3, T0), due: T0 + DAY } },
    };
    const now = T0 + 3 * DAY;
    const due = dueCards(cards, schedules, now).map(cardKey);
    assert.deepStrictEqual(due.slice(0, 2), ['b/term-definition', 'a/term-definition']);
    assert.strictEqual(due.length, cards.length);
    assert.strictEqual(dueCards(cards, schedules, T0).length, cards.length - 2);
    assert.strictEqual(nextDueTime(cards, schedules, T0), T0 + DAY);
    assert.strictEqual(nextDueTime(cards, schedules, now), undefined);
  });

  it('intervals as the buttons say them', () => {
    const L = { days: '{0}d', months: '{0}mo', years: '{0}y' };
    assert.deepStrictEqual(
      [1, 29, 45, 300, 400, 4000].map((d) => formatInterval(d, L)),
      ['1d', '29d', '1.5mo', '9.9mo', '1.1y', '11y'],
    );
  });

  it('the card HTML escapes every label and the key; the faces come as rendered', () => {
    const html = reviewCardHtml(
      {
        key: 'a"/term-definition',
        prompt: '<b>?',
        frontHtml: '<p>front</p>',
        backHtml: '<p>back</p>',
        intervals: { 1: '1d', 2: '2d', 3: '3d', 4: '8d' },
        remaining: 5,
      },
      {
        showAnswer: 'Show',
        grades: { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' },
        remaining: '{0} due',
        gradeGroup: 'G',
      },
    );
    assert.ok(html.includes('data-card="a&quot;/term-definition"'));
    assert.ok(html.includes('&lt;b&gt;?') && html.includes('<p>front</p>') && html.includes('5 due'));
    assert.ok(/<div class="il-review-back" hidden>/.test(html));
    assert.strictEqual((html.match(/data-grade="/g) ?? []).length, 4);
  });
});

describe('review: stored state', () => {
  const good = gradeCard(undefined, 3, T0);

  it('reads back what it stores; nothing stored is empty', () => {
    const schedules = { a: { 'term-definition': good } };
    assert.deepStrictEqual(readReviewState(JSON.parse(JSON.stringify(storedReviewState(schedules)))), { schedules });
    assert.deepStrictEqual(readReviewState(undefined), { schedules: {} });
  });

  it('a foreign record (another version, not a record) is set aside whole, with the reason', () => {
    for (const raw of [{ version: 2, cards: {} }, 'garbage', [1, 2], null, { version: 1, cards: [] }]) {
      const r = readReviewState(raw);
      assert.deepStrictEqual(r.schedules, {});
      assert.deepStrictEqual(r.setAside?.value, raw);
      assert.ok(r.setAside?.reason, JSON.stringify(raw));
    }
    assert.match(readReviewState({ version: 2, cards: {} }).setAside!.reason, /version 2/);
  });

  it('corrupt cards are set aside and the rest is read', () => {
    const raw = {
      version: 1,
      cards: {
        a: { 'term-definition': good, 'definition-term': { ...good, stability: -1 } },
        b: { 'some-future-direction': good },
        c: 'nonsense',
      },
    };
    const r = readReviewState(raw);
    assert.deepStrictEqual(r.schedules, { a: { 'term-definition': good } });
    assert.deepStrictEqual(r.setAside?.value, {
      version: 1,
      cards: {
        a: { 'definition-term': { ...good, stability: -1 } },
        b: { 'some-future-direction': good },
        c: 'nonsense',
      },
    });
  });

  it('the set-aside key has the time in it and never takes a key already used', () => {
    const taken = new Set(['p.2026-06-01T08-00-00-000Z']);
    assert.strictEqual(
      setAsideKey('p', T0, () => false),
      'p.2026-06-01T08-00-00-000Z',
    );
    assert.strictEqual(
      setAsideKey('p', T0, (k) => taken.has(k)),
      'p.2026-06-01T08-00-00-000Z-2',
    );
  });
});

describe('review: page messages', () => {
  it('accepts ready, shown and grade 1-4 with a key; drops anything else', () => {
    assert.deepStrictEqual(parseReviewPageMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepStrictEqual(parseReviewPageMessage({ type: 'grade', key: 'a/term-definition', grade: 3 }), {
      type: 'grade',
      key: 'a/term-definition',
      grade: 3,
    });
    assert.deepStrictEqual(parseReviewPageMessage({ type: 'shown', key: 'done', answer: false }), {
      type: 'shown',
      key: 'done',
      answer: false,
    });
    for (const bad of [
      null,
      'grade',
      { type: 'grade', key: 'a', grade: 5 },
      { type: 'grade', key: 'a', grade: '3' },
      { type: 'grade', key: '', grade: 3 },
      { type: 'grade', key: 'x'.repeat(1001), grade: 3 },
      { type: 'shown', key: 'a' },
      { type: 'run', key: 'a' },
    ])
      assert.strictEqual(parseReviewPageMessage(bad), undefined, JSON.stringify(bad));
  });
});

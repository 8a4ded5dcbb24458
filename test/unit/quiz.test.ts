// ```quiz blocks (issue 19): parsing with the reasons an author sees, checking answers, and the static HTML.
import * as assert from 'assert';
import {
  checkChoices,
  checkNumber,
  isQuizError,
  parseQuizBlock,
  parseTolerance,
  renderLesson,
  type ChoiceQuiz,
  type NumberQuiz,
  type Quiz,
  type QuizError,
} from '../../src/core';
import { assertInert } from './helpers/inert';

const yaml = (lines: string[]) => lines.join('\n') + '\n';
const SINGLE = yaml([
  'id: mirage-doubt',
  'type: single',
  'question: Which is **right**?',
  'choices:',
  '  - text: $p^k$',
  '    correct: true',
  '  - text: $kp$',
  '    hint: Tokens must all be right.',
  '    section: emergence-mirage',
  'explanation: They multiply.',
]);

function ok(source: string, line = 10): Quiz {
  const q = parseQuizBlock(source, line);
  if (isQuizError(q)) assert.fail(`${q.line}: ${q.reason}`);
  return q;
}
function bad(source: string, line = 10): QuizError {
  const q = parseQuizBlock(source, line);
  assert.ok(isQuizError(q), 'expected an error');
  return q;
}

describe('parseQuizBlock', () => {
  it('reads a single choice question with a hint and a section', () => {
    const q = ok(SINGLE) as ChoiceQuiz;
    assert.strictEqual(q.id, 'mirage-doubt');
    assert.strictEqual(q.type, 'single');
    assert.strictEqual(q.line, 10);
    assert.deepStrictEqual(q.choices, [
      { text: '$p^k$', correct: true },
      { text: '$kp$', correct: false, hint: 'Tokens must all be right.', section: 'emergence-mirage' },
    ]);
    assert.strictEqual(q.explanation, 'They multiply.');
  });

  it('reads number questions with absolute and relative tolerances and a unit', () => {
    const base = ['id: n', 'type: number', 'question: q', 'answer: 693', 'explanation: e'];
    const abs = ok(yaml([...base, 'tolerance: 5', 'unit: tests'])) as NumberQuiz;
    assert.deepStrictEqual([abs.answer, abs.tolerance, abs.unit], [693, { kind: 'absolute', value: 5 }, 'tests']);
    const rel = ok(yaml([...base, 'tolerance: "2%"'])) as NumberQuiz;
    assert.deepStrictEqual(rel.tolerance, { kind: 'relative', value: 0.02 });
  });

  it('reads an open question, whose explanation is optional', () => {
    const q = ok(yaml(['id: o', 'type: open', 'question: Why?', 'answer: |', '  Because **this**.']));
    assert.deepStrictEqual(q.type === 'open' && q.answer, 'Because **this**.');
  });

  const cases: [string, string[], RegExp, number][] = [
    ['an unknown type', ['id: a', 'type: essay', 'question: q', 'explanation: e'], /unknown type 'essay'/, 2],
    [
      'no correct choice',
      ['id: a', 'type: single', 'question: q', 'choices:', '  - text: x', '  - text: y', 'explanation: e'],
      /no choice is marked correct/,
      4,
    ],
    [
      'two correct in a single',
      [
        'id: a',
        'type: single',
        'question: q',
        'choices:',
        '  - text: x',
        '    correct: true',
        '  - text: y',
        '    correct: true',
        'explanation: e',
      ],
      /2 choices are marked correct/,
      4,
    ],
    [
      'a tolerance that is not a number',
      ['id: a', 'type: number', 'question: q', 'answer: 1', 'tolerance: about', 'explanation: e'],
      /'tolerance' is not a number/,
      5,
    ],
    [
      'an answer with a comma',
      ['id: a', 'type: number', 'question: q', 'answer: "0,5"', 'tolerance: 0.1', 'explanation: e'],
      /'answer' must be a number/,
      4,
    ],
    [
      'a missing tolerance',
      ['id: a', 'type: number', 'question: q', 'answer: 1', 'explanation: e'],
      /'tolerance' is missing/,
      1,
    ],
    ['a bad id', ['id: Bad_Id', 'type: open', 'question: q', 'answer: a'], /lowercase ASCII/, 1],
    [
      'a missing explanation',
      ['id: a', 'type: number', 'question: q', 'answer: 1', 'tolerance: 0'],
      /'explanation' is missing/,
      1,
    ],
    [
      'an unknown key',
      ['id: a', 'type: open', 'question: q', 'answer: a', 'explaination: e'],
      /unknown key 'explaination'/,
      5,
    ],
    [
      'choices on a number question',
      ['id: a', 'type: number', 'question: q', 'answer: 1', 'tolerance: 0', 'choices: []', 'explanation: e'],
      /'choices' does not belong/,
      6,
    ],
    [
      'correct that is not a boolean',
      [
        'id: a',
        'type: single',
        'question: q',
        'choices:',
        '  - text: x',
        '    correct: yes',
        '  - text: y',
        'explanation: e',
      ],
      /must be true or false/,
      6,
    ],
    [
      'a section that is not an id',
      [
        'id: a',
        'type: single',
        'question: q',
        'choices:',
        '  - text: x',
        '    correct: true',
        '  - text: y',
        '    section: "javascript:alert(1)"',
        'explanation: e',
      ],
      /section id/,
      8,
    ],
    [
      'one choice only',
      ['id: a', 'type: single', 'question: q', 'choices:', '  - text: x', '    correct: true', 'explanation: e'],
      /1 choices: a question has 2 to 12/,
      4,
    ],
    ['broken YAML', ['id: a', 'type: [open', 'question: q'], /^YAML: /, 3],
    ['not a map', ['- a', '- b'], /key: value pairs/, 1],
    ['a duplicate key', ['id: a', 'id: b', 'type: open', 'question: q', 'answer: a'], /^YAML: .*unique/i, 2],
  ];
  for (const [what, lines, reason, yamlLine] of cases)
    it(`says why: ${what}, with the file line`, () => {
      const e = bad(yaml(lines));
      assert.match(e.reason, reason);
      assert.strictEqual(e.line, 10 + yamlLine);
    });

  it('refuses anchors, aliases and custom tags (no billion laughs, no constructors)', () => {
    const laughs = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    ];
    assert.match(bad(yaml(laughs)).reason, /anchors|aliases/);
    assert.match(
      bad(yaml(['id: a', 'type: open', 'question: !!js/function "function(){}"', 'answer: a'])).reason,
      /tag/i,
    );
    assert.match(bad(yaml(['id: a', 'type: open', 'question: !foo x', 'answer: a'])).reason, /tag/i);
  });

  it('refuses blocks past the limits: size, nesting, choices, field length', () => {
    assert.match(bad('x'.repeat(20_000)).reason, /more than 16000/);
    assert.match(bad(`id: ${'['.repeat(50)}${']'.repeat(50)}\n`).reason, /nested more than/);
    const many = ['id: a', 'type: multiple', 'question: q', 'choices:'];
    for (let i = 0; i < 13; i++) many.push(`  - text: c${i}`, '    correct: true');
    assert.match(bad(yaml([...many, 'explanation: e'])).reason, /13 choices/);
    assert.match(
      bad(yaml(['id: a', 'type: open', `question: ${'q'.repeat(5000)}`, 'answer: a'])).reason,
      /longer than 4000/,
    );
  });
});

describe('checkNumber', () => {
  const q = { answer: 0.358, tolerance: { kind: 'absolute' as const, value: 0.01 }, unit: undefined };
  it('accepts a comma or a point as the decimal mark, a Unicode minus and spaces', () => {
    assert.strictEqual(checkNumber(q, '0,36').status, 'correct');
    assert.strictEqual(checkNumber(q, ' 0.35 ').status, 'correct');
    assert.strictEqual(checkNumber(q, '.36').status, 'correct');
    assert.strictEqual(checkNumber(q, '0,4').status, 'wrong');
    assert.strictEqual(checkNumber({ ...q, answer: -0.5 }, '\u22120,5').status, 'correct');
    assert.strictEqual(checkNumber({ ...q, answer: 3.58e-1 }, '3.58e-1').status, 'correct');
  });
  it('takes the tolerance at its edge and relative tolerances from the answer', () => {
    assert.strictEqual(checkNumber(q, '0.368').status, 'correct');
    assert.strictEqual(checkNumber(q, '0.3681').status, 'wrong');
    const rel = { answer: 693, tolerance: { kind: 'relative' as const, value: 0.02 }, unit: 'tests' };
    assert.strictEqual(checkNumber(rel, '706').status, 'correct');
    assert.strictEqual(checkNumber(rel, '707').status, 'wrong');
  });
  it('accepts the question unit, spaces between thousands, and rejects another unit or mixed marks', () => {
    const rel = { answer: 693147, tolerance: { kind: 'relative' as const, value: 0.01 }, unit: 'tests' };
    assert.deepStrictEqual(checkNumber(rel, '693 147 tests'), { status: 'correct', value: 693147 });
    assert.deepStrictEqual(checkNumber(rel, '693147 Tests'), { status: 'correct', value: 693147 });
    assert.deepStrictEqual(checkNumber(rel, '693147 kg'), { status: 'invalid', problem: 'unit' });
    assert.deepStrictEqual(checkNumber(rel, '693,147.0'), { status: 'invalid', problem: 'separators' });
    assert.deepStrictEqual(checkNumber(rel, ''), { status: 'invalid', problem: 'empty' });
    assert.deepStrictEqual(checkNumber(rel, 'many'), { status: 'invalid', problem: 'notANumber' });
    const pct = { answer: 36, tolerance: { kind: 'absolute' as const, value: 1 }, unit: '%' };
    assert.strictEqual(checkNumber(pct, '36 %').status, 'correct');
    assert.strictEqual(checkNumber(pct, '35,5%').status, 'correct');
  });
  it('parses tolerances as an author writes them', () => {
    assert.deepStrictEqual(parseTolerance('2 %'), { kind: 'relative', value: 0.02 });
    assert.deepStrictEqual(parseTolerance(0), { kind: 'absolute', value: 0 });
    assert.strictEqual(parseTolerance(-1), undefined);
    assert.strictEqual(parseTolerance('1e9'), undefined);
  });
});

describe('checkChoices', () => {
  const multi = {
    choices: [
      { text: 'a', correct: true },
      { text: 'b', correct: false },
      { text: 'c', correct: true },
    ],
  };
  it('is right only with every correct choice and no wrong one', () => {
    assert.deepStrictEqual(checkChoices(multi, [0, 2]), { correct: true, wrongPicks: [], missed: [] });
    assert.deepStrictEqual(checkChoices(multi, [0]), { correct: false, wrongPicks: [], missed: [2] });
    assert.deepStrictEqual(checkChoices(multi, [0, 1, 2]), { correct: false, wrongPicks: [1], missed: [] });
    assert.deepStrictEqual(checkChoices(multi, [2, 0, 0, 7, -1]), { correct: true, wrongPicks: [], missed: [] });
    assert.strictEqual(checkChoices(multi, []).correct, false);
  });
});

describe('quiz blocks in renderLesson', () => {
  const lesson = (...blocks: string[]) =>
    `# T\n\n## The mirage {#emergence-mirage}\n\nText.\n\n${blocks.map((b) => '```quiz\n' + b + '```\n').join('\n')}`;

  it('renders a question as accessible static HTML with its data attributes, and lists it', () => {
    const r = renderLesson(lesson(SINGLE));
    assertInert(r.html);
    assert.deepStrictEqual(r.quizzes, [{ id: 'mirage-doubt', type: 'single', line: 7 }]);
    assert.deepStrictEqual(r.quizErrors, []);
    assert.match(
      r.html,
      /<section class="il-quiz" data-quiz-id="mirage-doubt" data-quiz-type="single" aria-labelledby="il-quiz-mirage-doubt-q">/,
    );
    assert.match(
      r.html,
      /<div class="il-quiz-question" id="il-quiz-mirage-doubt-q"><p>Which is <strong>right<\/strong>\?<\/p>/,
    );
    assert.match(r.html, /<fieldset[^>]*><legend class="il-quiz-legend">Choose one answer<\/legend>/);
    assert.match(
      r.html,
      /<input type="radio" id="il-quiz-mirage-doubt-c0" name="il-quiz-mirage-doubt" value="0" data-quiz-choice="0" data-quiz-correct="true"><label for="il-quiz-mirage-doubt-c0"><span class="katex">/,
    );
    assert.match(
      r.html,
      /<div class="il-quiz-part il-quiz-hint" data-quiz-part="hint" data-quiz-choice="1" hidden>.*Tokens must all be right/,
    );
    assert.match(r.html, /<a href="#emergence-mirage" data-il-link="anchor">Read again: The mirage<\/a>/);
    assert.match(r.html, /data-quiz-part="explanation" hidden>/);
    assert.match(r.html, /<button type="button" class="il-quiz-button" data-quiz-action="check">Check<\/button>/);
    assert.ok(
      !/style=|<script|\son[a-z]+=/i.test(r.html.replace(/<span class="katex">[\s\S]*?<\/span><\/span><\/span>/g, '')),
    );
  });

  it('renders number and open questions; quiz headings get no ids and do not join the lesson headings', () => {
    const num = yaml([
      'id: n',
      'type: number',
      'question: "## Q {#summary}\\n\\nHow many?"',
      'answer: 693',
      'tolerance: "1%"',
      'unit: tests',
      'explanation: e',
    ]);
    const open = yaml(['id: o', 'type: open', 'question: Why?', 'answer: Because.']);
    const r = renderLesson(lesson(num, open), { labels: { numberLocale: 'vi', quiz: { check: 'Kiểm tra' } as never } });
    assertInert(r.html);
    assert.match(
      r.html,
      /data-quiz-type="number" data-quiz-answer="693" data-quiz-tolerance="1%" data-quiz-unit="tests"/,
    );
    assert.match(
      r.html,
      /<input type="text" inputmode="decimal"[^>]* data-quiz-input="number"> <span class="il-quiz-unit"/,
    );
    assert.match(r.html, />Kiểm tra<\/button>/);
    assert.match(r.html, /data-quiz-action="reveal"/);
    assert.match(r.html, /<h2>Q<\/h2>/);
    assert.deepStrictEqual(
      r.headings.map((h) => h.id),
      ['t', 'emergence-mirage'],
    );
  });

  it('shows a malformed block or a reused id as an error box with the line, the rest of the page intact', () => {
    const r = renderLesson(lesson(SINGLE, SINGLE, 'id: x\ntype: quiz\n') + '\nAfter.\n');
    assertInert(r.html);
    assert.deepStrictEqual(r.quizErrors, [
      { line: 20, reason: "the id 'mirage-doubt' is already used on line 7" },
      { line: 35, reason: "unknown type 'quiz' (single, multiple, number or open)" },
    ]);
    assert.strictEqual((r.html.match(/class="il-quiz-error"/g) ?? []).length, 2);
    assert.match(r.html, /Line 35: unknown type &#39;quiz&#39;/);
    assert.match(r.html, /<p>After.<\/p>/);
  });

  it('renders a quiz block inside a quiz field as code, never as a question', () => {
    const inner = yaml([
      'id: o',
      'type: open',
      'question: |',
      '  ~~~quiz',
      '  id: p',
      '  type: open',
      '  ~~~',
      'answer: a',
    ]);
    const r = renderLesson(lesson(inner));
    assert.deepStrictEqual(
      r.quizzes.map((q) => q.id),
      ['o'],
    );
    assert.match(r.html, /<pre><code class="language-quiz">id: p/);
  });
});

describe('quiz blocks past the limits (generated, too big to commit)', () => {
  it('shows a block of 10,000 choices as an error box, quickly', () => {
    const choices = Array.from({ length: 10_000 }, (_, i) => `  - text: "<b>${i}</b>"\n    correct: true`).join('\n');
    const md = `# T\n\n\`\`\`quiz\nid: many\ntype: multiple\nquestion: q\nchoices:\n${choices}\nexplanation: e\n\`\`\`\n`;
    const start = process.cpuUsage();
    const r = renderLesson(md);
    const used = process.cpuUsage(start);
    assert.deepStrictEqual(r.quizzes, []);
    assert.match(r.quizErrors[0].reason, /characters, more than 16000/);
    assertInert(r.html);
    assert.ok((used.user + used.system) / 1000 < 2000, 'under 2 s of CPU');
  });
});

// Answers to checked questions (issue 19): the page's messages as the host validates them, the stored record (read,
// written, what cannot be read set aside), and the tree's cheap count of a lesson's questions.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import {
  answeredCount,
  parseReaderMessage,
  quizIdsInText,
  readQuizState,
  renderLesson,
  storedQuizState,
  withQuizAnswer,
  withoutLessonAnswers,
} from '../../src/core';

const LESSONS = path.resolve(__dirname, '..', '..', 'lessons');
const answer = (o: Record<string, unknown>) =>
  parseReaderMessage({ type: 'quizAnswer', lessonId: '02-safety', quizId: 'erase-direction', ...o });

describe('quiz page messages', () => {
  it('accepts an answer of each kind and a Reset', () => {
    assert.deepStrictEqual(answer({ state: 'right', answer: [1] }), {
      type: 'quizAnswer',
      lessonId: '02-safety',
      quizId: 'erase-direction',
      state: 'right',
      answer: [1],
    });
    assert.deepStrictEqual((answer({ state: 'wrong', answer: '0,36 %' }) as { answer: unknown }).answer, '0,36 %');
    assert.strictEqual((answer({ state: 'revealed-wrong' }) as { answer?: unknown }).answer, undefined);
    assert.strictEqual((answer({ state: 'revealed-right', answer: null }) as { answer?: unknown }).answer, undefined);
    assert.deepStrictEqual(parseReaderMessage({ type: 'quizReset', lessonId: '02-safety' }), {
      type: 'quizReset',
      lessonId: '02-safety',
    });
  });

  it('refuses a bad state, quiz id, lesson id or answer', () => {
    for (const bad of [
      { state: 'correct' },
      { state: 'right', quizId: 'Erase Direction' },
      { state: 'right', quizId: 'a'.repeat(65) },
      { state: 'right', quizId: 7 },
      { state: 'right', lessonId: '' },
      { state: 'right', lessonId: 'x'.repeat(201) },
      { state: 'right', answer: 'x'.repeat(201) },
      { state: 'right', answer: [12] },
      { state: 'right', answer: [-1] },
      { state: 'right', answer: [1.5] },
      { state: 'right', answer: [2, 1] },
      { state: 'right', answer: [1, 1] },
      { state: 'right', answer: Array.from({ length: 13 }, (_, i) => i) },
      { state: 'right', answer: { 0: 1 } },
      { state: 'right', answer: 3 },
    ])
      assert.strictEqual(answer(bad), undefined, JSON.stringify(bad).slice(0, 80));
    assert.strictEqual(parseReaderMessage({ type: 'quizReset' }), undefined);
    assert.strictEqual(parseReaderMessage({ type: 'quizState', lessonId: 'a', answers: {} }), undefined);
  });
});

describe('quiz answers, stored', () => {
  const at = 1_780_000_000_000;

  it('records an answer per lesson and question, replaces it, and a Reset forgets only that lesson', () => {
    let answers = withQuizAnswer({}, '01-a', 'q-one', { state: 'wrong', answer: [0], at });
    answers = withQuizAnswer(answers, '01-a', 'q-one', { state: 'right', answer: [2], at: at + 1 });
    answers = withQuizAnswer(answers, '01-a', 'q-two', { state: 'revealed-right', at });
    answers = withQuizAnswer(answers, '02-b', 'q-one', { state: 'wrong', answer: '12', at });
    assert.deepStrictEqual(answers['01-a']['q-one'], { state: 'right', answer: [2], at: at + 1 });
    const stored = storedQuizState(answers);
    assert.deepStrictEqual(readQuizState(JSON.parse(JSON.stringify(stored))), { answers });
    const reset = withoutLessonAnswers(answers, '01-a');
    assert.deepStrictEqual(Object.keys(reset), ['02-b']);
    assert.strictEqual(storedQuizState(withoutLessonAnswers(reset, '02-b')), undefined);
    assert.deepStrictEqual(readQuizState(undefined), { answers: {} });
  });

  it('sets aside a record of another version, or no record, whole', () => {
    for (const raw of [{ version: 2, lessons: {} }, 'answers', [1, 2], { lessons: {} }, null]) {
      const read = readQuizState(raw);
      assert.deepStrictEqual(read.answers, {});
      assert.deepStrictEqual(read.setAside?.value, raw);
      assert.ok(read.setAside?.reason);
    }
  });

  it('keeps the answers it can read and sets aside the others, none dropped', () => {
    const good = { state: 'right', answer: [1], at };
    const raw = {
      version: 1,
      lessons: {
        '01-a': { 'q-one': good, 'q-two': { state: 'maybe', at }, 'Bad Id': good },
        '02-b': 'not answers',
        '03-c': { 'q-three': { state: 'wrong', answer: [5, 2], at } },
        '04-d': { 'q-four': { state: 'revealed-wrong', at: -1 } },
      },
    };
    const read = readQuizState(raw);
    assert.deepStrictEqual(read.answers, { '01-a': { 'q-one': good } });
    assert.deepStrictEqual(read.setAside?.value, {
      version: 1,
      lessons: {
        '01-a': { 'q-two': { state: 'maybe', at }, 'Bad Id': good },
        '02-b': 'not answers',
        '03-c': raw.lessons['03-c'],
        '04-d': raw.lessons['04-d'],
      },
    });
    assert.match(read.setAside?.reason ?? '', /^4 lesson/);
  });
});

describe('quiz ids read from a lesson text', () => {
  it('finds every shipped question, with the ids the renderer gives, in both languages', () => {
    for (const language of ['en', 'vi']) {
      let total = 0;
      for (const file of fs.readdirSync(path.join(LESSONS, language)).filter((f) => f.endsWith('.md'))) {
        const text = fs.readFileSync(path.join(LESSONS, language, file), 'utf8');
        const ids = quizIdsInText(text);
        assert.deepStrictEqual(
          ids,
          renderLesson(text).quizzes.map((q) => q.id),
          `${language}/${file}`,
        );
        total += ids.length;
      }
      assert.strictEqual(total, 28, language);
    }
  });

  it('skips other fences, reads longer and tilde fences, and counts a block without a visible id', () => {
    const text = [
      '````markdown',
      '```quiz',
      'id: inside-an-example',
      '```',
      '````',
      '~~~quiz',
      'question: |',
      '  id: not-this-one',
      'id: tilde-block',
      '~~~',
      '```quiz',
      'type: open',
      '```',
      '``` quiz',
      "id: 'quoted-id'",
      '```',
    ].join('\n');
    assert.deepStrictEqual(quizIdsInText(text), ['tilde-block', '', 'quoted-id']);
    assert.deepStrictEqual(quizIdsInText('no questions here'), []);
  });

  it('counts the answered questions of the lesson only', () => {
    const ids = ['a', 'b', 'c', ''];
    assert.strictEqual(answeredCount(undefined, ids), 0);
    assert.strictEqual(answeredCount({ a: {}, c: {}, gone: {} }, ids), 2);
    assert.strictEqual(answeredCount({ toString: {} }, ['toString']), 1);
    assert.strictEqual(answeredCount({}, ['constructor']), 0);
  });
});

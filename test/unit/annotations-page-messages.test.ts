// What the reader page accepts from the host about annotations (src/webview/annotations/hostMessages.ts): a
// message of the wrong shape draws nothing, an item with a bad id, colour or range is reported as not drawn
// instead of being drawn somewhere else, and missing words fall back to English.
import * as assert from 'assert';
import { DEFAULT_LABELS, parseAnnotationsMessage, revealId } from '../../src/webview/annotations/hostMessages';

const message = (over: Record<string, unknown> = {}) => ({
  type: 'annotations',
  lessonId: 'en/01',
  seq: 3,
  textLength: 100,
  items: [{ id: 'good', color: 'blue', start: 10, end: 20, noteHtml: '<p>n</p>' }],
  labels: { ...DEFAULT_LABELS, edit: 'Sửa' },
  ...over,
});

describe('Reader page: the host messages about annotations', () => {
  it('takes a well-formed message as it is', () => {
    const m = parseAnnotationsMessage(message())!;
    assert.deepStrictEqual(m.items, [{ id: 'good', color: 'blue', start: 10, end: 20, noteHtml: '<p>n</p>' }]);
    assert.deepStrictEqual([m.lessonId, m.seq, m.textLength, m.invalid, m.labels.edit], ['en/01', 3, 100, [], 'Sửa']);
  });

  it('refuses a message of the wrong shape', () => {
    for (const over of [
      { type: 'show' },
      { lessonId: 7 },
      { items: 'x' },
      { seq: 1.5 },
      { textLength: -1 },
      { textLength: '100' },
    ])
      assert.strictEqual(parseAnnotationsMessage(message(over)), undefined, JSON.stringify(over));
  });

  it('reports items with a bad colour or a range outside the text as not drawn; drops what has no usable id', () => {
    const m = parseAnnotationsMessage(
      message({
        items: [
          { id: 'past-end', color: 'blue', start: 90, end: 101 },
          { id: 'empty', color: 'blue', start: 5, end: 5 },
          { id: 'negative', color: 'blue', start: -1, end: 5 },
          { id: 'fraction', color: 'blue', start: 1.5, end: 5 },
          { id: 'purple', color: 'purple', start: 1, end: 5 },
          { id: 'x"><img', color: 'blue', start: 1, end: 5 },
          null,
          { id: 'good', color: 'pink', start: 0, end: 100, noteHtml: 42 },
          { id: 'good', color: 'green', start: 0, end: 1 },
        ],
      }),
    )!;
    assert.deepStrictEqual(m.items, [{ id: 'good', color: 'pink', start: 0, end: 100, noteHtml: '' }]);
    assert.deepStrictEqual(m.invalid, ['past-end', 'empty', 'negative', 'fraction', 'purple']);
  });

  it('fills missing or odd labels with English', () => {
    const m = parseAnnotationsMessage(message({ labels: { toolbar: '', colors: { pink: 5, blue: 'Xanh' } } }))!;
    assert.strictEqual(m.labels.toolbar, DEFAULT_LABELS.toolbar);
    assert.deepStrictEqual(m.labels.colors, { ...DEFAULT_LABELS.colors, blue: 'Xanh' });
  });

  it('reveals only a well-formed id', () => {
    assert.strictEqual(revealId({ type: 'revealAnnotation', id: 'abcd' }), 'abcd');
    assert.strictEqual(revealId({ type: 'revealAnnotation', id: 'a"]' }), undefined);
    assert.strictEqual(revealId({ type: 'annotations', id: 'abcd' }), undefined);
  });
});

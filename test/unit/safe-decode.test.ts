import * as assert from 'assert';
import { resolveLessonLink, looseName, safeDecodeURIComponent } from '../../src/core';

describe('safeDecodeURIComponent', () => {
  for (const bad of ['%E0%A4%A', '%', '%G0', 'abc%', '%E0%A4', '%ED%A0%80', '%C0%AF', '%FF']) {
    it(`gives undefined for the malformed ${JSON.stringify(bad)} (decodeURIComponent throws)`, () => {
      assert.throws(() => decodeURIComponent(bad), URIError);
      assert.strictEqual(safeDecodeURIComponent(bad), undefined);
    });
  }

  for (const [raw, decoded] of [
    ['', ''],
    ['plain-id', 'plain-id'],
    ['a%20b', 'a b'],
    ['%E0%A4%A4', '\u0924'],
    ['ch%E1%BB%93ng%20ch%E1%BA%ADp', 'chồng chập'],
    ['100%25', '100%'],
    ['a+b', 'a+b'],
  ]) {
    it(`decodes ${JSON.stringify(raw)} to ${JSON.stringify(decoded)}`, () => {
      assert.strictEqual(safeDecodeURIComponent(raw), decoded);
    });
  }

  it('lesson links with malformed escapes resolve as written instead of throwing', () => {
    const lessons = [
      { id: 'a', path: 'en/01-a.md' },
      { id: 'pct', path: 'en/100%E0%A4%A.md' },
    ];
    assert.deepStrictEqual(resolveLessonLink('en/01-a.md', '#%E0%A4%A', lessons), {
      lesson: lessons[0],
      section: '%E0%A4%A',
    });
    assert.strictEqual(resolveLessonLink('en/01-a.md', '100%E0%A4%A.md', lessons)?.lesson.id, 'pct');
    assert.strictEqual(looseName('%E0%A4%A'), 'e0a4a');
  });
});

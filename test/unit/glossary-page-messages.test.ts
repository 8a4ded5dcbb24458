import * as assert from 'assert';
import { parseEntryPageMessage } from '../../src/features/glossary/pageMessages';

describe('glossary entry page messages', () => {
  // The reader opens http, https and mailto links (src/features/lessons/reader.ts followLink); the entry page
  // follows the same policy (issue 15, defect 7: its http links did nothing).
  for (const href of [
    'https://example.com/a?b=c#d',
    'http://example.com/',
    'HTTP://EXAMPLE.COM',
    'mailto:a@example.com',
  ]) {
    it(`opens the external link ${href}`, () => {
      assert.deepStrictEqual(parseEntryPageMessage({ type: 'openExternal', href }), { type: 'openExternal', href });
    });
  }

  for (const href of [
    'javascript:alert(1)',
    'command:workbench.action.quit',
    'file:///etc/passwd',
    'vscode://interp-lessons.interp-lessons/lesson/x',
    'java\tscript:alert(1)',
    '//example.com/protocol-relative',
    '',
  ]) {
    it(`refuses ${JSON.stringify(href)} as an external link`, () => {
      assert.strictEqual(parseEntryPageMessage({ type: 'openExternal', href }), undefined);
    });
  }

  it('validates term and lesson targets', () => {
    assert.deepStrictEqual(parseEntryPageMessage({ type: 'showTerm', id: 'linear-probe' }), {
      type: 'showTerm',
      id: 'linear-probe',
    });
    assert.strictEqual(parseEntryPageMessage({ type: 'showTerm', id: '../x' }), undefined);
    assert.deepStrictEqual(parseEntryPageMessage({ type: 'showLesson', lessonId: 'intro', section: 'probes' }), {
      type: 'showLesson',
      lessonId: 'intro',
      section: 'probes',
    });
    assert.strictEqual(parseEntryPageMessage({ type: 'showLesson', lessonId: 'intro', section: '<b>' }), undefined);
    assert.strictEqual(parseEntryPageMessage(null), undefined);
    assert.strictEqual(parseEntryPageMessage({ type: 'other' }), undefined);
  });
});

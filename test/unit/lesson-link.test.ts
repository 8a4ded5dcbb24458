import * as assert from 'assert';
import { formatLessonLink } from '../../src/features/shared/lessonLink';

describe('formatLessonLink: the one link format for a lesson', () => {
  it('names the extension, the lesson and the section', () => {
    assert.strictEqual(
      formatLessonLink('vscode', 'interp-lessons.interp-lessons', {
        lessonId: 'concepts-and-terms',
        section: 'probes',
      }),
      'vscode://interp-lessons.interp-lessons/lesson/concepts-and-terms#probes',
    );
  });
  it('takes the scheme and id it is given (Insiders, a renamed publisher)', () => {
    assert.strictEqual(
      formatLessonLink('vscode-insiders', 'someone.interp-lessons', { lessonId: 'x' }),
      'vscode-insiders://someone.interp-lessons/lesson/x',
    );
  });
  it('encodes what a URI cannot hold, and decodes back to the same id and section', () => {
    const link = formatLessonLink('vscode', 'a.b', { lessonId: 'bài 1/x?y', section: 'chồng chập #2' });
    const u = new URL(link);
    assert.strictEqual(decodeURIComponent(u.pathname.replace(/^\/lesson\//, '')), 'bài 1/x?y');
    assert.strictEqual(decodeURIComponent(u.hash.slice(1)), 'chồng chập #2');
  });
});

// The lesson render job that runs in the extension host for small lessons and in the render worker for big
// ones: same output either way, and big HTML cut into parts that join back exactly.
import * as assert from 'assert';
import { moveInlineStyles, renderLesson } from '../../src/core';
import { resultInParts, runRenderJob, splitForPosting } from '../../src/features/shared/render/renderJob';
import { renderJobOf } from './helpers/renderJob';

const job = renderJobOf;

describe('render job', () => {
  it('renders as renderLesson does, with lesson links told from broken ones', () => {
    const r = runRenderJob(job('# A\n\n[next](02-b.md) and [gone](03-c.md), $x^2$\n'), { renderLesson });
    assert.match(r.rendered.html, /href="02-b\.md"[^>]*data-il-link="lesson"/);
    assert.match(r.rendered.html, /href="03-c\.md"[^>]*data-il-link="broken"/);
    assert.strictEqual((r.rendered.html.match(/class="katex"/g) ?? []).length, 1);
    assert.strictEqual(r.navigationHtml, undefined);
  });

  it('marks uncertain spots only when asked', () => {
    const text = '# A\n\nCaf\uE000é\uE001\n';
    assert.match(
      runRenderJob(job(text, { uncertainLabel: 'Uncertain' }), { renderLesson }).rendered.html,
      /<mark class="il-uncertain" title="Uncertain">é<\/mark>/,
    );
  });

  it('cuts text into parts that join back exactly, never between the halves of a surrogate pair', () => {
    const text = 'ab😀cd😀😀e'.repeat(1000);
    for (const size of [1, 2, 3, 7, 64, 4096]) {
      const parts = splitForPosting(text, Math.max(2, size));
      assert.strictEqual(parts.join(''), text);
      for (const p of parts) {
        assert.ok(p.length <= Math.max(2, size));
        assert.ok(!/[\uD800-\uDBFF]$/.test(p) && !/^[\uDC00-\uDFFF]/.test(p), `split pair at size ${size}`);
      }
    }
    assert.deepStrictEqual(splitForPosting(''), []);
  });
});

describe("render job in parts (the worker's form)", () => {
  it('moves inline styles before cutting, so a style attribute split across parts is still moved', () => {
    const text = `# A\n\n${'$x^2 + \\frac{a}{b}$ and more text. '.repeat(400)}\n`;
    const whole = runRenderJob(job(text), { renderLesson });
    const { head, parts } = resultInParts(whole);
    assert.strictEqual(head.rendered.html, '');
    assert.ok(parts.length > 1, `${parts.length} parts`);
    const joined = parts.join('');
    assert.ok(whole.rendered.html.includes(' style="') && !joined.includes(' style="'));
    assert.strictEqual(joined, moveInlineStyles(whole.rendered.html));
  });
});

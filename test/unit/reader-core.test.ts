import * as assert from 'assert';
import {
  ProgressStore,
  resolveLessonLink,
  indexLessonText,
  searchSections,
  parseReaderMessage,
  buildPageShell,
  buildLessonArticle,
  contentSecurityPolicy,
  moveInlineStyles,
  createNonce,
  renderLesson,
  LruCache,
  buildTypesetAllBanner,
} from '../../src/core';

class MemoryStore {
  data = new Map<string, unknown>();
  writes = 0;
  get<T>(k: string): T | undefined {
    return this.data.get(k) as T | undefined;
  }
  async update(k: string, v: unknown): Promise<void> {
    this.writes++;
    if (v === undefined) this.data.delete(k);
    else this.data.set(k, JSON.parse(JSON.stringify(v)));
  }
}

describe('ProgressStore', () => {
  it('goes unread → in progress → read, never back to in progress by opening', async () => {
    const s = new ProgressStore(new MemoryStore(), 'p');
    assert.strictEqual(s.get('a'), 'unread');
    await s.markOpened('a');
    assert.strictEqual(s.get('a'), 'inProgress');
    await s.set('a', 'read');
    await s.markOpened('a');
    assert.strictEqual(s.get('a'), 'read');
    assert.strictEqual(s.countRead(['a', 'b']), 1);
  });
  it('survives a new store over the same memento (a reload) and resets', async () => {
    const mem = new MemoryStore();
    await new ProgressStore(mem, 'p').set('x', 'read');
    const again = new ProgressStore(mem, 'p');
    assert.strictEqual(again.get('x'), 'read');
    let fired = 0;
    again.onDidChange(() => fired++);
    await again.reset();
    assert.strictEqual(again.get('x'), 'unread');
    assert.strictEqual(fired, 1);
  });
  it('reads corrupt stored values as unread instead of throwing', () => {
    const mem = new MemoryStore();
    mem.data.set('p', { a: 'read', b: { state: 'weird' }, c: null, d: { state: 'read' } });
    const s = new ProgressStore(mem, 'p');
    assert.deepStrictEqual(
      ['a', 'b', 'c', 'd'].map((id) => s.get(id)),
      ['unread', 'unread', 'unread', 'read'],
    );
    mem.data.set('p', 'garbage');
    assert.strictEqual(s.get('d'), 'unread');
  });
  it('does not write when nothing changes', async () => {
    const mem = new MemoryStore();
    const s = new ProgressStore(mem, 'p');
    await s.set('a', 'unread');
    await s.set('a', 'read');
    await s.set('a', 'read');
    assert.strictEqual(mem.writes, 1);
  });
});

describe('resolveLessonLink', () => {
  const lessons = [
    { id: 'one', path: '01-what-is-mech-interp.md' },
    { id: 'two', path: '02-safety.md' },
    { id: 'aero3', path: 'aero_llm_03_concepts_and_terms_in_mech_interp.md' },
    { id: 'sub', path: 'mod/index-lesson.md' },
  ];
  it('resolves exact relative paths with sections', () => {
    assert.deepStrictEqual(resolveLessonLink('01-what-is-mech-interp.md', './02-safety.md#uses', lessons), {
      lesson: lessons[1],
      section: 'uses',
    });
    assert.deepStrictEqual(resolveLessonLink('mod/index-lesson.md', '../02-safety.md', lessons), {
      lesson: lessons[1],
      section: undefined,
    });
  });
  it('resolves same-page anchors', () => {
    assert.deepStrictEqual(resolveLessonLink('02-safety.md', '#limits', lessons), {
      lesson: lessons[1],
      section: 'limits',
    });
  });
  it('resolves names that differ by case, spaces, underscores or punctuation', () => {
    assert.strictEqual(
      resolveLessonLink('02-safety.md', './Aero LLM 03 Concepts-and-Terms in Mech Interp.md', lessons)?.lesson.id,
      'aero3',
    );
    assert.strictEqual(
      resolveLessonLink('02-safety.md', 'aero_llm_03_concepts_and_terms_in_mech_interp_.md', lessons)?.lesson.id,
      'aero3',
    );
    assert.strictEqual(
      resolveLessonLink('02-safety.md', 'aero%20llm%2003%20concepts%20and%20terms%20in%20mech%20interp.md', lessons)
        ?.lesson.id,
      'aero3',
    );
  });
  it('returns undefined for unknown files and for URLs', () => {
    assert.strictEqual(resolveLessonLink('02-safety.md', './nope.md', lessons), undefined);
    assert.strictEqual(resolveLessonLink('02-safety.md', 'https://x.org/02-safety.md', lessons), undefined);
    assert.strictEqual(resolveLessonLink('02-safety.md', '../../../etc/passwd', lessons), undefined);
  });
});

describe('lesson search', () => {
  const md =
    '---\ntitle: T\n---\n# T\n\nIntro text.\n\n## Chồng chập {#superposition}\n\nNhiều đặc trưng hơn số chiều.\n\n```\ncode superposition\n```\n\n### Đo lường {#measure}\n\nĐộ thưa và lỗi.\n';
  const sections = indexLessonText('l3', '3. T', md);
  it('splits lessons into sections with their ids', () => {
    assert.deepStrictEqual(
      sections.map((s) => s.sectionId),
      [undefined, 'superposition', 'measure'],
    );
  });
  it('finds every word, case-insensitively, NFC and NFD alike, headings first', () => {
    assert.strictEqual(searchSections(sections, 'ĐẶC TRƯNG')[0].section.sectionId, 'superposition');
    assert.strictEqual(searchSections(sections, 'đặc trưng'.normalize('NFD'))[0].section.sectionId, 'superposition');
    assert.strictEqual(searchSections(sections, 'thưa lỗi')[0].section.sectionId, 'measure');
    assert.deepStrictEqual(searchSections(sections, 'code'), []);
    assert.deepStrictEqual(searchSections(sections, '   '), []);
  });
});

describe('reader page', () => {
  it('uses a strict CSP with a fresh nonce', () => {
    const a = createNonce();
    const b = createNonce();
    assert.notStrictEqual(a, b);
    assert.match(a, /^[A-Za-z0-9]{20,}$/);
    const csp = contentSecurityPolicy('vscode-webview://x', a);
    assert.strictEqual(
      csp,
      `default-src 'none'; style-src vscode-webview://x 'nonce-${a}'; font-src vscode-webview://x; img-src vscode-webview://x data:; script-src 'nonce-${a}'`,
    );
  });
  it("builds a shell with one nonce'd script and config as escaped JSON", () => {
    const html = buildPageShell({
      cspSource: 'vscode-webview://x',
      nonce: 'N1',
      scriptUri: 'https://file/reader.js',
      styleUris: ['https://file/a.css'],
      lang: 'vi',
      title: 'T"<',
      config: { label: '"></body><script>x()</script>' },
    });
    assert.strictEqual((html.match(/<script/g) ?? []).length, 1);
    assert.match(html, /<script nonce="N1" src="https:\/\/file\/reader.js"><\/script>/);
    assert.ok(!html.includes('"></body><script>x()'));
    assert.match(html, /data-config="\{&quot;label&quot;:&quot;\\&quot;&gt;&lt;\/body&gt;/);
  });
  it('moves style attributes to data-il-style (the CSP refuses inline styles)', () => {
    const r = renderLesson('$\\frac{a}{b}$\n\n| a | b |\n|:-|-:|\n| 1 | 2 |');
    const out = moveInlineStyles(r.html);
    assert.ok(!/\sstyle="/.test(out));
    assert.match(out, /data-il-style="height:/);
    assert.match(out, /data-il-style="text-align:right"/);
    assert.strictEqual(moveInlineStyles('<p>style="x"</p>'), '<p>style="x"</p>');
  });
  it('builds an article with contents, previous/next and a math-error banner', () => {
    const rendered = renderLesson('# A\n\n## One {#one}\n\n### Two {#two}\n\n$\\bad{$');
    const html = buildLessonArticle({
      lessonId: 'a',
      rendered,
      previous: { id: 'p', title: 'Prev <x>' },
      labels: {
        contents: 'Contents',
        previous: 'Previous',
        next: 'Next',
        endOfCourse: 'End',
        minutes: '{0} min',
        mathErrors: '{0} bad',
      },
    });
    assert.match(
      html,
      /<li class="il-toc-h2"><a href="#one" data-il-link="anchor">One<\/a><\/li><li class="il-toc-h3">/,
    );
    assert.match(html, /data-il-open="p"/);
    assert.match(html, /Prev &lt;x&gt;/);
    assert.match(html, /il-nav-next il-nav-none">End</);
    assert.match(html, /1 bad/);
  });
});

describe('buildTypesetAllBanner', () => {
  it('is one status banner whose button names its action; text is escaped', () => {
    const html = buildTypesetAllBanner('5 < 6 & "x"', '<b>Typeset</b>');
    assert.strictEqual(
      html,
      '<div class="il-banner il-banner-info il-typeset-all" role="status"><span>5 &lt; 6 &amp; &quot;x&quot;</span> <button type="button" class="il-run" data-il-action="typesetAllMath">&lt;b&gt;Typeset&lt;/b&gt;</button></div>\n',
    );
  });
});

describe('parseReaderMessage', () => {
  it("accepts the page's messages and rejects anything else", () => {
    assert.deepStrictEqual(parseReaderMessage({ type: 'runSnippet', id: 'study-hours' }), {
      type: 'runSnippet',
      id: 'study-hours',
    });
    assert.deepStrictEqual(parseReaderMessage({ type: 'scroll', lessonId: 'a', ratio: 7 }), {
      type: 'scroll',
      lessonId: 'a',
      ratio: 1,
      heading: undefined,
    });
    assert.deepStrictEqual(parseReaderMessage({ type: 'action', action: 'typesetAllMath' }), {
      type: 'action',
      action: 'typesetAllMath',
    });
    assert.deepStrictEqual(parseReaderMessage({ type: 'action', action: 'repairEncoding', extra: 1 }), {
      type: 'action',
      action: 'repairEncoding',
    });
    for (const bad of [
      null,
      'x',
      42,
      {},
      { type: 'eval', code: 'x' },
      { type: 'action', action: 'typesetAll' },
      { type: 'action', action: 'workbench.action.quit' },
      { type: 'runSnippet', id: '../../x' },
      { type: 'link', href: 5 },
      { type: 'link', href: 'x'.repeat(5000) },
      { type: 'scroll', lessonId: 'a', ratio: NaN },
      { type: 'rendered', lessonId: 'a' },
    ]) {
      assert.strictEqual(parseReaderMessage(bad), undefined, JSON.stringify(bad)?.slice(0, 80));
    }
  });
});

describe('LruCache', () => {
  it('keeps the most recently used entries within its bound', () => {
    const c = new LruCache<number>(2);
    c.set('a', 1);
    c.set('b', 2);
    assert.strictEqual(c.get('a'), 1);
    c.set('c', 3);
    assert.strictEqual(c.get('b'), undefined);
    assert.strictEqual(c.get('a'), 1);
    assert.strictEqual(c.get('c'), 3);
    assert.strictEqual(c.size, 2);
  });
});

// The hostile corpus in a real browser WITHOUT a Content-Security-Policy: if any rendered lesson could run
// script, load something or navigate, Chromium would do it here. Debian's Chromium through playwright-core.
//
// Two passes over every case:
//  1. raw: the reader's article as static HTML, no script of ours at all. Every link and button is clicked
//     (links to http/https/mailto/relative targets are recorded instead of followed, and must be URLs we
//     allow; anything else is followed, so a javascript: URL would run), every element gets mouseover/focus.
//  2. reader: the real page script (src/webview/reader.ts, bundled here) in the real page shell with the CSP
//     removed, fed by the same 'show' message the extension sends; clicks go through its handlers, and every
//     message it posts must pass parseReaderMessage with an allowed link.
// Traps: alert/confirm/prompt/print/open and __pwned report to the test; dialogs, popups, navigations, page
// errors and any request other than the page and its own files fail it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as esbuild from 'esbuild';
import chromiumArgs from '../host/chromium-args.json';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import {
  buildLessonArticle,
  buildPageShell,
  parseReaderMessage,
  renderLesson,
  resolveLessonLink,
  type ReaderMessage,
} from '../../src/core';
import { hostileCorpus, hostileGlossary, type HostileCase } from '../fixtures/hostile/corpus';
import { urlProblem } from '../unit/helpers/inert';

const CHROMIUM = process.env.INTERP_CHROMIUM || '/usr/bin/chromium';
// --headless is added by playwright (headless: true); the flags are the test host's (test/host/chromium-args.json).
const CHROMIUM_ARGS: string[] = chromiumArgs;
const ORIGIN = 'http://hostile.test';
const ROOT = path.resolve(__dirname, '..', '..');
const KATEX_DIST = path.join(path.dirname(require.resolve('katex/package.json')), 'dist');
/** Raw pages hold cases up to this much HTML each (few pages, fast; big cases get a page of their own). */
const BATCH_BYTES = 1_500_000;
/** Elements hovered/focused and links/buttons clicked per case, at most (the 20,000-row table has 40,000). */
const MAX_ELEMENTS = 5_000;

interface Finding {
  kind: string;
  detail: string;
  url: string;
}

// Runs in every frame before any page script: the traps.
const TRAP = `(() => {
  const report = (kind, detail) => { try { window.__hostileReport(kind, String(detail).slice(0, 300)); } catch (e) { /* binding gone */ } };
  window.__pwned = (x) => report('__pwned', x);
  for (const f of ['alert', 'confirm', 'prompt', 'print']) window[f] = (x) => report(f, x);
  window.open = (u) => { report('window.open', u); return null; };
  document.addEventListener('securitypolicyviolation', (e) => report('securitypolicyviolation', e.violatedDirective + ' ' + e.blockedURI));
  window.__hostileMessages = [];
  window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__hostileMessages.push(m), getState: () => undefined, setState: () => undefined });
})();`;

/** In the page: what the browser's own parser made of the content (a second opinion on the parse5 check). */
function auditDom(rootSelector: string): string[] {
  const out: string[] = [];
  const root = document.querySelector(rootSelector);
  if (!root) return [`no ${rootSelector}`];
  const bad = root.querySelectorAll(
    'script, iframe, frame, object, embed, form, base, meta, link, style, textarea, select, video, audio, portal',
  );
  bad.forEach((el) => out.push(`element <${el.tagName.toLowerCase()}>`));
  // The only inputs: a quiz question's radio buttons, checkboxes and number field (src/core/quiz/html.ts).
  root.querySelectorAll('input').forEach((el) => {
    if (!['radio', 'checkbox', 'text'].includes(el.type) || !el.closest('section.il-quiz'))
      out.push(`element <input type="${el.type}"> outside a quiz question`);
  });
  const all = root.querySelectorAll('*');
  for (let i = 0; i < all.length && i < 200_000; i++) {
    for (const a of Array.from(all[i].attributes))
      if (/^on/i.test(a.name)) out.push(`attribute ${a.name} on <${all[i].tagName.toLowerCase()}>`);
  }
  return out.slice(0, 20);
}

/** In the page: click every link and button in the scope, hover and focus every element. Returns the counts. */
function poke(args: { selector: string; max: number }): { clicked: number; hovered: number } {
  const scope = document.querySelector(args.selector);
  if (!scope) return { clicked: 0, hovered: 0 };
  const all = Array.from(scope.querySelectorAll<HTMLElement>('*')).slice(0, args.max);
  for (const el of all) {
    el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    el.dispatchEvent(new FocusEvent('focus'));
  }
  const targets = Array.from(scope.querySelectorAll<HTMLElement>('a, button, summary, area')).slice(0, args.max);
  for (const el of targets) el.click();
  return { clicked: targets.length, hovered: all.length };
}

function rawPage(cases: { name: string; article: string }[]): string {
  return (
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>hostile</title></head><body>` +
    cases.map((c) => `<section class="hostile-case" data-case="${c.name}">${c.article}</section>`).join('\n') +
    `</body></html>`
  );
}

describe('Hostile corpus in headless Chromium without a CSP', function () {
  this.timeout(600_000);
  let browser: Browser | undefined;
  let context: BrowserContext;
  const corpus = hostileCorpus();
  const lessons = corpus.map((c) => ({ id: c.name, path: `${c.name}.md` }));
  const articles = new Map<string, string>();
  let readerJs = '';
  const pages = new Map<string, string>();
  /** What each open page did that it should not have (traps, requests, navigations, dialogs, errors). */
  const findings = new Map<Page, Finding[]>();
  const note = (page: Page | undefined, f: Finding) => {
    if (page) findings.get(page)?.push(f);
    else for (const list of findings.values()) list.push(f);
  };
  const served = new Set<string>();

  before(async function () {
    // A missing browser fails the suite: skipping would let a machine without Chromium go green.
    assert.ok(
      fs.existsSync(CHROMIUM),
      `no Chromium at ${CHROMIUM}: run scripts/setup-test-host.sh (installs Debian's chromium) or set INTERP_CHROMIUM`,
    );
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const bundle = await esbuild.build({
      entryPoints: [path.join(ROOT, 'src', 'webview', 'reader.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'chrome120',
      logLevel: 'silent',
    });
    readerJs = bundle.outputFiles[0].text;
    const t0 = performance.now();
    const glossary = hostileGlossary();
    for (const c of corpus) {
      const rendered = renderLesson(c.markdown, {
        glossary,
        glossaryMarking: { language: 'en', firstOnly: 'all' },
        runnableSnippets: new Set(['study-hours', 'x']),
        classifyLink: (href) => (resolveLessonLink(`${c.name}.md`, href, lessons) ? 'lesson' : 'broken'),
        // The case's figure files as the host reads them (figure-*: hostile SVGs through the allowlist).
        figures: (src) => (Object.hasOwn(c.figures, src) ? c.figures[src] : undefined),
      });
      articles.set(
        c.name,
        buildLessonArticle({
          lessonId: c.name,
          rendered,
          labels: {
            contents: 'Contents',
            previous: 'Previous',
            next: 'Next',
            endOfCourse: 'End',
            minutes: '{0} min',
            mathErrors: '{0} math errors',
          },
          previous: { id: 'previous-lesson', title: rendered.title },
          next: { id: 'next-lesson', title: 'Next' },
        }),
      );
    }
    console.log(`      rendered ${corpus.length} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    context = await browser.newContext({ javaScriptEnabled: true, serviceWorkers: 'block' });
    await context.addInitScript(TRAP);
    await context.exposeBinding('__hostileReport', (source, kind: string, detail: string) => {
      note(source.page, { kind, detail, url: source.frame.url() });
    });
    await context.route('**/*', (route: Route) => {
      const url = route.request().url();
      const body = pages.get(url);
      if (body !== undefined) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
      if (url === `${ORIGIN}/media/reader.js`)
        return route.fulfill({ status: 200, contentType: 'text/javascript', body: readerJs });
      if (url === `${ORIGIN}/media/reader.css`)
        return route.fulfill({ status: 200, contentType: 'text/css', path: path.join(ROOT, 'media', 'reader.css') });
      if (url === `${ORIGIN}/media/katex/katex.min.css`)
        return route.fulfill({ status: 200, contentType: 'text/css', path: path.join(KATEX_DIST, 'katex.min.css') });
      const font = /^http:\/\/hostile\.test\/media\/katex\/fonts\/(KaTeX_[\w-]+\.woff2)$/.exec(url);
      if (font) {
        served.add(font[1]);
        return route.fulfill({ status: 200, contentType: 'font/woff2', path: path.join(KATEX_DIST, 'fonts', font[1]) });
      }
      let page: Page | undefined;
      try {
        page = route.request().frame().page();
      } catch {
        page = undefined; // a service worker or a frame already gone: charge every open page
      }
      note(page, { kind: 'request', detail: `${route.request().resourceType()} ${url.slice(0, 200)}`, url: '' });
      return route.abort('blockedbyclient');
    });
  });

  after(async () => {
    await browser?.close();
  });

  /** Opens a page, watches it for anything that is not inert, runs `body`, and returns what it saw. */
  async function watch(url: string, body: (page: Page, seen: Finding[]) => Promise<void>): Promise<Finding[]> {
    const page = await context.newPage();
    const seen: Finding[] = [];
    findings.set(page, seen);
    const add = (kind: string, detail: string) => seen.push({ kind, detail, url: page.url() });
    page.on('dialog', (d) => {
      add('dialog', `${d.type()} ${d.message()}`);
      void d.dismiss();
    });
    page.on('popup', (p) => add('popup', p.url()));
    page.on('pageerror', (e) => add('pageerror', e.message));
    let loaded = false;
    page.on('framenavigated', (f) => {
      if (loaded || f !== page.mainFrame()) add('navigation', f.url());
    });
    try {
      await page.goto(url, { waitUntil: 'load' });
      loaded = true;
      await body(page, seen);
      await page.waitForTimeout(150); // image errors, toggles, animations fire asynchronously
    } catch (e) {
      add('test page broke', (e as Error).message.split('\n')[0]); // e.g. the page navigated away mid-evaluate
    } finally {
      findings.delete(page);
      await page.close();
    }
    return seen;
  }

  /** Cases in groups of at most BATCH_BYTES of article HTML: few pages, one round trip per group. */
  function batches(): HostileCase[][] {
    const out: HostileCase[][] = [[]];
    let size = 0;
    for (const c of corpus) {
      const n = articles.get(c.name)!.length;
      if (size + n > BATCH_BYTES && out[out.length - 1].length) {
        out.push([]);
        size = 0;
      }
      out[out.length - 1].push(c);
      size += n;
    }
    return out;
  }

  interface CaseResult {
    name: string;
    rendered: boolean;
    audit: string[];
    clicked: number;
    hovered: number;
    messages: unknown[];
    nav: string[];
    ms: number;
  }

  /** Runs `cases` in one page of the given kind; returns per-case results and what the page did. */
  async function runPage(
    kind: 'raw' | 'reader',
    cases: HostileCase[],
    tag: string,
  ): Promise<{ results: CaseResult[]; seen: Finding[] }> {
    const url = `${ORIGIN}/${kind}/${tag}.html`;
    pages.set(
      url,
      kind === 'raw' ? rawPage(cases.map((c) => ({ name: c.name, article: articles.get(c.name)! }))) : readerShell(),
    );
    let results: CaseResult[] = [];
    const seen = await watch(url, async (page) => {
      await page.evaluate(`window.__audit = ${auditDom.toString()}; window.__poke = ${poke.toString()};`);
      const input = cases.map((c) => ({ name: c.name, html: kind === 'reader' ? articles.get(c.name)! : '' }));
      results = await page.evaluate(
        async ({ kind, input, max }) => {
          type W = { __hostileMessages: unknown[]; __audit: typeof auditDom; __poke: typeof poke };
          const w = window as unknown as W;
          let nav: string[] = [];
          if (kind === 'raw') {
            // Record instead of following navigations a user could make to a web page (or to nothing: an href the
            // URL parser rejects has protocol ':'); follow anything else, so that a script URL would run.
            document.addEventListener(
              'click',
              (e) => {
                const a = (e.target as Element).closest?.('a[href]') as HTMLAnchorElement | null;
                if (!a || !['http:', 'https:', 'mailto:', ':', ''].includes(a.protocol)) return;
                e.preventDefault();
                nav.push(a.getAttribute('href') ?? '');
              },
              true,
            );
          }
          const out: CaseResult[] = [];
          for (const c of input) {
            const t0 = performance.now();
            let rendered = true;
            const scope = kind === 'raw' ? `[data-case="${c.name}"]` : '#root';
            if (kind === 'reader') {
              const start = w.__hostileMessages.length;
              window.postMessage({ type: 'show', lessonId: c.name, html: c.html, title: c.name }, '*');
              const deadline = Date.now() + 30_000;
              const done = () =>
                w.__hostileMessages
                  .slice(start)
                  .some(
                    (m) =>
                      (m as { type?: string; lessonId?: string }).type === 'rendered' &&
                      (m as { lessonId?: string }).lessonId === c.name,
                  );
              while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
              rendered = done();
            }
            const audit = w.__audit(scope);
            const { clicked, hovered } = w.__poke({ selector: scope, max });
            out.push({
              name: c.name,
              rendered,
              audit,
              clicked,
              hovered,
              messages: w.__hostileMessages.splice(0),
              nav,
              ms: performance.now() - t0,
            });
            nav = [];
          }
          return out;
        },
        { kind, input, max: MAX_ELEMENTS },
      );
    });
    pages.delete(url);
    return { results, seen };
  }

  function readerShell(): string {
    const shell = buildPageShell({
      cspSource: ORIGIN,
      nonce: 'hostile',
      scriptUri: `${ORIGIN}/media/reader.js`,
      styleUris: [`${ORIGIN}/media/katex/katex.min.css`, `${ORIGIN}/media/reader.css`],
      lang: 'en',
      title: 'Lesson',
      config: { fontSize: 16 },
      body: '',
    });
    const noCsp = shell.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    assert.ok(
      shell.includes('Content-Security-Policy') && !noCsp.includes('Content-Security-Policy'),
      'the CSP is removed for this test',
    );
    return noCsp;
  }

  /** Every problem in the results; a page that did something is rerun case by case to name the culprit. */
  async function runAll(kind: 'raw' | 'reader'): Promise<{ failures: string[]; results: CaseResult[]; pages: number }> {
    const failures: string[] = [];
    const all: CaseResult[] = [];
    const groups = batches();
    for (let i = 0; i < groups.length; i++) {
      const { results, seen } = await runPage(kind, groups[i], `batch-${i}`);
      all.push(...results);
      for (const r of results) {
        if (!r.rendered) failures.push(`${r.name}: the page did not report 'rendered'`);
        for (const a of r.audit) failures.push(`${r.name}: the browser parsed ${a}`);
        for (const href of r.nav) {
          const why = urlProblem('href', href, 'a', {});
          if (why) failures.push(`${r.name}: a click would navigate to ${href} (${why})`);
        }
        for (const m of r.messages) {
          const parsed: ReaderMessage | undefined = parseReaderMessage(m);
          if (!parsed)
            failures.push(`${r.name}: message refused by parseReaderMessage: ${JSON.stringify(m).slice(0, 200)}`);
          else if (parsed.type === 'link' && urlProblem('href', parsed.href, 'a', {}))
            failures.push(`${r.name}: link message with ${parsed.href}`);
        }
      }
      if (!seen.length) continue;
      const before = failures.length;
      for (const c of groups[i]) {
        const own = await runPage(kind, [c], c.name);
        for (const f of own.seen) failures.push(`${c.name}: ${f.kind} ${f.detail}`);
      }
      if (failures.length === before)
        failures.push(...seen.map((f) => `batch ${i}: ${f.kind} ${f.detail} (not reproduced case by case)`));
    }
    return { failures, results: all, pages: groups.length };
  }

  const sum = (rs: CaseResult[], k: 'clicked' | 'hovered') => rs.reduce((a, r) => a + r[k], 0);
  const slowest = (rs: CaseResult[]) =>
    [...rs]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5)
      .map((r) => `${r.name} ${r.ms.toFixed(0)} ms`)
      .join(', ');

  it('executes nothing from the raw article HTML, links and buttons clicked', async () => {
    const { failures, results, pages: n } = await runAll('raw');
    const nav = results.reduce((a, r) => a + r.nav.length, 0);
    console.log(
      `      raw: ${results.length} cases in ${n} pages, ${sum(results, 'clicked')} links/buttons clicked, ${sum(results, 'hovered')} elements hovered and focused, ${nav} web navigations recorded (all to allowed URLs); slowest in the page: ${slowest(results)}`,
    );
    assert.strictEqual(results.length, corpus.length);
    assert.deepStrictEqual(failures, []);
  });

  it('executes nothing through the real reader script, and it posts only valid messages', async () => {
    const { failures, results, pages: n } = await runAll('reader');
    const messages = results.reduce((a, r) => a + r.messages.length, 0);
    console.log(
      `      reader: ${results.filter((r) => r.rendered).length}/${corpus.length} cases shown by media/reader.js in ${n} pages, ${sum(results, 'clicked')} links/buttons clicked, ${messages} messages posted, KaTeX fonts served: ${served.size}; slowest in the page: ${slowest(results)}`,
    );
    assert.strictEqual(results.length, corpus.length);
    assert.deepStrictEqual(failures, []);
    assert.ok(served.size > 0, "the KaTeX fonts were requested from the page's own files");
  });

  it('detects execution (the traps work)', async () => {
    const url = `${ORIGIN}/raw/control.html`;
    pages.set(
      url,
      rawPage([
        {
          name: 'control',
          article:
            '<img src="x" onerror="alert(1)"><a href="javascript:__pwned(2)">x</a><iframe srcdoc="<script>alert(3)</script>"></iframe><img src="https://evil.example/t.png">',
        },
      ]),
    );
    const seen = await watch(url, async (page) => {
      await page.evaluate(poke, { selector: '[data-case="control"]', max: 100 });
    });
    pages.delete(url);
    const kinds = seen.map((f) => `${f.kind} ${f.detail}`);
    for (const expected of ['alert 1', '__pwned 2', 'alert 3'])
      assert.ok(
        kinds.some((k) => k === expected || k === `dialog ${expected}`),
        `${expected} not detected in ${JSON.stringify(kinds)}`,
      );
    assert.ok(
      kinds.some((k) => k.startsWith('request image https://evil.example')),
      `remote image request not detected in ${JSON.stringify(kinds)}`,
    );
  });
});

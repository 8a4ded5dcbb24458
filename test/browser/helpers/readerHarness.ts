// The real reader page in headless Chromium for the annotation tests and the layout bench: the page shell with
// its Content-Security-Policy, media/reader.css, KaTeX's CSS and fonts, and src/webview/reader.ts bundled as
// the extension bundles it; acquireVsCodeApi is a stub that keeps what the page posts in window.__posted.
import * as fs from 'fs';
import * as path from 'path';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import chromiumArgs from '../../host/chromium-args.json';
import { buildLessonArticle, buildPageShell, renderLesson } from '../../../src/core';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const ORIGIN = 'http://reader.test';
const KATEX_DIST = path.join(path.dirname(require.resolve('katex/package.json')), 'dist');
export const CHROMIUM = process.env.INTERP_CHROMIUM || '/usr/bin/chromium';

/** What the page posted (the stub's record) and what the CSP refused. */
export interface PageWindow {
  __posted: Record<string, unknown>[];
  __violations: string[];
}

const STUB = `(() => {
  window.__posted = [];
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
  window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))), getState: () => undefined, setState: () => undefined });
})();`;

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: run scripts/setup-test-host.sh or set INTERP_CHROMIUM`);
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: chromiumArgs });
}

async function readerBundle(): Promise<string> {
  const out = await esbuild.build({
    entryPoints: [path.join(ROOT, 'src', 'webview', 'reader.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

/** A new page holding the reader shell (real CSP), ready for 'show' messages. */
export async function openReaderPage(
  browser: Browser,
  viewport = { width: 900, height: 800 },
  bodyClass = 'vscode-dark',
  /** Theme variables (`--vscode-<name>`), as VS Code sets them on the page. */
  themeVars: Record<string, string> = {},
): Promise<Page> {
  const js = await readerBundle();
  const shell = buildPageShell({
    cspSource: ORIGIN,
    nonce: 'annotations',
    scriptUri: `${ORIGIN}/media/reader.js`,
    styleUris: [`${ORIGIN}/media/katex/katex.min.css`, `${ORIGIN}/media/reader.css`],
    lang: 'en',
    title: 'Lesson',
    config: { fontSize: 14 },
    body: '',
  })
    .replace(
      '</head>',
      `<style nonce="annotations">html { ${Object.entries(themeVars)
        .map(([k, v]) => `--vscode-${k}: ${v};`)
        .join(' ')} }</style></head>`,
    )
    .replace('<body ', `<body class="${bodyClass}" `);
  if (!shell.includes('Content-Security-Policy')) throw new Error('the page shell lost its CSP');
  const page = await browser.newPage({ viewport });
  await page.addInitScript(STUB);
  await page.route('**/*', (route) => {
    const url = route.request().url();
    const file = (p: string, contentType: string) => route.fulfill({ status: 200, contentType, path: p });
    if (url === `${ORIGIN}/page.html`)
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: shell });
    if (url === `${ORIGIN}/media/reader.js`)
      return route.fulfill({ status: 200, contentType: 'text/javascript', body: js });
    if (url === `${ORIGIN}/media/reader.css`) return file(path.join(ROOT, 'media', 'reader.css'), 'text/css');
    if (url === `${ORIGIN}/media/katex/katex.min.css`) return file(path.join(KATEX_DIST, 'katex.min.css'), 'text/css');
    const font = /\/media\/katex\/fonts\/(KaTeX_[\w-]+\.woff2)$/.exec(url);
    if (font) return file(path.join(KATEX_DIST, 'fonts', font[1]), 'font/woff2');
    return route.abort('blockedbyclient');
  });
  await page.goto(`${ORIGIN}/page.html`, { waitUntil: 'load' });
  return page;
}

/** A lesson's reader article (as the extension builds it) and its body HTML (what the plain text is made from). */
export function lessonArticle(lessonId: string, markdown: string): { article: string; body: string } {
  const rendered = renderLesson(markdown);
  const article = buildLessonArticle({
    lessonId,
    rendered,
    labels: {
      contents: 'Contents',
      previous: 'Previous',
      next: 'Next',
      endOfCourse: 'End',
      minutes: '{0} min',
      mathErrors: '{0} math errors',
    },
  });
  return { article, body: rendered.html };
}

/** Forgets what the page posted, sends 'show' and waits for the page's 'rendered' report of that lesson. */
export async function showLesson(page: Page, lessonId: string, html: string): Promise<void> {
  await page.evaluate(() => ((window as unknown as PageWindow).__posted.length = 0));
  await page.evaluate((m) => window.postMessage(m, '*'), { type: 'show', lessonId, html, title: lessonId });
  await page.waitForFunction(
    (id) => (window as unknown as PageWindow).__posted.some((m) => m.type === 'rendered' && m.lessonId === id),
    lessonId,
  );
}

/** Posts a message to the page as the host does. */
export async function hostSends(page: Page, message: Record<string, unknown>): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), message);
}

/** The messages of one type the page posted so far. */
export async function posted(page: Page, type: string): Promise<Record<string, unknown>[]> {
  return page.evaluate((t) => (window as unknown as PageWindow).__posted.filter((m) => m.type === t), type);
}

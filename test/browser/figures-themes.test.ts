// The lessons' figures in headless Chromium, in the reader's page shell WITH its real Content-Security-Policy
// and media/reader.css, under a light, a dark and a high-contrast theme (VS Code's default colours for the
// variables the figures use; the body class VS Code sets). For each theme and language: every figure is
// inlined and laid out, its text and lines are coloured from the theme with enough contrast against the
// background, the CSP refuses nothing, and a screenshot is written (dist/screenshots/figures-<theme>-<lang>.png,
// or INTERP_SCREENSHOTS) for a person to look at.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { buildPageShell, renderLesson } from '../../src/core';
import { figuresOf, LESSON_LANGUAGES, shippedLessons } from '../unit/helpers/shippedFigures';

const CHROMIUM = process.env.INTERP_CHROMIUM || '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '..', '..');
const ORIGIN = 'http://figures.test';
const OUT = process.env.INTERP_SCREENSHOTS || path.join(ROOT, 'dist', 'screenshots');

/** The chart colours of the dark and high-contrast themes (the same in both). */
const DARK_CHARTS = {
  'charts-blue': '#3794ff',
  'charts-red': '#f14c4c',
  'charts-green': '#89d185',
  'charts-orange': '#d18616',
  'charts-purple': '#b180d7',
  'charts-yellow': '#cca700',
};

/** VS Code's default values (Light Modern, Dark Modern, Dark High Contrast) of the variables the figures use. */
const THEMES: Record<string, { bodyClass: string; vars: Record<string, string> }> = {
  light: {
    bodyClass: 'vscode-light',
    vars: {
      'editor-background': '#ffffff',
      'editor-foreground': '#3b3b3b',
      foreground: '#3b3b3b',
      descriptionForeground: '#717171',
      'editorWidget-background': '#f8f8f8',
      'charts-blue': '#1a85ff',
      'charts-red': '#e51400',
      'charts-green': '#388a34',
      'charts-orange': '#d18616',
      'charts-purple': '#652d90',
      'charts-yellow': '#bf8803',
      'charts-lines': 'rgba(97, 97, 97, 0.5)',
      errorForeground: '#f85149',
      'font-family': 'sans-serif',
    },
  },
  dark: {
    bodyClass: 'vscode-dark',
    vars: {
      'editor-background': '#1f1f1f',
      'editor-foreground': '#cccccc',
      foreground: '#cccccc',
      descriptionForeground: '#9d9d9d',
      'editorWidget-background': '#202020',
      ...DARK_CHARTS,
      'charts-lines': 'rgba(204, 204, 204, 0.5)',
      errorForeground: '#f85149',
      'font-family': 'sans-serif',
    },
  },
  'high-contrast': {
    bodyClass: 'vscode-high-contrast',
    vars: {
      'editor-background': '#000000',
      'editor-foreground': '#ffffff',
      foreground: '#ffffff',
      descriptionForeground: '#ffffff',
      'editorWidget-background': '#0c141f',
      contrastBorder: '#6fc3df',
      ...DARK_CHARTS,
      'charts-lines': '#ffffff',
      errorForeground: '#f48771',
      'font-family': 'sans-serif',
    },
  },
};

/** In the page: for every figure, its size and the worst contrast of its text and of its lines against the page. */
function audit(): { figures: number; errors: number; problems: string[] } {
  const lum = (c: string) => {
    // rgb(0-255 …), or color(srgb 0-1 …) for a color-mix().
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)/.exec(c) ?? /color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)/.exec(c);
    if (!m) return undefined;
    const scale = c.startsWith('color(') ? 1 : 255;
    const [r, g, b] = [m[1], m[2], m[3]].map((v) => {
      const s = Number(v) / scale;
      return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  const bg = lum(getComputedStyle(document.body).backgroundColor)!;
  const problems: string[] = [];
  const svgs = Array.from(document.querySelectorAll<SVGSVGElement>('svg.il-figure-svg'));
  for (const svg of svgs) {
    const label = (svg.getAttribute('aria-label') ?? '').slice(0, 40);
    const box = svg.getBoundingClientRect();
    if (box.width < 200 || box.height < 100) problems.push(`${label}: laid out ${box.width}×${box.height}`);
    for (const el of Array.from(svg.querySelectorAll<SVGElement>('text, path, line, rect, circle, polygon'))) {
      const cs = getComputedStyle(el);
      if (el.classList.contains('il-band') || el.classList.contains('il-grid') || el.classList.contains('il-frame'))
        continue;
      const checks: [string, string, number][] =
        el.tagName === 'text'
          ? [['fill', cs.fill, 3]]
          : [
              ['stroke', cs.stroke, 1.8],
              // A line has no fill; a box's fill is the widget background, on purpose close to the page's.
              ['fill', el.tagName === 'line' || el.classList.contains('il-box') ? 'none' : cs.fill, 1.8],
            ];
      for (const [what, colour, min] of checks) {
        if (colour === 'none' || (what === 'stroke' && parseFloat(cs.strokeWidth) === 0)) continue;
        const l = lum(colour);
        if (l === undefined) problems.push(`${label}: <${el.tagName}> ${what} ${colour} is not a theme colour`);
        else if (contrast(l, bg) < min)
          problems.push(
            `${label}: <${el.tagName} class="${el.getAttribute('class')}"> ${what} ${colour}: contrast ${contrast(l, bg).toFixed(2)} < ${min}`,
          );
      }
    }
  }
  return { figures: svgs.length, errors: document.querySelectorAll('.il-figure-error').length, problems };
}

describe('Lesson figures in headless Chromium: light, dark and high-contrast themes', function () {
  this.timeout(120_000);
  let browser: Browser | undefined;
  const lessons = shippedLessons();

  before(async () => {
    assert.ok(
      fs.existsSync(CHROMIUM),
      `no Chromium at ${CHROMIUM}: run scripts/setup-test-host.sh or set INTERP_CHROMIUM`,
    );
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
    });
    fs.mkdirSync(OUT, { recursive: true });
  });
  after(async () => {
    await browser?.close();
  });

  for (const theme of Object.keys(THEMES)) {
    for (const language of LESSON_LANGUAGES) {
      it(`${theme}, ${language}: every figure inlined, themed and legible under the real CSP (screenshot)`, async () => {
        const body = lessons
          .filter((l) => l.language === language)
          .map((l) => {
            const html = renderLesson(l.markdown, { figures: figuresOf(l) }).html;
            // Only the figures: the page would be too long to look at otherwise.
            const figures =
              html.match(
                /<span class="il-figure(?: il-figure-error)?"[\s\S]*?<\/svg><\/span>|<span class="il-figure il-figure-error"[\s\S]*?<\/span><\/span>/g,
              ) ?? [];
            return `<h2>${l.file}</h2>${figures.join('\n')}`;
          })
          .join('\n');
        const { bodyClass, vars } = THEMES[theme];
        const nonce = 'figures';
        const style = `<style nonce="${nonce}">html { ${Object.entries(vars)
          .map(([k, v]) => `--vscode-${k}: ${v};`)
          .join(' ')} } body { max-width: 760px; }</style>`;
        const shell = buildPageShell({
          cspSource: ORIGIN,
          nonce,
          scriptUri: `${ORIGIN}/media/none.js`,
          styleUris: [`${ORIGIN}/media/reader.css`],
          lang: language,
          title: 'Figures',
          config: {},
          body,
        })
          .replace('</head>', `${style}</head>`)
          .replace('<body ', `<body class="${bodyClass}" `);
        assert.ok(shell.includes('Content-Security-Policy'), 'the real CSP stays on');
        const page: Page = await browser!.newPage({ viewport: { width: 800, height: 900 } });
        const violations: string[] = [];
        await page.exposeFunction('__violation', (v: string) => violations.push(v));
        await page.addInitScript(() =>
          document.addEventListener('securitypolicyviolation', (e) =>
            (window as unknown as { __violation(v: string): void }).__violation(
              `${e.violatedDirective} ${e.blockedURI}`,
            ),
          ),
        );
        await page.route('**/*', (route) => {
          const url = route.request().url();
          if (url === `${ORIGIN}/page.html`)
            return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: shell });
          if (url === `${ORIGIN}/media/reader.css`)
            return route.fulfill({
              status: 200,
              contentType: 'text/css',
              path: path.join(ROOT, 'media', 'reader.css'),
            });
          if (url === `${ORIGIN}/media/none.js`)
            return route.fulfill({ status: 200, contentType: 'text/javascript', body: '' });
          violations.push(`request ${url}`);
          return route.abort('blockedbyclient');
        });
        try {
          await page.goto(`${ORIGIN}/page.html`, { waitUntil: 'load' });
          const result = await page.evaluate(audit);
          const file = path.join(OUT, `figures-${theme}-${language}.png`);
          await page.screenshot({ path: file, fullPage: true });
          console.log(`      ${result.figures} figures; screenshot ${path.relative(ROOT, file)}`);
          const expected = lessons
            .filter((l) => l.language === language)
            .reduce((n, l) => n + Object.keys(l.figures).length, 0);
          assert.ok(expected >= 6, `only ${expected} figure references in the ${language} lessons`);
          assert.strictEqual(result.errors, 0, 'figures shown as errors');
          assert.strictEqual(result.figures, expected);
          assert.deepStrictEqual(result.problems, []);
          assert.deepStrictEqual(violations, []);
        } finally {
          await page.close();
        }
      });
    }
  }
});

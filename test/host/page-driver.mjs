// The outer driver's hands on the reader page, for integration tests (issue 16): mocha in the extension host
// cannot touch a webview's DOM, so a test writes a request file into INTERP_PAGE_DIR and this driver, beside
// Playwright, acts on the webview frame with the real mouse and keyboard and writes the answer next to it.
// A file channel works on every host (the oldest has no console channel; in the web worker host, --web, the
// directory is <workspace>/.interp-web-test/page, written through vscode.workspace.fs by test/web/helpers/page.ts).
/* global document, window, NodeFilter, requestAnimationFrame, getComputedStyle -- used only inside frame.evaluate callbacks, which run in the browser */
import fs from 'node:fs';
import path from 'node:path';

const POLL_MS = 50;

/**
 * The absolute path of a screenshot a test asked for (`docs/...png`, relative to the repository), or undefined
 * when it points anywhere else: a test may only write PNGs under docs/.
 */
export function docsScreenshotPath(root, file) {
  const abs = path.resolve(root, String(file ?? ''));
  return abs.startsWith(path.join(root, 'docs') + path.sep) && abs.endsWith('.png') ? abs : undefined;
}

/**
 * Screenshots the workbench into `file` (a path from docsScreenshotPath), after two animation frames so the shot
 * shows what was just painted (theme switches included); written to a temporary name and renamed, so a test
 * polling for the file never sees half of it. Resolves with the workbench's theme classes and background.
 */
export async function screenshotWorkbench(page, file) {
  const theme = await page.evaluate(
    () =>
      new Promise((r) =>
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            const wb = document.querySelector('.monaco-workbench');
            r(
              wb
                ? `${[...wb.classList].filter((c) => /^(vs|hc)|theme/.test(c)).join(' ')}, ${getComputedStyle(wb).backgroundColor}`
                : 'none',
            );
          }),
        ),
      ),
  );
  const tmp = `${file}.tmp.png`;
  await page.screenshot({ path: tmp, timeout: 15_000 });
  fs.renameSync(tmp, file);
  return theme;
}

/**
 * Starts watching `dir` for `<id>.request.json`; returns stop(). `root` (the repository) is where a `screenshot`
 * action's docs/ path is resolved.
 */
export function startPageDriver(page, dir, say, root) {
  fs.mkdirSync(dir, { recursive: true });
  const busy = new Set();
  let stopped = false;
  const tick = async () => {
    if (stopped) return;
    for (const name of fs.readdirSync(dir)) {
      if (!name.endsWith('.request.json') || busy.has(name)) continue;
      busy.add(name);
      const file = path.join(dir, name);
      const answer = await handle(page, JSON.parse(fs.readFileSync(file, 'utf8')), root, say).then(
        (result) => ({ ok: true, result }),
        (e) => ({ ok: false, error: String(e?.message ?? e) }),
      );
      if (!answer.ok) say(`page driver: ${name}: ${answer.error}`);
      const out = file.replace(/\.request\.json$/, '.answer.json');
      fs.writeFileSync(`${out}.tmp`, JSON.stringify(answer));
      fs.renameSync(`${out}.tmp`, out);
      fs.rmSync(file, { force: true });
    }
    if (!stopped) timer = setTimeout(() => void tick().catch((e) => say(`page driver: ${e.message}`)), POLL_MS);
  };
  let timer = setTimeout(() => void tick(), POLL_MS);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** The frame that holds `selector`, by default the reader's lesson body (webviews are nested iframes). */
async function readerFrame(page, selector = '.il-lesson-body') {
  for (const frame of page.frames()) {
    const has = await frame.evaluate((sel) => !!document.querySelector(sel), selector).catch(() => false);
    if (has) return frame;
  }
  throw new Error(`no page with ${selector} is open`);
}

/** The page position of a point given in the frame's own coordinates. */
async function toPage(frame, x, y) {
  if (!frame.parentFrame()) return { x, y };
  // An element's boundingBox is relative to the main page, even for an element inside nested frames.
  const box = await (await frame.frameElement()).boundingBox();
  if (!box) throw new Error('the reader frame is not visible');
  return { x: box.x + x, y: box.y + y };
}

async function handle(page, req, root, say) {
  if (req.action === 'screenshot') {
    // The whole workbench into docs/ (README images): answered once the file is in place.
    const file = root && docsScreenshotPath(root, req.file);
    if (!file) throw new Error(`screenshot: ${JSON.stringify(req.file)} is not a .png under docs/`);
    say(`screenshot ${req.file} (workbench: ${await screenshotWorkbench(page, file)})`);
    return {};
  }
  if (req.action === 'workbenchRow') {
    // A row of a workbench list or tree (a view) showing `text`: the view has rendered it.
    await page
      .locator('.monaco-list-row', { hasText: req.text })
      .first()
      .waitFor({ state: 'visible', timeout: req.ms ?? 10_000 });
    return {};
  }
  const frame = await readerFrame(page, req.frame);
  switch (req.action) {
    case 'select':
      return select(page, frame, req.text, req.occurrence ?? 0);
    case 'click': {
      const loc = frame.locator(req.selector).nth(req.nth ?? 0);
      await loc.scrollIntoViewIfNeeded({ timeout: 5_000 });
      await loc.click({ timeout: 5_000 });
      return {};
    }
    case 'waitFor':
      await frame
        .locator(req.selector)
        .first()
        .waitFor({ state: 'visible', timeout: req.ms ?? 10_000 });
      return {};
    case 'press':
      await page.keyboard.press(req.key);
      return {};
    case 'type':
      // Into whatever has focus, or first wait for the workbench's input box (one the page's action opened).
      if (req.into === 'inputBox')
        await page
          .locator('.quick-input-widget .quick-input-box input')
          .first()
          .waitFor({ state: 'visible', timeout: 10_000 });
      await page.keyboard.type(req.text, { delay: 5 });
      return {};
    case 'drawn':
      // The page's read-only test hook: the highlights it painted ({ id, color, text }).
      return frame.evaluate(() => window.__ilAnnotations?.drawn() ?? null);
    case 'query':
      return frame.evaluate(
        (sel) =>
          Array.from(document.querySelectorAll(sel)).map((e) => ({
            text: e.textContent,
            className: e.getAttribute('class'),
            data: { ...e.dataset },
          })),
        req.selector,
      );
    case 'selection':
      return frame.evaluate(() => String(window.getSelection()));
    default:
      throw new Error(`unknown page action ${req.action}`);
  }
}

/**
 * Selects the `occurrence`-th match of `text` in the lesson body by dragging the mouse from the left half of its
 * first character to the right half of its last, as a reader would; answers with the text the page selected.
 */
async function select(page, frame, text, occurrence) {
  const rects = await frame.evaluate(
    ({ text, occurrence }) => {
      const root = document.querySelector('.il-lesson-body');
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const nodes = [];
      let all = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push({ node: n, at: all.length });
        all += n.data;
      }
      let at = -1;
      for (let i = 0; i <= occurrence; i++) at = all.indexOf(text, at + 1);
      if (at < 0) return undefined;
      const point = (offset) => {
        const hit = nodes.findLast((n) => n.at <= offset);
        return [hit.node, offset - hit.at];
      };
      const charRect = (offset) => {
        const r = document.createRange();
        r.setStart(...point(offset));
        r.setEnd(...point(offset + 1));
        const box = r.getClientRects()[0] ?? r.getBoundingClientRect();
        return { left: box.left, right: box.right, top: box.top, bottom: box.bottom };
      };
      const first = charRect(at);
      first.scrolled = false;
      if (first.top < 0 || first.bottom > window.innerHeight) {
        point(at)[0].parentElement.scrollIntoView({ block: 'center' });
        first.scrolled = true;
      }
      return { first: charRect(at), last: charRect(at + text.length - 1) };
    },
    { text, occurrence },
  );
  if (!rects) throw new Error(`"${text}" is not in the lesson body`);
  const { first, last } = rects;
  const from = await toPage(
    frame,
    first.left + Math.min(2, (first.right - first.left) / 4),
    (first.top + first.bottom) / 2,
  );
  const to = await toPage(frame, last.right - Math.min(2, (last.right - last.left) / 4), (last.top + last.bottom) / 2);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
  return frame.evaluate(() => String(window.getSelection()));
}

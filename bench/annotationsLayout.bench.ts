// Issue 16's layout budget: a lesson page with 1,000 highlights lays out within 1.2× of the same page without
// them. Measured in headless Chromium (Debian's, as the browser tests use) on the real reader page: two pages
// show the same shipped lesson, one gets 1,000 highlights from an 'annotations' message (painted through the CSS
// Custom Highlight API); each is laid out again after a change of the article's width (every line breaks anew),
// alternately, so both meet the same neighbours on this shared machine. Also: setting the page's HTML and laying
// it out (parse included), and the time the page took to draw the 1,000 highlights ('annotationsDrawn').
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { lessonPlainText } from '../src/core';
import {
  hostSends,
  launchChromium,
  lessonArticle,
  openReaderPage,
  posted,
  showLesson,
} from '../test/browser/helpers/readerHarness';
import { median, type Figure } from './timing';

const LESSON = 'en/01-what-is-mech-interp';
const HIGHLIGHTS = 1_000;
const ROUNDS = 30;
const TOGGLES = 4;
/** Frames with a width change: fewer rounds (each waits for a frame). */
const FRAME_ROUNDS = 12;

/** In the page: ms to lay the page out again after each of `toggles` changes of the article's width. */
function relayoutMs(toggles: number): number[] {
  const layout = document.querySelector<HTMLElement>('.il-layout')!;
  const t: number[] = [];
  for (let i = 0; i < toggles; i++) {
    layout.style.maxWidth = i % 2 ? '40rem' : '44rem';
    const s = performance.now();
    void document.body.offsetHeight;
    t.push(performance.now() - s);
  }
  layout.style.maxWidth = '';
  void document.body.offsetHeight;
  return t;
}

/**
 * In the page: ms from a change of the article's width, made in a frame's requestAnimationFrame callback, to the
 * first task after that frame: the frame's style, layout and paint on the main thread (where highlights are
 * painted; raster happens elsewhere), for each of `toggles` frames.
 */
async function frameMs(toggles: number): Promise<number[]> {
  const layout = document.querySelector<HTMLElement>('.il-layout')!;
  const t: number[] = [];
  for (let i = 0; i < toggles; i++)
    t.push(
      await new Promise<number>((resolve) =>
        requestAnimationFrame(() => {
          layout.style.maxWidth = i % 2 ? '40rem' : '44rem';
          const s = performance.now();
          setTimeout(() => resolve(performance.now() - s));
        }),
      ),
    );
  layout.style.maxWidth = '';
  return t;
}

export async function run(): Promise<Record<string, Figure>> {
  const markdown = fs.readFileSync(path.join(__dirname, '..', 'lessons', `${LESSON}.md`), 'utf8');
  const { article, body } = lessonArticle(LESSON, markdown);
  const text = lessonPlainText(body);
  // Short highlights spread evenly over the whole text: more lines hold marks than with any real reading.
  const step = Math.floor(text.length / HIGHLIGHTS);
  const colors = ['yellow', 'green', 'blue', 'pink'];
  const items = Array.from({ length: HIGHLIGHTS }, (_, i) => ({
    id: `bench${i}`,
    color: colors[i % 4],
    start: i * step,
    end: i * step + Math.max(1, Math.floor(step / 2)),
    noteHtml: '',
  }));
  const browser = await launchChromium();
  try {
    const plain: Page = await openReaderPage(browser, { width: 1000, height: 900 });
    const marked: Page = await openReaderPage(browser, { width: 1000, height: 900 });
    await showLesson(plain, LESSON, article);
    await showLesson(marked, LESSON, article);
    await hostSends(marked, { type: 'annotations', lessonId: LESSON, seq: 1, textLength: text.length, items });
    await marked.waitForFunction(() =>
      (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'annotationsDrawn'),
    );
    const [report] = await posted(marked, 'annotationsDrawn');
    if (report.drawn !== HIGHLIGHTS) throw new Error(`drew ${String(report.drawn)} of ${HIGHLIGHTS} highlights`);
    // What is drawn: Ranges painted, and elements inserted into the lesson text (none since they are painted).
    const drawn = await marked.evaluate(() => {
      const ranges = [...(CSS.highlights as unknown as Map<string, Set<Range>>).values()].reduce(
        (n, h) => n + h.size,
        0,
      );
      const marks = document.querySelectorAll('.il-lesson-body mark').length;
      return `${ranges} painted Ranges, ${marks} <mark> elements`;
    });
    const base: number[] = [];
    const withMarks: number[] = [];
    const frameBase: number[] = [];
    const frameMarks: number[] = [];
    // Each page is brought to the front before it is measured: a page in the background gets no frames.
    for (let r = 0; r < ROUNDS; r++) {
      await plain.bringToFront();
      base.push(...(await plain.evaluate(relayoutMs, TOGGLES)));
      if (r < FRAME_ROUNDS) frameBase.push(...(await plain.evaluate(frameMs, TOGGLES)));
      await marked.bringToFront();
      withMarks.push(...(await marked.evaluate(relayoutMs, TOGGLES)));
      if (r < FRAME_ROUNDS) frameMarks.push(...(await marked.evaluate(frameMs, TOGGLES)));
    }
    // The least time of many: on this shared machine the neighbours only ever add time (medians in the note).
    const layout = Math.min(...withMarks);
    const layoutBase = Math.min(...base);
    const frame = Math.min(...frameMarks);
    const frameBaseline = Math.min(...frameBase);
    return {
      layout1000: {
        value: round(layout),
        unit: 'ms',
        baseline: { name: 'the same page without highlights', value: round(layoutBase) },
        ratio: round(layout / layoutBase),
        budget: '≤ 1.2×',
        note:
          `relayout after a width change, ${HIGHLIGHTS} highlights (${drawn}) over ${text.length} characters; ` +
          `least of ${ROUNDS}×${TOGGLES}, alternating pages; medians ${round(median(withMarks))} and ${round(median(base))} ms`,
      },
      frame1000: {
        value: round(frame),
        unit: 'ms',
        baseline: { name: 'the same page without highlights', value: round(frameBaseline) },
        ratio: round(frame / frameBaseline),
        note: `a width change to the end of its frame (style, layout, paint on the main thread); least of ${FRAME_ROUNDS}×${TOGGLES}, medians ${round(median(frameMarks))} and ${round(median(frameBase))} ms`,
      },
      draw1000: {
        value: round(report.ms as number),
        unit: 'ms',
        note: `the page's own report: index the text, check its length, build and register the Ranges of ${HIGHLIGHTS} highlights`,
      },
    };
  } finally {
    await browser.close();
  }
}

const round = (x: number) => Math.round(x * 100) / 100;

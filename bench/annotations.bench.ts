// Issue 16's anchoring budget: re-anchoring 1,000 annotations spread over a shipped lesson, after a paragraph is
// inserted above them all, takes ≤ 50 ms of CPU. Baseline, in the same run: finding each of the 1,000 quotes with
// a plain indexOf in the changed text, the least any re-anchoring must do (find each quote once); the ratio is what
// folding (NFC, typography, white space), context checks and the map back to offsets cost on top of that.
// Also: the approximate path (a word changed inside each quote), and lessonPlainText against a naive tag strip.
import * as fs from 'fs';
import * as path from 'path';
import { anchorAnnotations, builtinGlossary, describeRange, lessonPlainText, renderLesson } from '../src/core';
import { cpuMs, type Figure } from './timing';

const LESSON = 'en/03-concepts-and-terms.md';
const ANNOTATIONS = 1_000;
const BUDGET_MS = 50;

function plainText(file: string): { html: string; text: string } {
  const md = fs.readFileSync(path.join(__dirname, '..', 'lessons', file), 'utf8');
  const html = renderLesson(md, { glossary: builtinGlossary() }).html;
  return { html, text: lessonPlainText(html) };
}

export async function run(): Promise<Record<string, Figure>> {
  const { html, text } = plainText(LESSON);
  const at = text.indexOf('\n') + 1; // after the title: above every annotation
  const inserted = 'A paragraph added above every annotation of the lesson, as an author might add one.\n\n';
  const changed = text.slice(0, at) + inserted + text.slice(at);
  const span = text.length - at - 130;
  const annotations = Array.from({ length: ANNOTATIONS }, (_, k) => {
    const start = at + Math.floor((span * k) / ANNOTATIONS);
    return { id: `a${k}`, ...describeRange(text, { start, end: start + 20 + (k % 100) }) };
  });

  // Each must land where its passage moved (else the figure would time a failure).
  const results = anchorAnnotations(changed, annotations);
  const wrong = results.filter(
    (r, k) => r.range?.start !== annotations[k].start + inserted.length || r.range?.end === undefined,
  ).length;
  if (wrong) throw new Error(`annotations bench: ${wrong} of ${ANNOTATIONS} annotations did not re-anchor`);

  const anchor = cpuMs(() => anchorAnnotations(changed, annotations), 15, 3);
  const naive = cpuMs(() => annotations.forEach((a) => changed.indexOf(a.exact)), 15, 3);
  const out: Record<string, Figure> = {};
  out.reanchor1000 = {
    value: +anchor.toFixed(2),
    unit: `ms CPU (${ANNOTATIONS} annotations on ${LESSON}, ${text.length.toLocaleString('en')} characters of plain text, a paragraph inserted above them)`,
    baseline: { name: 'indexOf of each quote in the changed text', value: +naive.toFixed(2) },
    ratio: +(anchor / Math.max(naive, 0.001)).toFixed(1),
    budget: `≤ ${BUDGET_MS} ms: ${anchor <= BUDGET_MS ? 'met' : 'not met'}`,
    note: 'anchorAnnotations: the text folded once (NFC, typography, white space, offset map), then each quote found exactly with its context',
  };

  // The approximate path: one word changed inside each of 100 quotes, so none is found exactly.
  const reworded = annotations.filter((_, k) => k % 10 === 0 && annotations[k].exact.includes(' '));
  let edited = changed;
  for (const a of [...reworded].reverse()) {
    const s = a.start + inserted.length;
    const i = edited.indexOf(' ', s + 4);
    if (i > 0 && i < s + a.exact.length - 2) edited = edited.slice(0, i + 1) + 'Z' + edited.slice(i + 2);
  }
  const approx = cpuMs(() => anchorAnnotations(edited, reworded), 5, 1);
  const anchoredApprox = anchorAnnotations(edited, reworded).filter((r) => r.range).length;
  out.reanchorReworded100 = {
    value: +approx.toFixed(2),
    unit: `ms CPU (${reworded.length} annotations with a letter changed inside each quote; ${anchoredApprox} anchored)`,
    baseline: { name: 'reanchor1000 per 100 annotations', value: +(anchor / 10).toFixed(2) },
    ratio: +(approx / Math.max(anchor / 10, 0.001)).toFixed(1),
    note: 'approximate matching: Myers search for pieces of each quote over the whole text, banded alignment, context scoring',
  };

  const plain = cpuMs(() => lessonPlainText(html), 30, 5);
  const strip = cpuMs(() => html.replace(/<[^>]*>/g, ''), 30, 5);
  out.lessonPlainText = {
    value: +plain.toFixed(2),
    unit: `ms CPU (${LESSON}: ${(html.length / 1024).toFixed(0)} KB of body HTML)`,
    baseline: { name: "a regex strip of the HTML's tags", value: +strip.toFixed(2) },
    ratio: +(plain / Math.max(strip, 0.001)).toFixed(1),
    budget: `well under 5 ms: ${plain < 5 ? 'met' : 'not met'}`,
  };
  return out;
}

import MarkdownIt from 'markdown-it';
import {
  TERM_AT_MAX_COLUMN,
  builtinGlossary,
  buildTermIndex,
  createGlossary,
  glossaryMarkdownItPlugin,
  markdownCodeBlocks,
  mergeGlossaries,
  termAt,
  termIndexOf,
  FormulaImages,
  type Glossary,
  type GlossaryEntry,
} from '../src/core';
import { cpuMs, median, percentile, timeMs, type Figure } from './timing';

/** Deterministic PRNG (mulberry32) so every run measures the same document and positions. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EN_WORDS =
  'the a of model network layer we train read probe linear feature direction head attention residual stream sparse data result error shows each token output input because which more than'.split(
    ' ',
  );
const VI_WORDS =
  'mô hình của mạng lớp chúng ta huấn luyện đọc đầu dò tuyến tính đặc trưng hướng chú ý luồng dư dữ liệu kết quả lỗi cho thấy mỗi đầu ra vào vì nhiều hơn chồng chập'.split(
    ' ',
  );

/** A 10,000-line notes file: English and Vietnamese prose (every 5th Vietnamese line in NFD), terms, code, a few long lines. */
function notesFile(): string[] {
  const r = rng(42);
  const g = builtinGlossary();
  const terms = g.entries.flatMap((e) => [...(e.terms.en ?? []), ...(e.terms.vi ?? [])]);
  const lines: string[] = [];
  for (let i = 0; i < 10_000; i++) {
    const vi = r() < 0.4;
    const words = vi ? VI_WORDS : EN_WORDS;
    const n = i % 500 === 7 ? 1500 : 4 + Math.floor(r() * 16); // a 10,000-char line every 500 lines
    const parts: string[] = [];
    for (let k = 0; k < n; k++) {
      const x = r();
      parts.push(
        x < 0.08 ? terms[Math.floor(r() * terms.length)] : x < 0.1 ? '`code`' : words[Math.floor(r() * words.length)],
      );
    }
    let line = (r() < 0.1 ? '- ' : '') + parts.join(' ') + '.';
    if (vi && i % 5 === 0) line = line.normalize('NFD');
    if (i % 97 === 0) line = '';
    lines.push(line);
  }
  return lines;
}

/**
 * The shipped glossary plus synthetic entries up to `total`, 1–4 word terms. `vocabulary` 'disjoint':
 * pseudo-words that never occur in the notes (measures pure size scaling: the index is bigger, the text
 * is the same); 'notes': words of the notes themselves (worst case: many more partial matches to follow).
 */
function syntheticGlossary(total: number, vocabulary: 'disjoint' | 'notes'): Glossary {
  const r = rng(7);
  const pseudo = () =>
    Array.from(
      { length: 2 + Math.floor(r() * 3) },
      () => 'bdfgkmnpqstvxz'[Math.floor(r() * 14)] + 'aeiouy'[Math.floor(r() * 6)],
    ).join('');
  const syllables = vocabulary === 'notes' ? [...EN_WORDS, ...VI_WORDS] : Array.from({ length: 3000 }, pseudo);
  const extra: GlossaryEntry[] = [];
  const base = builtinGlossary();
  for (let i = 0; extra.length + base.entries.length < total; i++) {
    const term = () =>
      Array.from({ length: 1 + Math.floor(r() * 4) }, () => syllables[Math.floor(r() * syllables.length)]).join(' ') +
      (vocabulary === 'notes' ? ` x${i}` : '');
    extra.push({
      id: `synthetic-${i}`,
      terms: { en: [term(), term()], vi: [term()] },
      definition: { en: 'Synthetic.' },
      explanation: {},
      related: [],
    });
  }
  return mergeGlossaries(base, createGlossary(extra));
}

/**
 * Per-call times (µs) of termAt with both glossaries and of the regex baseline, interleaved position by
 * position so that load from other processes hits all three alike. Best of 3 rounds (by shipped p99):
 * this machine is shared, and a p99 otherwise measures the neighbours.
 */
function hoverTimes(
  glossaries: Glossary[],
  lines: string[],
  positions: [number, number][],
): { termAt: number[][]; regex: number[] } {
  const re = /\blinear probe\b/i;
  for (const g of glossaries) {
    termIndexOf(g);
    for (const [l, c] of positions.slice(0, 2000)) termAt(g, lines[l], c); // warm-up
  }
  let best: { termAt: number[][]; regex: number[] } | undefined;
  for (let round = 0; round < 3; round++) {
    const t: number[][] = glossaries.map(() => []);
    const regex: number[] = [];
    for (const [l, c] of positions) {
      const line = lines[l];
      for (let k = 0; k < glossaries.length; k++) {
        const s = process.hrtime.bigint();
        termAt(glossaries[k], line, c);
        t[k].push(Number(process.hrtime.bigint() - s) / 1e3);
      }
      const s = process.hrtime.bigint();
      re.test(line);
      regex.push(Number(process.hrtime.bigint() - s) / 1e3);
    }
    if (!best || percentile(t[0], 99) < percentile(best.termAt[0], 99)) best = { termAt: t, regex };
  }
  return best!;
}

export async function run(): Promise<Record<string, Figure>> {
  const shipped = builtinGlossary();
  const coldStart = process.hrtime.bigint();
  buildTermIndex(shipped);
  const coldBuildMs = Number(process.hrtime.bigint() - coldStart) / 1e6;

  const lines = notesFile();
  const r = rng(1);
  const positions: [number, number][] = [];
  while (positions.length < 20_000) {
    const l = Math.floor(r() * lines.length);
    positions.push([l, Math.floor(r() * Math.max(1, lines[l].length))]);
  }
  const big = syntheticGlossary(2000, 'disjoint');
  const bigNotes = syntheticGlossary(2000, 'notes');

  // Baseline on the same lines and positions: one precompiled case-insensitive regex test of the line.
  const times = hoverTimes([shipped, big, bigNotes], lines, positions);
  const [small, large, largeNotes] = times.termAt;
  const base = times.regex;
  const hits = positions.filter(([l, c]) => termAt(shipped, lines[l], c)).length;

  const buildMs = timeMs(() => buildTermIndex(shipped), 20, 3);
  const jsonParseMs = timeMs(() => JSON.parse(JSON.stringify({ entries: shipped.entries })), 20, 3);
  const bigBuildMs = timeMs(() => buildTermIndex(big), 5, 1);

  const doc = lines.join('\n');
  const codeBlocksMs = timeMs(() => markdownCodeBlocks(doc), 5, 1);
  const splitMs = timeMs(() => doc.split('\n'), 5, 1);

  const lesson = Array.from(
    { length: 40 },
    (_, i) => `## Section ${i} {#s${i}}\n\n${lines.slice(i * 20, i * 20 + 20).join(' ')}\n`,
  ).join('\n');
  const plain = new MarkdownIt();
  const marked = new MarkdownIt();
  glossaryMarkdownItPlugin(marked, { glossary: shipped, language: 'en', firstOnly: 'section' });
  const plainMs = timeMs(() => plain.render(lesson), 10, 2);
  const markedMs = timeMs(() => marked.render(lesson), 10, 2);

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { renderGlossaryFormulas } = require('../scripts/glossary-formulas.js') as {
    renderGlossaryFormulas(t: string): Record<string, string>;
  };
  const t0 = process.hrtime.bigint();
  const svgs = renderGlossaryFormulas(JSON.stringify({ entries: shipped.entries }));
  const prerenderMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const svgBytes = Object.values(svgs).reduce((n, s) => n + s.length, 0);
  const images = new FormulaImages(svgs);
  const texs = Object.keys(svgs);
  const uriMs =
    timeMs(
      () => {
        for (const t of texs) new FormulaImages(svgs).uri(t, '#cccccc');
      },
      5,
      1,
    ) / Math.max(1, texs.length);
  images.uri(texs[0], '#cccccc');
  const cachedUriMs = timeMs(() => images.uri(texs[0], '#cccccc'), 50, 5);

  // A 1 MB single line (a minified or generated file in a note's language): near the start, past the column
  // limit, and far past it. Baseline: the same three look-ups on a line of ordinary length.
  const hugeLine = ('probe ' + 'x'.repeat(94)).repeat(10_500);
  const shortLine = hugeLine.slice(0, 100);
  const hugeLineMs = cpuMs(
    () => {
      termAt(shipped, hugeLine, 2);
      termAt(shipped, hugeLine, TERM_AT_MAX_COLUMN + 2);
      termAt(shipped, hugeLine, 900_002);
    },
    20,
    3,
  );
  const shortLineMs = cpuMs(
    () => {
      for (let i = 0; i < 3; i++) termAt(shipped, shortLine, 2);
    },
    20,
    3,
  );
  const us = (n: number) => Math.round(n * 100) / 100;
  const ms = (n: number) => Math.round(n * 1000) / 1000;
  return {
    'termAt.oneMegabyteLine': {
      value: ms(hugeLineMs),
      unit: 'ms CPU',
      baseline: { name: 'the same three look-ups on a 100-character line', value: ms(shortLineMs) },
      ratio: Number((hugeLineMs / Math.max(shortLineMs, 0.001)).toFixed(1)),
      budget: '< 50 ms for the three look-ups (a hover on a huge line stays instant)',
      note: 'near the start, just past TERM_AT_MAX_COLUMN, and at 900,000; was a unit-test assertion',
    },
    'termAt.shipped.median': {
      value: us(median(small)),
      unit: 'µs',
      baseline: { name: 'regex test of the line', value: us(median(base)) },
      ratio: us(median(small) / median(base)),
      note: `${positions.length} random positions of a 10,000-line notes file (en, vi NFC and NFD, 10,000-char lines every 500); ${hits} hits; ${shipped.entries.length} entries`,
    },
    'termAt.shipped.p99': {
      value: us(percentile(small, 99)),
      unit: 'µs',
      baseline: { name: 'regex test of the line', value: us(percentile(base, 99)) },
      ratio: us(percentile(small, 99) / percentile(base, 99)),
      budget: 'p99 < 50 µs',
    },
    'termAt.synthetic2000.median': {
      value: us(median(large)),
      unit: 'µs',
      baseline: { name: 'termAt shipped glossary', value: us(median(small)) },
      ratio: us(median(large) / median(small)),
      budget: 'ratio ≤ 1.5',
    },
    'termAt.synthetic2000.p99': {
      value: us(percentile(large, 99)),
      unit: 'µs',
      baseline: { name: 'termAt shipped glossary', value: us(percentile(small, 99)) },
      ratio: us(percentile(large, 99) / percentile(small, 99)),
      budget: 'p99 < 50 µs; ratio ≤ 1.5',
      note: `${big.entries.length} entries, ${termIndexOf(big).size} term forms of pseudo-words absent from the notes (size scaling alone)`,
    },
    'termAt.synthetic2000NotesWords.median': {
      value: us(median(largeNotes)),
      unit: 'µs',
      baseline: { name: 'termAt shipped glossary', value: us(median(small)) },
      ratio: us(median(largeNotes) / median(small)),
      note: "worst case: 1,877 extra entries built from the notes' own words, so hovers follow many more partial matches",
    },
    'termAt.synthetic2000NotesWords.p99': {
      value: us(percentile(largeNotes, 99)),
      unit: 'µs',
      baseline: { name: 'termAt shipped glossary', value: us(percentile(small, 99)) },
      ratio: us(percentile(largeNotes, 99) / percentile(small, 99)),
    },
    'index.build.shipped': {
      value: ms(buildMs),
      unit: 'ms',
      baseline: { name: 'JSON round trip of the same entries', value: ms(jsonParseMs) },
      ratio: us(buildMs / jsonParseMs),
      budget: '< 5 ms',
      note: `median of 20 builds; the first build in this process (cold JIT) took ${ms(coldBuildMs)} ms; ${termIndexOf(shipped).size} term forms`,
    },
    'index.build.synthetic2000': {
      value: ms(bigBuildMs),
      unit: 'ms',
      note: 'built once per glossary object (user files changed), not per hover',
    },
    'codeBlocks.10000lines': {
      value: ms(codeBlocksMs),
      unit: 'ms',
      baseline: { name: 'split the document into lines', value: ms(splitMs) },
      ratio: us(codeBlocksMs / splitMs),
      note: 'fenced-code line scanner; once per document version, cached by the hover provider',
    },
    'markdownIt.render.withGlossary': {
      value: ms(markedMs),
      unit: 'ms',
      baseline: { name: 'same markdown-it render without the plugin', value: ms(plainMs) },
      ratio: us(markedMs / plainMs),
      note: '40 sections, 800 lines of notes',
    },
    'formula.prerender.build': {
      value: ms(prerenderMs),
      unit: 'ms',
      note: `${texs.length} formulas rendered by MathJax at build time (cold, includes loading MathJax); ${Math.round(svgBytes / 1024)} KB of SVG in the bundle`,
    },
    'formula.dataUri.first': {
      value: ms(uriMs),
      unit: 'ms',
      baseline: { name: 'cached', value: ms(cachedUriMs) },
      note: 'per formula: colour + base64',
    },
  };
}

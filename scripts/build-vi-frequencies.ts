/**
 * Regenerates src/core/text/vi-frequencies.json: Vietnamese syllable and syllable-bigram counts used to break
 * ties when repairing mangled files. Run from the repository root:
 *
 *   node -r esbuild-register scripts/build-vi-frequencies.ts [--firefox DIR] [--libreoffice DIR] [--course DIR]
 *
 * Sources (each one optional; weights are renormalised over those present):
 *   course       test/fixtures/aero-module15/*.md             Apache-2.0   (the original course, Module 15)
 *   lessons      lessons/vi/*.md                            Apache-2.0   (this project's lessons)
 *   firefox      Firefox ESR Vietnamese language pack         MPL-2.0      (Mozilla l10n; Debian firefox-esr-l10n-vi)
 *                  apt-get download firefox-esr-l10n-vi && dpkg-deb -x firefox-esr-l10n-vi_*.deb x &&
 *                  unzip -d ff x/usr/lib/firefox-esr/browser/extensions/langpack-vi@firefox-esr.mozilla.org.xpi  -> --firefox ff
 *   libreoffice  LibreOffice help, Vietnamese                 MPL-2.0      (Debian libreoffice-help-vi)
 *                  apt-get download libreoffice-help-vi && dpkg-deb -x libreoffice-help-vi_*.deb x  -> --libreoffice x/usr/share/libreoffice/help/vi
 * The table holds only counts of single syllables and of adjacent pairs, no sentences.
 */
import * as fs from 'fs';
import * as path from 'path';
import { countVietnamese, syllableKey, type ViCounts, type ViFrequencyData } from '../src/core';

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const SCALE = 1_000_000;
const MAX_BIGRAMS = 3000;

function walk(dir: string, ext: RegExp): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p, ext));
    else if (ext.test(e.name)) out.push(p);
  }
  return out;
}

/** Markdown without code, math, links' targets and HTML comments. */
function markdownProse(md: string): string {
  return md
    .replace(/```[\s\S]*?```/g, '\n')
    .replace(/<!--[\s\S]*?-->/g, '\n')
    .replace(/\$\$[\s\S]*?\$\$/g, '\n')
    .replace(/\$[^$\n]*\$/g, ' , ')
    .replace(/`[^`\n]*`/g, ' , ')
    .replace(/\]\([^)]*\)/g, '] ');
}

/** Keeps lines that are mostly Vietnamese (UI strings and help pages mix in English). */
function vietnameseLines(text: string): string {
  return text
    .split('\n')
    .filter((line) => {
      const words = line.match(/[\p{L}\p{M}]+/gu) ?? [];
      if (words.length === 0) return false;
      const vi = words.filter((w) => syllableKey(w) !== null).length;
      return vi / words.length >= 0.6 && words.some((w) => [...w].some((c) => c.charCodeAt(0) > 0x7f));
    })
    .join('\n');
}

function unescapeHtml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_, e: string) => {
    const k = e.toLowerCase();
    if (k.startsWith('#x')) return String.fromCodePoint(parseInt(k.slice(2), 16));
    if (k.startsWith('#')) return String.fromCodePoint(parseInt(k.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' } as Record<string, string>)[k];
  });
}

function firefoxText(dir: string): string {
  const parts: string[] = [];
  for (const f of walk(dir, /\.(ftl|properties)$/)) {
    for (const raw of fs.readFileSync(f, 'utf8').split('\n')) {
      if (/^\s*#/.test(raw)) continue;
      const m = /^\s*(?:[.\w-]+\s*[=:]\s*)?(.*)$/.exec(raw);
      if (!m) continue;
      parts.push(
        m[1]
          .replace(/\{[^}]*\}/g, ' , ')
          .replace(/<[^>]*>/g, ' ')
          .replace(/\\u([0-9a-f]{4})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
      );
    }
  }
  return vietnameseLines(parts.join('\n'));
}

function libreofficeText(dir: string): string {
  const parts: string[] = [];
  for (const f of walk(dir, /\.html$/)) {
    const html = fs
      .readFileSync(f, 'utf8')
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
      .replace(/<\/?(p|div|h\d|li|td|tr|br|table|ul|ol)\b[^>]*>/gi, '\n')
      .replace(/<[^>]+>/g, ' ');
    parts.push(unescapeHtml(html));
  }
  return vietnameseLines(parts.join('\n'));
}

interface Source {
  name: string;
  licence: string;
  origin: string;
  weight: number;
  text: string;
}

const courseDir = arg('--course') ?? path.resolve(root, 'test', 'fixtures', 'aero-module15');
const sources: Source[] = [
  {
    name: 'aero-module15',
    licence: 'Apache-2.0',
    origin: 'the original course, Module 15 (test/fixtures/aero-module15)',
    weight: 0.35,
    text: walk(courseDir, /\.md$/)
      .map((f) => markdownProse(fs.readFileSync(f, 'utf8')))
      .join('\n'),
  },
  {
    name: 'lessons/vi',
    licence: 'Apache-2.0',
    origin: "this project's Vietnamese lessons",
    weight: 0.25,
    text: walk(path.join(root, 'lessons', 'vi'), /\.md$/)
      .map((f) => markdownProse(fs.readFileSync(f, 'utf8')))
      .join('\n'),
  },
];
const ff = arg('--firefox');
if (ff)
  sources.push({
    name: 'firefox-esr-l10n-vi',
    licence: 'MPL-2.0',
    origin: 'Mozilla Firefox ESR Vietnamese language pack (Debian firefox-esr-l10n-vi)',
    weight: 0.15,
    text: firefoxText(ff),
  });
const lo = arg('--libreoffice');
if (lo)
  sources.push({
    name: 'libreoffice-help-vi',
    licence: 'MPL-2.0',
    origin: 'LibreOffice help, Vietnamese (Debian libreoffice-help-vi)',
    weight: 0.25,
    text: libreofficeText(lo),
  });

const present = sources.map((s) => ({ ...s, counts: countVietnamese(s.text) })).filter((s) => s.counts.tokens > 0);
const weightSum = present.reduce((a, s) => a + s.weight, 0);
const unigrams = new Map<string, number>();
const bigrams = new Map<string, number>();
const add = (into: Map<string, number>, from: ViCounts['unigrams'], factor: number) => {
  for (const [k, n] of from) into.set(k, (into.get(k) ?? 0) + n * factor);
};
const header: ViFrequencyData['sources'] = [];
for (const s of present) {
  const weight = s.weight / weightSum;
  const factor = (weight * SCALE) / s.counts.tokens;
  add(unigrams, s.counts.unigrams, factor);
  add(bigrams, s.counts.bigrams, factor);
  header.push({
    name: s.name,
    licence: s.licence,
    origin: s.origin,
    tokens: s.counts.tokens,
    weight: Number(weight.toFixed(4)),
    factor: Number(factor.toFixed(6)),
  });
}
const byCount = (m: Map<string, number>) =>
  [...m.entries()]
    .map(([k, v]) => [k, Math.round(v)] as const)
    .filter(([, v]) => v >= 1)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
const uni = byCount(unigrams);
const bi = byCount(bigrams)
  .filter(([, v]) => v >= 2)
  .slice(0, MAX_BIGRAMS);
const data: ViFrequencyData = {
  about:
    'Vietnamese syllable and syllable-pair counts for repairing mangled files. Keys: toneless syllable + VNI tone digit ' +
    '(1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng). Counts are weighted so each source contributes its weight of 1,000,000. ' +
    'Regenerate with scripts/build-vi-frequencies.ts.',
  sources: header,
  total: Math.round([...unigrams.values()].reduce((a, b) => a + b, 0)),
  unigrams: uni.map(([k, v]) => `${k} ${v}`).join(' '),
  bigrams: bi.map(([k, v]) => `${k} ${v}`).join(' '),
};
const out = path.join(root, 'src', 'core', 'text', 'vi-frequencies.json');
fs.writeFileSync(out, JSON.stringify(data, null, 1) + '\n');
console.log(`${out}: ${uni.length} syllables, ${bi.length} pairs, ${fs.statSync(out).size} bytes`);
for (const h of header) console.log(`  ${h.name}: ${h.tokens} syllables, weight ${h.weight}`);

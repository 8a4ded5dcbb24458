/**
 * Test-side damage and scoring for the mojibake repair, written independently of src/core/text: the code
 * pages come from iconv-lite (which decodes each undefined byte to U+FFFD), not from core's tables.
 * (Node 20's own TextDecoder('windows-1252') is no oracle: it decodes as ISO-8859-1, 0x80-0x9F as C1 controls.)
 */
import * as fs from 'fs';
import * as path from 'path';
import * as iconv from 'iconv-lite';
import type { MojibakeRepair } from '../../src/core';

export type Page = 'windows-1252' | 'windows-1254';
export const PAGES: Page[] = ['windows-1252', 'windows-1254'];
export const SHY: ('keep' | 'drop')[] = ['keep', 'drop'];

const ICONV_NAME: Record<Page, string> = { 'windows-1252': 'windows1252', 'windows-1254': 'windows1254' };

/** The bytes the code page leaves undefined (iconv-lite decodes them to U+FFFD). */
export function undefinedBytes(page: Page): number[] {
  const out: number[] = [];
  for (let b = 0; b < 256; b++) if (iconv.decode(Buffer.from([b]), ICONV_NAME[page]) === '\ufffd') out.push(b);
  return out;
}

/** UTF-8 text read as `page`, undefined bytes (and, with softHyphen 'drop', 0xAD) lost, saved again. */
export function damage(text: string, page: Page, softHyphen: 'keep' | 'drop'): string {
  const drop = new Set(undefinedBytes(page));
  if (softHyphen === 'drop') drop.add(0xad);
  const bytes = Buffer.from(text, 'utf8').filter((b) => !drop.has(b));
  return iconv.decode(Buffer.from(bytes), ICONV_NAME[page], { stripBOM: false });
}

/** Like `damage`, but the tool kept each undefined byte as the C1 control of the same number (WHATWG decoders do). */
export function damageKeepC1(text: string, page: Page): string {
  const undef = new Set(undefinedBytes(page));
  let out = '';
  let run: number[] = [];
  const flush = () => {
    out += iconv.decode(Buffer.from(run), ICONV_NAME[page], { stripBOM: false });
    run = [];
  };
  for (const b of Buffer.from(text, 'utf8')) {
    if (undef.has(b)) {
      flush();
      out += String.fromCharCode(b);
    } else run.push(b);
  }
  flush();
  return out;
}

export interface Recovery {
  /** Characters whose bytes were partly lost (gaps) in the damaged text. */
  lostChars: number;
  /** Of those, restored exactly. */
  exact: number;
  /** The same two counts for letters and combining marks only (emoji and punctuation excluded). */
  lostLetters: number;
  exactLetters: number;
  /** Wrong characters inside a spot reported as unresolved. */
  wrongReported: number;
  /** Wrong characters NOT reported: silent errors. */
  wrongSilent: number;
  /** Reported spots whose best guess was right. */
  reportedRight: number;
  silentExamples: string[];
}

/** Compares a repair with the original, code point by code point, and sorts the differences. */
export function scoreRepair(
  original: string,
  damaged: string,
  page: Page,
  shy: 'keep' | 'drop',
  repair: MojibakeRepair,
): Recovery {
  const orig = [...original];
  const got = [...repair.text];
  // Which original characters lost bytes: those whose UTF-8 holds a dropped byte.
  const drop = new Set(undefinedBytes(page));
  if (shy === 'drop') drop.add(0xad);
  const utf8 = (cp: number): number[] =>
    cp < 0x80
      ? [cp]
      : cp < 0x800
        ? [0xc0 | (cp >> 6), 0x80 | (cp & 63)]
        : cp < 0x10000
          ? [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)]
          : [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
  const lostAt = orig.map((c) => {
    const cp = c.codePointAt(0) ?? 0;
    return cp >= 0x80 && utf8(cp).some((b) => drop.has(b));
  });
  // Offsets (UTF-16) of unresolved spots -> code point indices.
  const reported = new Set<number>();
  const unitToCp = new Map<number, number>();
  let unit = 0;
  got.forEach((c, i) => {
    unitToCp.set(unit, i);
    unit += c.length;
  });
  for (const u of repair.unresolved) reported.add(unitToCp.get(u.offset) ?? -1);
  const r: Recovery = {
    lostChars: 0,
    exact: 0,
    lostLetters: 0,
    exactLetters: 0,
    wrongReported: 0,
    wrongSilent: 0,
    reportedRight: 0,
    silentExamples: [],
  };
  if (got.length !== orig.length) {
    r.wrongSilent = 1;
    r.silentExamples.push(
      `length ${got.length} vs ${orig.length} (repaired=${repair.repaired}: ${repair.detection.reason})`,
    );
    return r;
  }
  for (let i = 0; i < orig.length; i++) {
    const letter = lostAt[i] && /[\p{L}\p{M}]/u.test(orig[i]);
    if (lostAt[i]) {
      r.lostChars++;
      if (letter) r.lostLetters++;
    }
    if (got[i] === orig[i]) {
      if (lostAt[i]) {
        r.exact++;
        if (letter) r.exactLetters++;
      }
      if (reported.has(i)) r.reportedRight++;
    } else if (reported.has(i)) r.wrongReported++;
    else {
      r.wrongSilent++;
      if (r.silentExamples.length < 10)
        r.silentExamples.push(
          `${JSON.stringify(orig.slice(Math.max(0, i - 12), i + 6).join(''))}: got ${JSON.stringify(got[i])} for ${JSON.stringify(orig[i])}`,
        );
    }
  }
  void damaged;
  return r;
}

/** The original course module: the copy in test/fixtures (its licence notice sits beside the folder). */
export const COURSE_DIR = path.resolve(__dirname, '..', 'fixtures', 'aero-module15');
export const LESSONS_VI = path.resolve(__dirname, '..', '..', 'lessons', 'vi');

export function mdFiles(dir: string): { name: string; text: string }[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => ({ name: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

import type { Glossary } from './types';

/**
 * Term matching shared by the hover (termAt) and the markdown-it plugin (findTerms).
 *
 * Text is cut into words: maximal runs of letters, combining marks and digits (\p{L}\p{M}\p{N}), so
 * Vietnamese letters with diacritics, in NFC or NFD, are letters and "PCA" is not a word of "PCAP".
 * Each word is normalised on its own (case folded, decomposed, Vietnamese tone marks moved to the end
 * so "hóa" = "hoá"), which keeps offsets exact in the original text whatever its normal form.
 * Between two words a "gap" is either a space-or-hyphen joint (spaces, or one hyphen: "linear-probe"
 * = "linear probe") or literal punctuation ("occam's"). Terms go into a trie of word / gap keys.
 */

/** Where a glossary term occurs: UTF-16 offsets in the text that was searched. */
export interface TermMatch {
  id: string;
  start: number;
  end: number;
  text: string;
}

interface TrieNode {
  next?: Map<string, TrieNode>;
  id?: string;
}

export interface TermIndex {
  readonly root: TrieNode;
  /** Most words in one term (0 for an empty glossary). */
  readonly maxWords: number;
  /** Characters scanned on each side of a hover position: bounded by the longest term, not the entry count. */
  readonly window: number;
  /** Number of distinct term forms indexed. */
  readonly size: number;
  /** Term forms claimed by more than one entry (the later entry wins), for glossary checks. */
  readonly conflicts: readonly { term: string; ids: [string, string] }[];
  /** Non-zero at the wordHash of each one-word term: see mayStartTerm. */
  readonly singleWords: Uint8Array;
  /** Non-zero at the pairHash of the first two words of each longer term. */
  readonly wordPairs: Uint8Array;
}

/** Key of a space-or-hyphen joint between two words. */
const JOINT = ' ';
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const JOINT_GAP = /^(?:[ \t\u00a0\u2009\u202f]+|[-\u2010\u2011])$/;
const APOSTROPHES = /[\u2018\u2019\u02bc]/g;

/** Word-ness of BMP code points, filled on first sight: 1 word, 2 not a word (the \\p{…} test costs ~0.5 µs). */
const BMP_CLASS = new Uint8Array(0x10000);

/** True when the code point is part of a word (letter, combining mark, digit). */
export function isWordCodePoint(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x30 && cp <= 0x39);
  if (cp > 0xffff) return WORD_CHAR.test(String.fromCodePoint(cp));
  let c = BMP_CLASS[cp];
  if (c === 0) BMP_CLASS[cp] = c = WORD_CHAR.test(String.fromCharCode(cp)) ? 1 : 2;
  return c === 1;
}

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const normalized = new Map<string, string>();

/** Normalised form of one word: lower case, NFD, Vietnamese tone marks after the letters ("hóa" = "hoá"). */
export function normalizeWord(word: string): string {
  let ascii = true;
  for (let i = 0; i < word.length; i++)
    if (word.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  if (ascii) return word.toLowerCase();
  let key = normalized.get(word);
  if (key !== undefined) return key;
  const d = word.toLowerCase().normalize('NFD');
  const tones = d.match(TONE_MARKS);
  key = !tones ? d : d.replace(TONE_MARKS, '') + (tones.length > 1 ? tones.sort().join('') : tones[0]);
  // Bounded memo: the same Vietnamese syllables recur in terms and in text.
  if (normalized.size >= 20_000) normalized.clear();
  normalized.set(word, key);
  return key;
}

/** Key of the text between two adjacent words. */
export function gapKey(gap: string): string {
  if (JOINT_GAP.test(gap)) return JOINT;
  return gap.replace(APOSTROPHES, "'").replace(/\s+/g, ' ');
}

/**
 * The words of a text, from one scan that also hashes them for the first-word filter (see scanWords):
 * parallel arrays of UTF-16 offsets, no object per word.
 */
export interface WordRuns {
  count: number;
  start: Int32Array;
  end: Int32Array;
  /** wordHash of each word: its letters and marks lower-cased and decomposed; -1 when not decided. */
  hash: Int32Array;
  /** The first word starts before the scanned range: its true extent is unknown, so it matches nothing. */
  truncatedFirst: boolean;
  /** The last word runs past the scanned range (same). */
  truncatedLast: boolean;
}

function isWordAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  if ((c & 0xfc00) === 0xdc00 && i > 0) return isWordCodePoint(text.codePointAt(i - 1) ?? c);
  return isWordCodePoint(text.codePointAt(i) ?? c);
}

const NOT_WORD = -2;

function newRuns(capacity: number): WordRuns {
  return {
    count: 0,
    start: new Int32Array(capacity),
    end: new Int32Array(capacity),
    hash: new Int32Array(capacity),
    truncatedFirst: false,
    truncatedLast: false,
  };
}

function grow(runs: WordRuns): void {
  const n = runs.start.length * 2;
  for (const k of ['start', 'end', 'hash'] as const) {
    const a = new Int32Array(n);
    a.set(runs[k]);
    runs[k] = a;
  }
}

/**
 * Words of text[from, to) and their hashes, in one hand-rolled pass: no allocation per character or per word
 * (a /[\p{L}\p{M}\p{N}]+/gu loop was 3× slower; word objects, then hashing and slicing each word, cost most
 * of the term marking in a render). `into` is reused when given (its arrays grow as needed).
 */
export function scanWords(text: string, from: number, to: number, into?: WordRuns): WordRuns {
  const runs = into ?? newRuns(16);
  let a = from;
  let b = to;
  // Never start or stop inside a surrogate pair.
  if (a > 0 && (text.charCodeAt(a) & 0xfc00) === 0xdc00) a--;
  if (b < text.length && b > 0 && (text.charCodeAt(b - 1) & 0xfc00) === 0xd800) b++;
  let count = 0;
  let start = -1;
  let h = 0;
  let marks = 0;
  let undecided = false;
  let i = a;
  while (i < b) {
    const c = text.charCodeAt(i);
    let n = 1;
    let v = letterOf(c); // NOT_WORD for a surrogate: its pair is looked at here
    if (
      v === NOT_WORD &&
      (c & 0xfc00) === 0xd800 &&
      i + 1 < text.length &&
      (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00
    ) {
      n = 2;
      if (isWordCodePoint((c - 0xd800) * 0x400 + (text.charCodeAt(i + 1) - 0xdc00) + 0x10000)) v = OTHER;
    }
    if (v !== NOT_WORD) {
      if (start < 0) {
        start = i;
        h = FNV_OFFSET;
        marks = 0;
        undecided = false;
      }
      if (v === OTHER) undecided = true;
      else {
        if (v & HAS_BASE) h = Math.imul(h ^ (v & 0xffff), FNV_PRIME);
        marks += v >>> 17;
      }
    } else if (start >= 0) {
      if (count === runs.start.length) grow(runs);
      runs.start[count] = start;
      runs.end[count] = i;
      runs.hash[count++] = undecided ? -1 : finish(h, marks);
      start = -1;
    }
    i += n;
  }
  if (start >= 0) {
    if (count === runs.start.length) grow(runs);
    runs.start[count] = start;
    runs.end[count] = i;
    runs.hash[count++] = undecided ? -1 : finish(h, marks);
  }
  runs.count = count;
  runs.truncatedFirst = count > 0 && runs.start[0] === a && a > 0 && isWordAt(text, a - 1);
  runs.truncatedLast = count > 0 && runs.end[count - 1] >= b && b < text.length && isWordAt(text, runs.end[count - 1]);
  return runs;
}

/** Word and gap keys of a glossary term; a hyphenated term also yields its joined form ("auto-encoder" → "autoencoder"). */
function termKeys(term: string): string[][] {
  const t = term.trim();
  const words = scanWords(t, 0, t.length);
  if (!words.count) return [];
  const keys: string[] = [];
  for (let k = 0; k < words.count; k++) {
    if (k > 0) keys.push(gapKey(t.slice(words.end[k - 1], words.start[k])));
    keys.push(normalizeWord(t.slice(words.start[k], words.end[k])));
  }
  const variants = [keys];
  if (words.count > 1 && /[-\u2010\u2011]/.test(t) && keys.every((k, i) => i % 2 === 0 || k === JOINT)) {
    variants.push([keys.filter((_, i) => i % 2 === 0).join('')]);
  }
  return variants;
}

/**
 * Each BMP code unit as scanWords needs it, filled on first sight: NOT_WORD (no letter, mark or digit), or
 * lower-cased and decomposed (NFD) as its base letter (bits 0–15, bit 16 set when there is one) and the sum
 * of its combining marks (bits 17–30). 0: not yet computed; OTHER: more than one base letter (Hangul
 * syllables) or a lower case that depends on context (Σ), so words with it are not filtered. One table
 * lookup per character: the scan runs over every text of every render.
 */
const LETTER = new Int32Array(0x10000);
const OTHER = -1;
const HAS_BASE = 0x10000;
const COMBINING = /\p{M}/u;
const FILTER_BITS = 16;

function letterOf(c: number): number {
  let v = LETTER[c];
  if (v === 0) {
    v = OTHER;
    if (!isWordCodePoint(c)) v = NOT_WORD;
    else if (c !== 0x3a3) {
      let base = -1;
      let marks = 0;
      for (const d of String.fromCharCode(c).toLowerCase().normalize('NFD')) {
        if (COMBINING.test(d)) marks += d.charCodeAt(0);
        else if (base < 0 && d.length === 1) base = d.charCodeAt(0);
        else {
          base = -2;
          break;
        }
      }
      if (base !== -2) v = (base >= 0 ? HAS_BASE | base : 0) | ((marks & 0x3fff) << 17);
    }
    LETTER[c] = v;
  }
  return v;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function finish(h: number, marks: number): number {
  h = Math.imul(h ^ (marks & 0x3fff), FNV_PRIME);
  return (h ^ (h >>> FILTER_BITS)) & ((1 << FILTER_BITS) - 1);
}

/*
 * wordHash of a word (computed by scanWords): text[start, end) lower-cased and decomposed, its base letters in
 * order and the sum of its combining marks (order-free: NFC, NFD and either order of Vietnamese marks hash
 * alike); -1 when a code unit has no single base letter. Lower case and NFD apply letter by letter (Σ
 * excluded), so this is the hash of normalizeWord(word), which keyHash computes from the key.
 */

/** wordHash of a normalised key (already lower case and decomposed). */
function keyHash(key: string): number {
  let h = FNV_OFFSET;
  let marks = 0;
  for (const d of key) {
    if (COMBINING.test(d)) marks += d.charCodeAt(0);
    else for (let i = 0; i < d.length; i++) h = Math.imul(h ^ d.charCodeAt(i), FNV_PRIME);
  }
  return finish(h, marks);
}

function pairHash(a: number, b: number): number {
  const h = Math.imul(a ^ Math.imul(b, 0x9e3779b1), FNV_PRIME);
  return (h ^ (h >>> FILTER_BITS)) & ((1 << FILTER_BITS) - 1);
}

/**
 * False when no term can start at word k: it is no one-word term and, with the next word, not the start of a
 * longer one. Most words of a lesson are ruled out so, many Vietnamese syllables that start some term among them.
 * Never false for a word that does start a term (hash -1: not decided, true).
 */
function mayStartTerm(index: TermIndex, words: WordRuns, k: number): boolean {
  const h = words.hash[k];
  if (h < 0 || index.singleWords[h] !== 0) return true;
  if (k + 1 >= words.count) return false;
  const next = words.hash[k + 1];
  return next < 0 || index.wordPairs[pairHash(h, next)] !== 0;
}

/** Builds the term trie for a glossary. Later entries win a term claimed twice (user files come after the shipped glossary). */
export function buildTermIndex(glossary: Glossary): TermIndex {
  const root: TrieNode = {};
  let maxWords = 0;
  let maxChars = 0;
  let size = 0;
  const conflicts: { term: string; ids: [string, string] }[] = [];
  const singleWords = new Uint8Array(1 << FILTER_BITS);
  const wordPairs = new Uint8Array(1 << FILTER_BITS);
  for (const entry of glossary.entries) {
    for (const list of Object.values(entry.terms)) {
      for (const term of list ?? []) {
        for (const keys of termKeys(term)) {
          // keys alternate word, gap, word: the gap is left out of the pair (a superset is enough for a filter).
          if (keys.length === 1) singleWords[keyHash(keys[0])] = 1;
          else wordPairs[pairHash(keyHash(keys[0]), keyHash(keys[2]))] = 1;
          let node = root;
          for (const k of keys) {
            node.next ??= new Map();
            let child = node.next.get(k);
            if (!child) node.next.set(k, (child = {}));
            node = child;
          }
          if (node.id === undefined) size++;
          else if (node.id !== entry.id) conflicts.push({ term, ids: [node.id, entry.id] });
          node.id = entry.id;
          maxWords = Math.max(maxWords, (keys.length + 1) / 2);
          maxChars = Math.max(maxChars, term.length);
        }
      }
    }
  }
  // NFD text can be up to 3 UTF-16 units per NFC letter (ệ = e + ̣ + ̂), and joints may hold a few spaces.
  const window = Math.min(1024, maxChars * 3 + 16);
  return { root, maxWords, window, size, conflicts, singleWords, wordPairs };
}

/**
 * A term index as plain JSON data, written at build time for the shipped glossary (see compiled.ts): the trie
 * in pre-order as [key, entry id ('' for none), child count] triples, and the set positions of the filters.
 * Decoding it costs a fraction of building the index (no word scanning or normalising).
 */
export interface CompactTermIndex {
  trie: (string | number)[];
  maxWords: number;
  window: number;
  size: number;
  conflicts: { term: string; ids: [string, string] }[];
  singleWords: number[];
  wordPairs: number[];
}

export function encodeTermIndex(index: TermIndex): CompactTermIndex {
  const trie: (string | number)[] = [];
  const walk = (key: string, node: TrieNode) => {
    trie.push(key, node.id ?? '', node.next?.size ?? 0);
    for (const [k, child] of node.next ?? []) walk(k, child);
  };
  walk('', index.root);
  const positions = (a: Uint8Array) => a.reduce<number[]>((out, v, i) => (v ? (out.push(i), out) : out), []);
  return {
    trie,
    maxWords: index.maxWords,
    window: index.window,
    size: index.size,
    conflicts: index.conflicts.map((c) => ({ term: c.term, ids: [c.ids[0], c.ids[1]] })),
    singleWords: positions(index.singleWords),
    wordPairs: positions(index.wordPairs),
  };
}

export function decodeTermIndex(c: CompactTermIndex): TermIndex {
  let i = 0;
  const read = (): TrieNode => {
    const id = c.trie[i + 1] as string;
    let children = c.trie[i + 2] as number;
    i += 3;
    const node: TrieNode = id ? { id } : {};
    if (children > 0) {
      node.next = new Map();
      while (children-- > 0) {
        const key = c.trie[i] as string;
        node.next.set(key, read());
      }
    }
    return node;
  };
  const root = read();
  const filter = (set: number[]) => {
    const a = new Uint8Array(1 << FILTER_BITS);
    for (const p of set) a[p] = 1;
    return a;
  };
  return {
    root,
    maxWords: c.maxWords,
    window: c.window,
    size: c.size,
    conflicts: c.conflicts,
    singleWords: filter(c.singleWords),
    wordPairs: filter(c.wordPairs),
  };
}

const indexes = new WeakMap<Glossary, TermIndex>();

/** Gives `glossary` an index built elsewhere (decoded from the build's compact form): termIndexOf returns it. */
export function setTermIndex(glossary: Glossary, index: TermIndex): void {
  indexes.set(glossary, index);
}

/** The glossary's term index, built on first use and cached for the glossary object's lifetime. */
export function termIndexOf(glossary: Glossary): TermIndex {
  let index = indexes.get(glossary);
  if (!index) indexes.set(glossary, (index = buildTermIndex(glossary)));
  return index;
}

/** Normalised form of word k (normalizeWord memoises the non-ASCII ones). */
function keyOf(text: string, words: WordRuns, k: number): string {
  return normalizeWord(text.slice(words.start[k], words.end[k]));
}

function truncated(words: WordRuns, k: number): boolean {
  return (k === 0 && words.truncatedFirst) || (k === words.count - 1 && words.truncatedLast);
}

/** The longest term that starts at word `s` of `words`, as [id, index of its last word], or undefined. */
export function longestFrom(
  index: TermIndex,
  text: string,
  words: WordRuns,
  s: number,
  mustEndAfter = -1,
): [string, number] | undefined {
  if (truncated(words, s)) return undefined;
  let node = index.root.next?.get(keyOf(text, words, s));
  let best: [string, number] | undefined;
  let j = s;
  while (node) {
    if (node.id !== undefined && words.end[j] > mustEndAfter) best = [node.id, j];
    if (j + 1 >= words.count || truncated(words, j + 1) || !node.next) break;
    const a = words.end[j];
    const b = words.start[j + 1];
    // Fast path for the usual one-character joint (space or hyphen): no slice, no regex.
    const c = b - a === 1 ? text.charCodeAt(a) : -1;
    const gap = node.next.get(c === 0x20 || c === 0x2d ? JOINT : gapKey(text.slice(a, b)));
    node = gap?.next?.get(keyOf(text, words, j + 1));
    j++;
  }
  return best;
}

/** Words of the last findTerms call, reused (dropped after a very long text so it is not kept). */
let scratch: WordRuns | undefined;

/** Every term of the index in `text`, left to right, each the longest one starting at its word; no overlaps. */
export function termsIn(index: TermIndex, text: string): TermMatch[] {
  const out: TermMatch[] = [];
  if (index.maxWords === 0 || !text) return out;
  const words = scanWords(text, 0, text.length, (scratch ??= newRuns(256)));
  for (let s = 0; s < words.count; s++) {
    if (!mayStartTerm(index, words, s)) continue;
    const hit = longestFrom(index, text, words, s);
    if (!hit) continue;
    const start = words.start[s];
    const end = words.end[hit[1]];
    out.push({ id: hit[0], start, end, text: text.slice(start, end) });
    s = hit[1];
  }
  if (words.start.length > 1 << 16) scratch = undefined;
  return out;
}

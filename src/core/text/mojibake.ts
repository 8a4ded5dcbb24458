/**
 * Detecting and repairing UTF-8 text that was decoded as Windows-1252 or Windows-1254 and saved again as
 * UTF-8, losing the bytes the code page leaves undefined (and, with some tools, the soft hyphen 0xAD):
 * "học" (68 E1 BB 8D 63) becomes "há»c" (0x8D is gone).
 *
 * Detection encodes the text back to bytes under each code page and reads those bytes as UTF-8: damaged
 * text gives many complete multi-byte sequences and a few truncated ones whose missing bytes are all
 * lost bytes ("gaps"); anything else (a character outside the code page, a stray continuation byte, an
 * invalid lead byte) means the text is not this damage.
 *
 * Repair re-decodes the bytes and fills each gap: every filling with lost bytes that gives a valid,
 * assigned character is a candidate; letters are judged by Vietnamese syllable rules and syllable /
 * bigram frequencies over the whole phrase (Viterbi), other characters by a small prior. A gap whose best
 * candidate does not beat the runner-up by a clear margin is reported as unresolved, with the best guess
 * in the text (so the repair still round-trips) and the candidates listed.
 */
import {
  CodePage,
  CodePageTable,
  codePageTable,
  countUnencodable,
  damageAsCodePage,
  encodeToCodePage,
  SOFT_HYPHEN_BYTE,
} from './codePages';
import { ViFrequencies, shippedViFrequencies, syllableKey } from './viFrequencies';

/** What one code page makes of the text. */
export interface MojibakeEvidence {
  codePage: CodePage;
  /** Characters the code page cannot represent (any makes this code page impossible). */
  unencodable: number;
  /** Intact multi-byte UTF-8 sequences in the re-encoded bytes. */
  completeSequences: number;
  /** Truncated sequences that lost bytes can complete into an assigned character. */
  gaps: number;
  /** Of the gaps, those missing two or more bytes (weaker evidence). */
  multiByteGaps: number;
  /** Bytes no damage of valid UTF-8 produces: stray continuation bytes, invalid leads, impossible truncations. */
  invalid: number;
  /** A complete sequence contains 0xAD: this tool kept soft hyphens. */
  softHyphenKept: boolean;
  /** Undefined bytes appear as C1 controls (a WHATWG-style decoder kept them): nothing was lost. */
  undefinedKeptAsC1: boolean;
}

/** The verdict and the evidence behind it. */
export interface MojibakeDetection {
  damaged: boolean;
  /** The code page that explains the text; null when none does. */
  codePage: CodePage | null;
  /** False when both code pages read the text identically (it has none of the letters that differ). */
  codePageCertain: boolean;
  completeSequences: number;
  gaps: number;
  invalid: number;
  /** One sentence saying why, for logs and tests. */
  reason: string;
  evidence: MojibakeEvidence[];
}

export interface UnresolvedSpot {
  /** UTF-16 offset in the returned text; the spot is `candidates[0].length` units long. */
  offset: number;
  /** The characters the lost bytes may have been, best guess first (the one in the text). */
  candidates: string[];
}

/** A spot where bytes were lost and put back. */
export interface RepairedSpot extends UnresolvedSpot {
  /** How far (natural log of the score ratio) the chosen character leads the runner-up; Infinity when alone. */
  margin: number;
  /** False for the spots also listed in `unresolved`. */
  certain: boolean;
}

export interface MojibakeRepair {
  text: string;
  repaired: boolean;
  unresolved: UnresolvedSpot[];
  /** Every repaired gap, certain or not (the UI may mark them all). */
  spots: RepairedSpot[];
  detection: MojibakeDetection;
  /** Gaps filled with confidence. */
  restored: number;
  /** Multi-byte characters that came back intact from the re-encoding. */
  decoded: number;
}

export interface RepairOptions {
  /** Syllable frequencies to use instead of the shipped table (tests use this for held-out runs). */
  frequencies?: ViFrequencies;
}

// Evidence thresholds: at least MIN_COMPLETE intact sequences, and no more gaps than intact sequences.
const MIN_COMPLETE = 3;
/** A gap is resolved when its best candidate's path scores this much (natural log) above the runner-up. */
const CONFIDENCE_MARGIN = 3;
const MAX_WORD_COMBINATIONS = 512;

interface Candidate {
  char: string;
  /** The full byte sequence (lead + continuation bytes) that spells the character. */
  bytes: number[];
  plausible: boolean;
}

interface Gap {
  start: number; // byte index of the lead byte
  end: number; // byte index after the bytes that are present
  candidates: Candidate[];
  /** One of the plausible fillings is a Latin letter or a combining mark: the gap is part of a word. */
  wordish: boolean;
}

interface Scan {
  complete: number;
  invalid: number;
  multiByteGaps: number;
  softHyphenKept: boolean;
  c1Kept: boolean;
  gaps: Gap[];
}

const IMPLAUSIBLE = /[\p{Cc}\p{Cs}\p{Co}\p{Cn}]/u;
const LATIN_OR_MARK = /[\p{Script=Latin}\u0300-\u036f]/u;

/** Decodes a complete sequence strictly; -1 when it is not valid UTF-8. */
function decodeSequence(b: number[]): number {
  const b0 = b[0];
  for (let i = 1; i < b.length; i++) if ((b[i] & 0xc0) !== 0x80) return -1;
  if (b.length === 2) return b0 < 0xc2 ? -1 : ((b0 & 0x1f) << 6) | (b[1] & 0x3f);
  if (b.length === 3) {
    if ((b0 === 0xe0 && b[1] < 0xa0) || (b0 === 0xed && b[1] > 0x9f)) return -1;
    return ((b0 & 0x0f) << 12) | ((b[1] & 0x3f) << 6) | (b[2] & 0x3f);
  }
  if (b0 > 0xf4 || (b0 === 0xf0 && b[1] < 0x90) || (b0 === 0xf4 && b[1] > 0x8f)) return -1;
  return ((b0 & 0x07) << 18) | ((b[1] & 0x3f) << 12) | ((b[2] & 0x3f) << 6) | (b[3] & 0x3f);
}

function sequenceLength(lead: number): number {
  return lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
}

/** Every way to put the lost bytes back between the present ones that gives a valid character. */
function enumerateFillings(lead: number, present: number[], lost: number[]): Candidate[] {
  const slots = sequenceLength(lead) - 1;
  const missing = slots - present.length;
  const seen = new Set<number>();
  const out: Candidate[] = [];
  for (let mask = 0; mask < 1 << slots; mask++) {
    let bits = 0;
    for (let m = mask; m; m &= m - 1) bits++;
    if (bits !== missing) continue;
    const total = lost.length ** missing;
    for (let f = 0; f < total; f++) {
      const seq = [lead];
      let p = 0;
      let rest = f;
      for (let s = 0; s < slots; s++) {
        if (mask & (1 << s)) {
          seq.push(lost[rest % lost.length]);
          rest = Math.floor(rest / lost.length);
        } else seq.push(present[p++]);
      }
      const cp = decodeSequence(seq);
      if (cp < 0 || seen.has(cp)) continue;
      seen.add(cp);
      const char = String.fromCodePoint(cp);
      out.push({ char, bytes: seq, plausible: !IMPLAUSIBLE.test(char) });
    }
  }
  return out;
}

/** Reads re-encoded bytes as UTF-8 with gaps. `lost` lists the bytes the damage may have dropped. */
function scanBytes(bytes: Uint8Array, lost: number[], table: CodePageTable): Scan {
  const memo = new Map<string, { candidates: Candidate[]; wordish: boolean }>();
  const undefinedSet = new Set(table.undefinedBytes);
  const scan: Scan = { complete: 0, invalid: 0, multiByteGaps: 0, softHyphenKept: false, c1Kept: false, gaps: [] };
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    if (b < 0xc2 || b > 0xf4) {
      scan.invalid++;
      i++;
      continue;
    } // stray continuation or impossible lead
    const need = sequenceLength(b) - 1;
    let j = i + 1;
    while (j < n && j - i - 1 < need && (bytes[j] & 0xc0) === 0x80) j++;
    const present = j - i - 1;
    if (present === need) {
      const b1 = bytes[i + 1];
      // Overlong or surrogate forms (the only invalid complete shapes once the lead is C2..F4).
      if (
        (b === 0xe0 && b1 < 0xa0) ||
        (b === 0xed && b1 > 0x9f) ||
        (b === 0xf0 && b1 < 0x90) ||
        (b === 0xf4 && b1 > 0x8f)
      )
        scan.invalid++;
      else {
        scan.complete++;
        for (let k = i + 1; k < j; k++) {
          if (bytes[k] === SOFT_HYPHEN_BYTE) scan.softHyphenKept = true;
          if (undefinedSet.has(bytes[k])) scan.c1Kept = true;
        }
      }
    } else if (lost.length > 0) {
      const presentBytes = Array.from(bytes.subarray(i + 1, j));
      const key = b + ':' + presentBytes.join(',');
      let entry = memo.get(key);
      if (!entry) {
        const candidates = enumerateFillings(b, presentBytes, lost);
        memo.set(
          key,
          (entry = { candidates, wordish: candidates.some((c) => c.plausible && LATIN_OR_MARK.test(c.char)) }),
        );
      }
      if (entry.candidates.some((c) => c.plausible)) {
        scan.gaps.push({ start: i, end: j, candidates: entry.candidates, wordish: entry.wordish });
        if (need - present > 1) scan.multiByteGaps++;
      } else scan.invalid++;
    } else scan.invalid++;
    i = j;
  }
  return scan;
}

interface Analysis {
  detection: MojibakeDetection;
  table?: CodePageTable;
  bytes?: Uint8Array;
  scan?: Scan;
}

function lostBytesFor(table: CodePageTable, evidence: { softHyphenKept: boolean; c1Kept: boolean }): number[] {
  const lost = evidence.c1Kept ? [] : [...table.undefinedBytes];
  if (!evidence.softHyphenKept) lost.push(SOFT_HYPHEN_BYTE);
  return lost.sort((a, b) => a - b);
}

function analyse(body: string): Analysis {
  const evidence: MojibakeEvidence[] = [];
  let best: Analysis | undefined;
  const encoded: { table: CodePageTable; bytes: Uint8Array }[] = [];
  for (const name of ['windows-1252', 'windows-1254'] as const) {
    const table = codePageTable(name);
    const bytes = encodeToCodePage(body, table);
    if (!bytes) {
      evidence.push({
        codePage: name,
        unencodable: countUnencodable(body, table),
        completeSequences: 0,
        gaps: 0,
        multiByteGaps: 0,
        invalid: 0,
        softHyphenKept: false,
        undefinedKeptAsC1: false,
      });
      continue;
    }
    encoded.push({ table, bytes });
  }
  // Both code pages encode the text only when it has none of the letters they disagree on: then the bytes
  // are identical and the wider set of lost bytes (windows-1254's) is the safe assumption.
  const certain = encoded.length === 1;
  for (const { table, bytes } of encoded) {
    // First pass decides whether soft hyphens / C1 controls survived; the second scans with the right lost set.
    const probe = scanBytes(bytes, [], table);
    const lostTable = !certain ? codePageTable('windows-1254') : table;
    const scan = scanBytes(bytes, lostBytesFor(lostTable, probe), table);
    scan.softHyphenKept = probe.softHyphenKept;
    scan.c1Kept = probe.c1Kept;
    evidence.push({
      codePage: table.name,
      unencodable: 0,
      completeSequences: scan.complete,
      gaps: scan.gaps.length,
      multiByteGaps: scan.multiByteGaps,
      invalid: scan.invalid,
      softHyphenKept: scan.softHyphenKept,
      undefinedKeptAsC1: scan.c1Kept,
    });
    if (!best) best = { detection: undefined as unknown as MojibakeDetection, table, bytes, scan };
  }
  const ev = best?.scan;
  let damaged = false;
  let reason: string;
  if (!best || !ev) reason = 'characters outside both code pages: not this damage';
  else if (ev.invalid > 0) reason = `${ev.invalid} byte(s) that no damage of UTF-8 produces: not this damage`;
  else if (ev.complete < MIN_COMPLETE)
    reason = `only ${ev.complete} intact multi-byte sequence(s): too little evidence`;
  else if (ev.gaps.length > ev.complete)
    reason = `${ev.gaps.length} gaps for ${ev.complete} intact sequences: too weak`;
  else {
    damaged = true;
    reason = `${ev.complete} intact multi-byte sequences and ${ev.gaps.length} gap(s) under ${best.table?.name}`;
  }
  const detection: MojibakeDetection = {
    damaged,
    codePage: best?.table?.name ?? null,
    codePageCertain: certain,
    completeSequences: ev?.complete ?? 0,
    gaps: ev?.gaps.length ?? 0,
    invalid: ev?.invalid ?? 0,
    reason,
    evidence,
  };
  return { ...best, detection };
}

/** Is this text UTF-8 that was read as Windows-1252/1254 and saved again? With the evidence. */
export function detectMojibake(text: string): MojibakeDetection {
  return analyse(text.startsWith('\ufeff') ? text.slice(1) : text).detection;
}

// ---------------------------------------------------------------------------------------------------
// Scoring candidates

const WORD_CHAR = /[\p{L}\p{M}]/u;
const VIETNAMESE_LETTERS = new Set(
  [...'aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵfjwz']
    .flatMap((c) => [c, c.toUpperCase()])
    .concat(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323', '\u0302', '\u0306', '\u031b']),
);
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const EMOJI_PRESENTATION = /\p{Emoji_Presentation}/u;

interface Draft {
  text: string;
  /** UTF-16 offset in `text` of each gap's placeholder (one unit). */
  offsets: number[];
  gapAt: GapIndex;
}

function isWordish(gap: Gap): boolean {
  return gap.wordish;
}

/** Position in the draft -> gap index (a typed array: millions of gaps stay cheap). */
class GapIndex {
  private readonly at: Int32Array;
  constructor(length: number) {
    this.at = new Int32Array(length).fill(-1);
  }
  set(pos: number, gap: number): void {
    this.at[pos] = gap;
  }
  get(pos: number): number | undefined {
    const g = pos >= 0 && pos < this.at.length ? this.at[pos] : -1;
    return g < 0 ? undefined : g;
  }
  has(pos: number): boolean {
    return this.get(pos) !== undefined;
  }
}

/** Is `pos` (start of a word) at the start of a sentence, a line or a heading? */
function atSentenceStart(text: string, pos: number): boolean {
  let i = pos - 1;
  while (i >= 0 && /[ \t*_#>[("“‘'`|-]/.test(text[i])) i--;
  return i < 0 || /[\n.!?:]/.test(text[i]);
}

function caseScore(word: string[], filled: number[], sentenceStart: boolean): number {
  const isUpper = (c: string) => c !== c.toLowerCase() && c === c.toUpperCase();
  const isLower = (c: string) => c !== c.toUpperCase() && c === c.toLowerCase();
  const cased = (c: string) => isUpper(c) || isLower(c);
  let score = 0;
  const firstCased = word.findIndex(cased);
  for (const p of filled) {
    const c = word[p];
    if (!cased(c)) continue;
    const others = word
      .map((ch, k) => (k !== p && !filled.includes(k) && cased(ch) ? ch : ''))
      .filter((ch, k) => ch && k !== firstCased);
    const upper = isUpper(c);
    if (p === firstCased) {
      const restUpper = others.length > 0 && others.every(isUpper);
      if (restUpper) score += upper ? 0 : -8;
      else score += upper ? (sentenceStart ? 0 : -1.5) : sentenceStart ? -1 : 0;
    } else if (others.length === 0) {
      const first = firstCased >= 0 ? word[firstCased] : '';
      score += upper ? (isUpper(first) ? -4 : -8) : 0;
    } else {
      const allUpper = others.every(isUpper);
      const allLower = others.every(isLower);
      score += allUpper ? (upper ? 0 : -8) : allLower ? (upper ? -8 : 0) : 0;
    }
  }
  return score;
}

/** Prior for a character that is not part of a word: quotes, dashes, emoji, joiners. */
function symbolScore(c: Candidate, draft: Draft, offset: number, gaps: Gap[]): number {
  if (!c.plausible) return -Infinity;
  const cp = c.char.codePointAt(0) ?? 0;
  const prevGap = draft.gapAt.get(offset - 1);
  const prevChars =
    prevGap !== undefined ? gaps[prevGap].candidates.map((x) => x.char) : [prevCodePoint(draft.text, offset)];
  const nextGap = draft.gapAt.get(offset + 1);
  const nextChars =
    nextGap !== undefined
      ? gaps[nextGap].candidates.map((x) => x.char)
      : [String.fromCodePoint(draft.text.codePointAt(offset + 1) ?? 32)];
  const afterPictograph = prevChars.some((p) => PICTOGRAPH.test(p) || /[#*0-9]/.test(p));
  if (cp === 0xfe0f) return afterPictograph ? 2 : -6; // emoji presentation selector
  if (cp === 0x200d) return afterPictograph && nextChars.some((p) => PICTOGRAPH.test(p)) ? 1 : -6; // zero-width joiner
  if (cp === 0x00ad) return WORD_CHAR.test(prevChars[0]) && WORD_CHAR.test(nextChars[0]) ? 0 : -3;
  if (cp === 0x201d || cp === 0x201c || cp === 0x2019 || cp === 0x2018) {
    const lineStart = draft.text.lastIndexOf('\n', offset) + 1;
    const before = draft.text.slice(Math.max(lineStart, offset - 400), offset);
    const opens = (before.match(/“/g) ?? []).length - (before.match(/”/g) ?? []).length;
    return cp === 0x201d && opens > 0 ? 2 : 0;
  }
  if (/\p{Cf}|\p{Zs}/u.test(c.char)) return -5; // invisible formatting, odd spaces
  if (EMOJI_PRESENTATION.test(c.char)) return 0;
  if (PICTOGRAPH.test(c.char)) return -1;
  if (/\p{P}/u.test(c.char)) return -1;
  if (/\p{S}/u.test(c.char)) return -2;
  return -3;
}

function prevCodePoint(text: string, offset: number): string {
  if (offset <= 0) return ' ';
  const lo = text.charCodeAt(offset - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && offset >= 2) return text.slice(offset - 2, offset);
  return text[offset - 1];
}

interface WordCandidate {
  fills: number[]; // candidate index per gap of the word
  key: string | null;
  /** Score used to choose: full syllable frequency. */
  local: number;
  /** Score used to judge certainty: frequency capped (see syllableScore). */
  capped: number;
}

interface WordNode {
  start: number;
  end: number;
  gaps: number[]; // gap indices, in order
  candidates: WordCandidate[];
}

function wordSpan(draft: Draft, gaps: Gap[], pos: number): [number, number] {
  const inWord = (k: number) => {
    const g = draft.gapAt.get(k);
    return g !== undefined ? isWordish(gaps[g]) : WORD_CHAR.test(draft.text[k]);
  };
  let s = pos;
  while (s > 0 && inWord(s - 1)) s--;
  let e = pos + 1;
  while (e < draft.text.length && inWord(e)) e++;
  return [s, e];
}

/** Word candidates depend only on the word's letters, its gaps' candidate sets and its position: cache them. */
interface ScoringCache {
  words: Map<string, WordCandidate[]>;
  setIds: Map<Candidate[], number>;
}

function buildWordNode(
  draft: Draft,
  gaps: Gap[],
  start: number,
  end: number,
  freq: ViFrequencies,
  cache: ScoringCache,
): WordNode {
  const gapIdx: number[] = [];
  for (let k = start; k < end; k++) {
    const g = draft.gapAt.get(k);
    if (g !== undefined) gapIdx.push(g);
  }
  const sentenceStart = atSentenceStart(draft.text, start);
  let cacheKey = sentenceStart ? '^' : '';
  for (let k = start; k < end; k++) {
    const g = draft.gapAt.get(k);
    if (g === undefined) {
      cacheKey += draft.text[k];
      continue;
    }
    let id = cache.setIds.get(gaps[g].candidates);
    if (id === undefined) cache.setIds.set(gaps[g].candidates, (id = cache.setIds.size));
    cacheKey += '\u0000' + id + '\u0000';
  }
  const cached = cache.words.get(cacheKey);
  if (cached) return { start, end, gaps: gapIdx, candidates: cached };
  const lists = gapIdx.map((g) => {
    const c = gaps[g].candidates.map((cand, i) => ({ cand, i })).filter((x) => x.cand.plausible);
    return c.length ? c : gaps[g].candidates.map((cand, i) => ({ cand, i }));
  });
  const candidates: WordCandidate[] = [];
  const choice = new Array<number>(gapIdx.length).fill(0);
  for (let count = 0; count < MAX_WORD_COMBINATIONS; count++) {
    // Build the word for this combination of fillings.
    const chars: string[] = [];
    const filled: number[] = [];
    let prior = 0;
    let gi = 0;
    for (let k = start; k < end; k++) {
      if (draft.gapAt.has(k)) {
        const { cand } = lists[gi][choice[gi]];
        filled.push(chars.length);
        chars.push(cand.char);
        prior += !cand.plausible ? -20 : VIETNAMESE_LETTERS.has(cand.char) ? 0 : WORD_CHAR.test(cand.char) ? -3 : -6;
        gi++;
      } else chars.push(draft.text[k]);
    }
    const word = chars.join('');
    const key = syllableKey(word);
    const rest = prior + caseScore(chars, filled, sentenceStart);
    candidates.push({
      fills: choice.map((c, k) => lists[k][c].i),
      key,
      local: (key === null ? 0 : VALID_SYLLABLE + freq.logUnigram(key) - freq.logUnigram(OOV_KEY)) + rest,
      capped: syllableScore(freq, key) + rest,
    });
    // Next combination (odometer).
    let d = 0;
    while (d < choice.length && ++choice[d] >= lists[d].length) choice[d++] = 0;
    if (d === choice.length) break;
  }
  if (cache.words.size < 100_000) cache.words.set(cacheKey, candidates);
  return { start, end, gaps: gapIdx, candidates };
}

/**
 * A well-formed syllable earns VALID_SYLLABLE; its frequency adds at most UNIGRAM_CAP more, so frequency
 * alone never makes a choice between two valid syllables certain ("vỏ" is rare next to "về", yet right in
 * "lớp vỏ"): certainty needs the spelling rules, the case, or a known pair of syllables.
 */
const VALID_SYLLABLE = 8;
const UNIGRAM_CAP = 2.5;
function syllableScore(freq: ViFrequencies, key: string | null): number {
  if (key === null) return 0;
  return VALID_SYLLABLE + Math.min(UNIGRAM_CAP, freq.logUnigram(key) - freq.logUnigram(OOV_KEY));
}
const OOV_KEY = '\u0000unseen';

function fixedNode(draft: Draft, start: number, end: number): WordNode {
  return {
    start,
    end,
    gaps: [],
    candidates: [{ fills: [], key: syllableKey(draft.text.slice(start, end)), local: 0, capped: 0 }],
  };
}

/** The word just before `start` on the same line, separated only by spaces or tabs. */
function wordBefore(draft: Draft, gaps: Gap[], start: number): [number, number] | null {
  let i = start - 1;
  if (i < 0 || !/[ \t]/.test(draft.text[i])) return null;
  while (i >= 0 && /[ \t]/.test(draft.text[i])) i--;
  if (i < 0) return null;
  const g = draft.gapAt.get(i);
  if (g !== undefined ? !isWordish(gaps[g]) : !WORD_CHAR.test(draft.text[i])) return null;
  return wordSpan(draft, gaps, i);
}

function wordAfter(draft: Draft, gaps: Gap[], end: number): [number, number] | null {
  let i = end;
  if (i >= draft.text.length || !/[ \t]/.test(draft.text[i])) return null;
  while (i < draft.text.length && /[ \t]/.test(draft.text[i])) i++;
  if (i >= draft.text.length) return null;
  const g = draft.gapAt.get(i);
  if (g !== undefined ? !isWordish(gaps[g]) : !WORD_CHAR.test(draft.text[i])) return null;
  return wordSpan(draft, gaps, i);
}

interface Decision {
  chosen: number; // candidate index
  margin: number;
  ranked: number[]; // candidate indices, best first (plausible, finite)
}

/** Max-marginals over a chain of word nodes: for node i and candidate c, the best path score through c. */
function maxMarginals(chain: WordNode[], freq: ViFrequencies, field: 'local' | 'capped'): number[][] {
  const n = chain.length;
  const fwd: number[][] = [];
  const back: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    fwd.push(
      chain[i].candidates.map((c) => {
        if (i === 0) return c[field];
        let best = -Infinity;
        chain[i - 1].candidates.forEach((p, pi) => {
          best = Math.max(best, fwd[i - 1][pi] + freq.logBigramLift(p.key, c.key));
        });
        return best + c[field];
      }),
    );
  }
  for (let i = n - 1; i >= 0; i--) {
    back[i] = chain[i].candidates.map((c) => {
      if (i === n - 1) return 0;
      let best = -Infinity;
      chain[i + 1].candidates.forEach((nx, ni) => {
        best = Math.max(best, back[i + 1][ni] + nx[field] + freq.logBigramLift(c.key, nx.key));
      });
      return best;
    });
  }
  return fwd.map((row, i) => row.map((f, ci) => f + back[i][ci]));
}

/** Best total per filling of one gap of a node (index = candidate index of the gap), from max-marginals. */
function perFill(node: WordNode, totals: number[], gi: number, size: number): number[] {
  const best = new Array<number>(size).fill(-Infinity);
  node.candidates.forEach((c, ci) => {
    if (totals[ci] > best[c.fills[gi]]) best[c.fills[gi]] = totals[ci];
  });
  return best;
}

/** Fillings with a finite score, best first, `chosen` in front. */
function rankFills(scores: number[], chosen: number): number[] {
  return [
    chosen,
    ...scores
      .map((t, f) => ({ t, f }))
      .filter((x) => x.t > -Infinity && x.f !== chosen)
      .sort((a, b) => b.t - a.t)
      .map((x) => x.f),
  ];
}

/**
 * Viterbi over a chain of word nodes. The choice uses full frequencies; the margin (certainty) uses capped
 * ones: how far the chosen filling leads every other filling of the same gap.
 */
function decideChain(chain: WordNode[], gaps: Gap[], freq: ViFrequencies, decisions: Decision[]): void {
  const full = maxMarginals(chain, freq, 'local');
  const capped = maxMarginals(chain, freq, 'capped');
  chain.forEach((node, i) => {
    if (node.gaps.length === 0) return;
    let bestCi = 0;
    full[i].forEach((t, ci) => {
      if (t > full[i][bestCi]) bestCi = ci;
    });
    node.gaps.forEach((g, gi) => {
      const size = gaps[g].candidates.length;
      const chosen = node.candidates[bestCi].fills[gi];
      const cap = perFill(node, capped[i], gi, size);
      let runnerUp = -Infinity;
      cap.forEach((t, f) => {
        if (f !== chosen && t > runnerUp) runnerUp = t;
      });
      const margin = cap[chosen] - runnerUp;
      // Only uncertain spots need the full ranking of their candidates.
      const ranked = margin >= CONFIDENCE_MARGIN ? [chosen] : rankFills(perFill(node, full[i], gi, size), chosen);
      decisions[g] = { chosen, margin, ranked };
    });
  });
}

function decideGaps(draft: Draft, gaps: Gap[], freq: ViFrequencies): Decision[] {
  const decisions: Decision[] = new Array(gaps.length);
  // Word gaps: group into words, then into chains of words joined by spaces.
  const nodes: WordNode[] = [];
  const nodeOfGap = new Map<number, WordNode>();
  const cache: ScoringCache = { words: new Map(), setIds: new Map() };
  for (let g = 0; g < gaps.length; g++) {
    if (!isWordish(gaps[g]) || nodeOfGap.has(g)) continue;
    const [s, e] = wordSpan(draft, gaps, draft.offsets[g]);
    const node = buildWordNode(draft, gaps, s, e, freq, cache);
    for (const gi of node.gaps) nodeOfGap.set(gi, node);
    nodes.push(node);
  }
  let k = 0;
  while (k < nodes.length) {
    const chain: WordNode[] = [];
    const before = wordBefore(draft, gaps, nodes[k].start);
    if (before) chain.push(fixedNode(draft, before[0], before[1]));
    chain.push(nodes[k]);
    while (k + 1 < nodes.length) {
      const prev = wordBefore(draft, gaps, nodes[k + 1].start);
      if (!prev || prev[0] !== nodes[k].start) break;
      chain.push(nodes[++k]);
    }
    const after = wordAfter(draft, gaps, nodes[k].end);
    if (after) chain.push(fixedNode(draft, after[0], after[1]));
    decideChain(chain, gaps, freq, decisions);
    k++;
  }
  // Other gaps: one at a time, by the symbol prior.
  for (let g = 0; g < gaps.length; g++) {
    if (decisions[g]) continue;
    const scores = gaps[g].candidates.map((c) => symbolScore(c, draft, draft.offsets[g], gaps));
    const order = scores.map((s, i) => ({ s, i })).sort((a, b) => b.s - a.s);
    const finite = order.filter((o) => o.s > -Infinity);
    if (finite.length === 0) {
      decisions[g] = { chosen: order[0].i, margin: 0, ranked: order.map((o) => o.i) };
      continue;
    }
    const margin = finite.length > 1 ? finite[0].s - finite[1].s : Infinity;
    decisions[g] = { chosen: finite[0].i, margin, ranked: finite.map((o) => o.i) };
  }
  return decisions;
}

// ---------------------------------------------------------------------------------------------------

/**
 * Decodes the bytes once, with each gap replaced by one placeholder character (U+FFFC), and records where
 * the placeholders land (UTF-16 offsets counted while copying).
 */
function buildDraft(bytes: Uint8Array, gaps: Gap[]): Draft | null {
  const out = new Uint8Array(bytes.length + gaps.length * 3);
  const offsets: number[] = new Array(gaps.length);
  let o = 0;
  let units = 0;
  let pos = 0;
  const copy = (from: number, to: number) => {
    for (let k = from; k < to; k++) {
      const b = bytes[k];
      out[o++] = b;
      if (b < 0x80 || (b >= 0xc0 && b < 0xf0)) units++;
      else if (b >= 0xf0) units += 2;
    }
  };
  for (let g = 0; g < gaps.length; g++) {
    copy(pos, gaps[g].start);
    offsets[g] = units;
    out[o++] = 0xef;
    out[o++] = 0xbf;
    out[o++] = 0xbc; // U+FFFC
    units++;
    pos = gaps[g].end;
  }
  copy(pos, bytes.length);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(out.subarray(0, o));
  } catch {
    return null;
  }
  if (text.length !== units) return null;
  const gapAt = new GapIndex(text.length);
  offsets.forEach((off, g) => gapAt.set(off, g));
  return { text, offsets, gapAt };
}

function unchanged(text: string, detection: MojibakeDetection): MojibakeRepair {
  return { text, repaired: false, unresolved: [], spots: [], detection, restored: 0, decoded: 0 };
}

/**
 * Repairs mangled text (see the module comment). When the text is not detected as damaged, or the repair
 * does not reproduce the input when damaged again, the input comes back unchanged with `repaired: false`.
 */
export function repairMojibake(text: string, options: RepairOptions = {}): MojibakeRepair {
  const bom = text.startsWith('\ufeff') ? '\ufeff' : '';
  const body = bom ? text.slice(1) : text;
  const analysis = analyse(body);
  const { detection, bytes, scan } = analysis;
  if (!detection.damaged || !bytes || !scan || !detection.codePage) return unchanged(text, detection);
  const draft = buildDraft(bytes, scan.gaps);
  if (!draft) return unchanged(text, { ...detection, damaged: false, reason: 'bytes do not decode as UTF-8' });
  const decisions = decideGaps(draft, scan.gaps, options.frequencies ?? shippedViFrequencies());

  const out: string[] = [bom];
  let length = bom.length;
  const spots: RepairedSpot[] = [];
  let restored = 0;
  let usedShy = false;
  let usedTurkishOnly = false;
  let from = 0;
  for (let g = 0; g <= scan.gaps.length; g++) {
    const to = g < scan.gaps.length ? draft.offsets[g] : draft.text.length;
    out.push(draft.text.slice(from, to));
    length += to - from;
    from = to + 1;
    if (g === scan.gaps.length) break;
    const gap = scan.gaps[g];
    const d = decisions[g];
    const cand = gap.candidates[d.chosen];
    if (cand.bytes.includes(SOFT_HYPHEN_BYTE)) usedShy = true;
    if (cand.bytes.includes(0x8e) || cand.bytes.includes(0x9e)) usedTurkishOnly = true;
    const certain = d.margin >= CONFIDENCE_MARGIN;
    if (certain) restored++;
    spots.push({
      offset: length,
      candidates: d.ranked.slice(0, 6).map((i) => gap.candidates[i].char),
      margin: d.margin,
      certain,
    });
    out.push(cand.char);
    length += cand.char.length;
  }
  const repairedText = out.join('');
  const unresolved = spots.filter((s) => !s.certain).map(({ offset, candidates }) => ({ offset, candidates }));

  // Which code page: certain from the letters, or from a filling only windows-1254 can have lost.
  let codePage: CodePage = detection.codePage;
  let pageCertain = detection.codePageCertain;
  if (!pageCertain && usedTurkishOnly) {
    codePage = 'windows-1254';
    pageCertain = true;
  }
  const finalDetection: MojibakeDetection = { ...detection, codePage, codePageCertain: pageCertain };

  // Round trip: damaging the repair again must give the input byte for byte.
  const repairedBody = repairedText.slice(bom.length);
  const undefinedBytes = scan.c1Kept ? 'c1' : 'drop';
  const shyModes: ('keep' | 'drop')[] = usedShy ? ['drop'] : scan.softHyphenKept ? ['keep'] : ['keep', 'drop'];
  const pages: CodePage[] = pageCertain ? [codePage] : ['windows-1252', 'windows-1254'];
  const ok = pages.some((cp) =>
    shyModes.some((softHyphen) => damageAsCodePage(repairedBody, cp, { softHyphen, undefinedBytes }) === body),
  );
  if (!ok)
    return unchanged(text, { ...finalDetection, damaged: true, reason: 'repair did not round-trip; left unchanged' });
  return {
    text: repairedText,
    repaired: true,
    unresolved,
    spots,
    detection: finalDetection,
    restored,
    decoded: scan.complete,
  };
}

/** Figures for the banner: "N spots repaired, M uncertain". */
export function repairStats(result: MojibakeRepair): {
  spotsRepaired: number;
  uncertain: number;
  charactersDecoded: number;
} {
  return { spotsRepaired: result.restored, uncertain: result.unresolved.length, charactersDecoded: result.decoded };
}

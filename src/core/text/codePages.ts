/**
 * Windows-1252 and Windows-1254 as the damage sees them.
 *
 * Source: the WHATWG Encoding Standard indexes (index-windows-1252.txt, index-windows-1254.txt, CC0), checked
 * against Unicode's MAPPINGS/VENDORS/MICSFT/WINDOWS/CP1252.TXT and CP1254.TXT (as compiled into Python's
 * cp1252/cp1254 codecs): the bytes Microsoft leaves UNDEFINED are exactly those the WHATWG index maps to the
 * C1 control of the same number:
 *   windows-1252: 0x81 0x8D 0x8F 0x90 0x9D
 *   windows-1254: 0x81 0x8D 0x8E 0x8F 0x90 0x9D 0x9E   (0x8E/0x9E are Ž/ž in 1252)
 * 0x00-0x7F are ASCII; 0xA0-0xFF are Latin-1 except six Turkish letters in 1254.
 */
export type CodePage = 'windows-1252' | 'windows-1254';
export const CODE_PAGES: readonly CodePage[] = ['windows-1252', 'windows-1254'];

// 0x80..0x9F of windows-1252 (WHATWG index, pointers 0-31); 0 marks an undefined byte.
const HIGH_1252 = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0,
  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];
const TURKISH: Record<number, number> = {
  0xd0: 0x011e,
  0xdd: 0x0130,
  0xde: 0x015e,
  0xf0: 0x011f,
  0xfd: 0x0131,
  0xfe: 0x015f,
};

export interface CodePageTable {
  name: CodePage;
  /** byte -> code point, or -1 where the code page leaves the byte undefined. */
  toUnicode: Int32Array;
  /** UTF-16 code unit -> byte, or -1 when the character is not in the code page. Undefined bytes' C1 controls map back to the byte. */
  fromUnicode: Int16Array;
  /** The undefined bytes, ascending. */
  undefinedBytes: readonly number[];
}

function buildTable(name: CodePage): CodePageTable {
  const toUnicode = new Int32Array(256);
  for (let b = 0; b < 256; b++) toUnicode[b] = b;
  for (let i = 0; i < 32; i++) toUnicode[0x80 + i] = HIGH_1252[i] || -1;
  if (name === 'windows-1254') {
    toUnicode[0x8e] = -1;
    toUnicode[0x9e] = -1;
    for (const [b, cp] of Object.entries(TURKISH)) toUnicode[Number(b)] = cp;
  }
  const fromUnicode = new Int16Array(65536).fill(-1);
  const undefinedBytes: number[] = [];
  for (let b = 0; b < 256; b++) {
    if (toUnicode[b] >= 0) fromUnicode[toUnicode[b]] = b;
    else {
      undefinedBytes.push(b);
      fromUnicode[b] = b; // a decoder that keeps undefined bytes as C1 controls (WHATWG) round-trips too
    }
  }
  return { name, toUnicode, fromUnicode, undefinedBytes };
}

const cache = new Map<CodePage, CodePageTable>();
/** The table of a code page (built once). */
export function codePageTable(name: CodePage): CodePageTable {
  let t = cache.get(name);
  if (!t) cache.set(name, (t = buildTable(name)));
  return t;
}

export const SOFT_HYPHEN_BYTE = 0xad;

/**
 * Encodes `text` back to bytes under the code page. Returns null at the first character the code page
 * cannot represent (such text was not produced by this damage). A leading BOM must be removed by the caller.
 */
export function encodeToCodePage(text: string, table: CodePageTable): Uint8Array | null {
  const out = new Uint8Array(text.length);
  const from = table.fromUnicode;
  for (let i = 0; i < text.length; i++) {
    const b = from[text.charCodeAt(i)];
    if (b < 0) return null;
    out[i] = b;
  }
  return out;
}

/** Counts the characters of `text` the code page cannot represent (for the detection evidence). */
export function countUnencodable(text: string, table: CodePageTable): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (table.fromUnicode[text.charCodeAt(i)] < 0) n++;
  return n;
}

export interface DamageOptions {
  /** Some tools drop the soft hyphen (0xAD) as well; default keeps it. */
  softHyphen?: 'keep' | 'drop';
  /** 'drop' (default) loses the undefined bytes; 'c1' keeps them as C1 controls, as a WHATWG decoder does. */
  undefinedBytes?: 'drop' | 'c1';
}

/**
 * The damage itself: UTF-8 bytes of `text` decoded as the code page (undefined bytes dropped, soft hyphen
 * kept or dropped), as a string. Used to verify a repair by round trip.
 */
export function damageAsCodePage(text: string, codePage: CodePage, options: DamageOptions = {}): string {
  const table = codePageTable(codePage);
  const bytes = new TextEncoder().encode(text);
  const dropShy = options.softHyphen === 'drop';
  const keepC1 = options.undefinedBytes === 'c1';
  const units = new Uint16Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    const cp = table.toUnicode[b];
    if (cp < 0) {
      if (keepC1) units[n++] = b;
    } else if (!(dropShy && b === SOFT_HYPHEN_BYTE)) units[n++] = cp;
  }
  const parts: string[] = [];
  for (let i = 0; i < n; i += 8192) parts.push(String.fromCharCode(...units.subarray(i, Math.min(n, i + 8192))));
  return parts.join('');
}

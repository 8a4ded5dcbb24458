/**
 * Vietnamese syllable rules: is a written word a well-formed Vietnamese syllable?
 *
 * A syllable is onset + rhyme + one tone. The check works on the toneless form (the tone mark is removed
 * wherever it sits, so "hoà" and "hòa" are both accepted) and then applies the tone rule: a rhyme closed by
 * a stop (-p, -t, -c, -ch) takes only the sắc (acute) or nặng (dot below) tone. Spelling rules of the
 * onsets are enforced (k/gh/ngh before i, e, ê, y only; c/g/ng never there; q only as "qu").
 */

/** Tone marks as combining characters (NFD): huyền, sắc, ngã, hỏi, nặng. */
const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
const STOP_OK_TONES = new Set(['\u0301', '\u0323']);

// Toneless rhymes without a medial glide, then with the medial written o/u.
const RHYMES_PLAIN = `a ac ach ai am an ang anh ao ap at au ay
ă ăc ăm ăn ăng ăp ăt
âc âm ân âng âp ât âu ây
e ec em en eng eo ep et
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
o oc oi om on ong op ot ooc oong
ô ôc ôi ôm ôn ông ôp ôt
ơ ơi ơm ơn ơp ơt
u ua uc ui um un ung up ut uôc uôi uôm uôn uông uôt
ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
y`;
const RHYMES_MEDIAL = `oa oac oach oai oam oan oang oanh oao oap oat oay
oăc oăm oăn oăng oăt
oe oen oeo oet
uân uâng uât uây
uê uêch uênh
uơ
uy uya uych uyn uynh uyp uyt uyu uyên uyêt`;
// Rhymes that stand only at the start of a syllable (no onset): yêu, yên...
const RHYMES_NO_ONSET = 'yêm yên yêng yêt yêu';

const RHYMES = new Set([...RHYMES_PLAIN.split(/\s+/), ...RHYMES_MEDIAL.split(/\s+/)]);
const NO_ONSET = new Set(RHYMES_NO_ONSET.split(/\s+/));
// Longest first so "ngh" wins over "ng" and "n".
const ONSETS = [
  'ngh',
  'ng',
  'nh',
  'ch',
  'gh',
  'gi',
  'kh',
  'ph',
  'qu',
  'th',
  'tr',
  'b',
  'c',
  'd',
  'đ',
  'g',
  'h',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'v',
  'x',
];
const FRONT = /^[ieêy]/; // vowels that need k / gh / ngh
const STOP_CODA = /(p|t|c|ch)$/;

/** Splits a lowercase word into its toneless form and its tone mark ('' for ngang); null if malformed. */
export function splitTone(word: string): { toneless: string; tone: string } | null {
  const nfd = word.normalize('NFD');
  let tone = '';
  let out = '';
  for (let i = 0; i < nfd.length; i++) {
    const ch = nfd[i];
    if (TONE_MARKS.has(ch)) {
      if (tone) return null; // two tones
      // The tone must sit on a vowel (possibly after its own modifier mark).
      let j = out.length - 1;
      while (j >= 0 && /[\u0302\u0306\u031b]/.test(out[j])) j--;
      if (j < 0 || !/[aeiouy]/.test(out[j])) return null;
      tone = ch;
      continue;
    }
    out += ch;
  }
  return { toneless: out.normalize('NFC'), tone };
}

function rhymeOk(onset: string, rhyme: string): boolean {
  if (!RHYMES.has(rhyme) && !(onset === '' && NO_ONSET.has(rhyme))) return false;
  const front = FRONT.test(rhyme);
  switch (onset) {
    case 'c':
    case 'g':
    case 'ng':
      return !front;
    case 'k':
    case 'gh':
    case 'ngh':
      return (front && !rhyme.startsWith('y')) || (rhyme === 'y' && onset === 'k');
    default:
      return true;
  }
}

/** Toneless lowercase syllable: does some onset + rhyme split fit the spelling rules? */
export function isTonelessSyllable(s: string): boolean {
  if (RHYMES.has(s) || NO_ONSET.has(s)) return true;
  for (const onset of ONSETS) {
    if (!s.startsWith(onset)) continue;
    const rest = s.slice(onset.length);
    if (onset === 'qu') {
      // "qu" carries the medial glide: quê, quân, quy, quyên (= q + uê, uân, uy, uyên) or qua, quen.
      if (rest && (RHYMES.has('u' + rest) || (RHYMES.has(rest) && !rest.startsWith('u') && !rest.startsWith('o'))))
        return true;
      continue;
    }
    if (onset === 'gi') {
      // gi + a, gi + ư ... ; "gì", "gìn", "giết" merge the i of the onset with the rhyme (g + i, in, iêt).
      if (rest && RHYMES.has(rest) && !rest.startsWith('i')) return true;
      if (RHYMES.has('i' + rest)) return true;
      continue;
    }
    if (rest && rhymeOk(onset, rest)) return true;
  }
  return false;
}

/** True when `word` (any case, NFC or NFD) is a well-formed Vietnamese syllable with a valid tone. */
export function isVietnameseSyllable(word: string): boolean {
  const parts = splitTone(word.toLowerCase());
  if (!parts || !parts.toneless || parts.toneless.length > 7) return false;
  if (!isTonelessSyllable(parts.toneless)) return false;
  if (STOP_CODA.test(parts.toneless) && !STOP_OK_TONES.has(parts.tone)) return false;
  return true;
}

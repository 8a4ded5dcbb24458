import { longestFrom, mayStartTerm, normalizeWord, termIndexOf, wordHashes, wordsIn, type TermMatch } from './termIndex';
import type { Glossary } from './types';

/** Every glossary term in `text`, left to right, each the longest one starting at its word; no overlaps. */
export function findTerms(glossary: Glossary, text: string): TermMatch[] {
  const index = termIndexOf(glossary);
  if (index.maxWords === 0 || !text) return [];
  const words = wordsIn(text, 0, text.length);
  const keys: (string | undefined)[] = [];
  const keyOf = (k: number) => (keys[k] ??= normalizeWord(text.slice(words[k].start, words[k].end)));
  const hashOf = wordHashes(text, words);
  const out: TermMatch[] = [];
  for (let s = 0; s < words.length; s++) {
    if (!mayStartTerm(index, words, s, hashOf)) continue;
    const hit = longestFrom(index, text, words, s, keyOf);
    if (!hit) continue;
    const start = words[s].start;
    const end = words[hit[1]].end;
    out.push({ id: hit[0], start, end, text: text.slice(start, end) });
    s = hit[1];
  }
  return out;
}

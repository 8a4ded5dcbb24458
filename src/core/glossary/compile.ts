import type { CompiledGlossary } from './compiled';
import { parseGlossary } from './parse';
import { buildTermIndex, encodeTermIndex } from './termIndex';

/** Parses `jsonText` as parseGlossary does and builds its term index, as data (run at build time for the shipped file). */
export function compileGlossary(jsonText: string, source: string): CompiledGlossary {
  const { glossary, problems } = parseGlossary(jsonText, source);
  return {
    source,
    entries: [...glossary.entries],
    problems,
    index: encodeTermIndex(buildTermIndex(glossary)),
  };
}

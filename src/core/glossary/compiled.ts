import { decodeTermIndex, setTermIndex, type CompactTermIndex } from './termIndex';
import { createGlossary, type Glossary, type GlossaryEntry, type GlossaryProblem } from './types';

/** Where the shipped glossary comes from (problems name it). */
export const BUILTIN_GLOSSARY_SOURCE = 'lessons/glossary.json';

/**
 * A glossary file parsed, checked and indexed ahead of use, as plain JSON data (made by compileGlossary in
 * compile.ts). The build writes the shipped glossary's (dist/lazy-glossary-data.js), so the first hover decodes
 * it instead of parsing the file and building the term index (issue 15: most of the first hover's CPU time).
 */
export interface CompiledGlossary {
  source: string;
  entries: GlossaryEntry[];
  problems: GlossaryProblem[];
  index: CompactTermIndex;
}

/** The glossary of a compiled file, its term index already in place (termIndexOf returns it). */
export function glossaryFromCompiled(c: CompiledGlossary): { glossary: Glossary; problems: GlossaryProblem[] } {
  const glossary = createGlossary(c.entries);
  setTermIndex(glossary, decodeTermIndex(c.index));
  return { glossary, problems: c.problems };
}

import shipped from '../../../lessons/glossary.json';
import { parseGlossary } from './parse';
import type { Glossary, GlossaryProblem } from './types';

export const BUILTIN_GLOSSARY_SOURCE = 'lessons/glossary.json';

let cached: { glossary: Glossary; problems: GlossaryProblem[] } | undefined;

function load() {
  // Bundled by esbuild as an object: no file I/O at run time. Re-serialised so the one validating parser applies.
  return (cached ??= parseGlossary(JSON.stringify(shipped), BUILTIN_GLOSSARY_SOURCE));
}

/** The glossary shipped with the extension (lessons/glossary.json), parsed once. */
export function builtinGlossary(): Glossary {
  return load().glossary;
}

/** Problems in the shipped glossary (positions refer to the re-serialised text; tests read the file itself). */
export function builtinGlossaryProblems(): readonly GlossaryProblem[] {
  return load().problems;
}

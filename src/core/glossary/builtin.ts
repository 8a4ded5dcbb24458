import { parseGlossary } from './parse';
import type { Glossary, GlossaryProblem } from './types';

export const BUILTIN_GLOSSARY_SOURCE = 'lessons/glossary.json';

let cached: { glossary: Glossary; problems: GlossaryProblem[] } | undefined;

function load() {
  // Required on first use, not imported: the bundle keeps the 260 KB object inside a function that runs on the
  // first hover or render, not at activation. Re-serialised so the one validating parser applies.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (cached ??= parseGlossary(JSON.stringify(require('../../../lessons/glossary.json')), BUILTIN_GLOSSARY_SOURCE));
}

/** The glossary shipped with the extension (lessons/glossary.json), parsed once. */
export function builtinGlossary(): Glossary {
  return load().glossary;
}

/** Problems in the shipped glossary (positions refer to the re-serialised text; tests read the file itself). */
export function builtinGlossaryProblems(): readonly GlossaryProblem[] {
  return load().problems;
}

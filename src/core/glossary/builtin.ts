import { glossaryFromCompiled } from './compiled';
import type { Glossary, GlossaryProblem } from './types';
import type * as BuiltinData from './builtinData';

export { BUILTIN_GLOSSARY_SOURCE } from './compiled';

let cached: { glossary: Glossary; problems: GlossaryProblem[] } | undefined;

function load() {
  // Required on first use, not imported: in the extension's bundles this is dist/lazy-glossary-data.js, the
  // glossary parsed and indexed at build time (esbuild.js), loaded on the first hover, render or tree view.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (cached ??= glossaryFromCompiled((require('./builtinData') as typeof BuiltinData).builtinGlossaryData()));
}

/** The glossary shipped with the extension (lessons/glossary.json), parsed once. */
export function builtinGlossary(): Glossary {
  return load().glossary;
}

/** Problems in the shipped glossary (positions refer to the re-serialised text; tests read the file itself). */
export function builtinGlossaryProblems(): readonly GlossaryProblem[] {
  return load().problems;
}

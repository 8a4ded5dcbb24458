import { compileGlossary } from './compile';
import { BUILTIN_GLOSSARY_SOURCE, type CompiledGlossary } from './compiled';

/**
 * The shipped glossary, compiled. This is the source form, used where the code runs unbundled (unit tests,
 * benches): it compiles lessons/glossary.json on first use. The extension's bundles never contain it:
 * esbuild.js resolves builtin.ts's require('./builtinData') to dist/lazy-glossary-data.js, whose
 * builtinGlossaryData() returns the same data compiled at build time.
 */
export function builtinGlossaryData(): CompiledGlossary {
  // Re-serialised so that problem positions are those of the compact text (as before the build compiled it).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const json = require('../../../lessons/glossary.json') as unknown;
  return compileGlossary(JSON.stringify(json), BUILTIN_GLOSSARY_SOURCE);
}

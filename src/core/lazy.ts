/**
 * Functions of core that the extension host loads on their first call, each from a piece of its own
 * (esbuild.js, LAZY: dist/lazy-<name>.js), so that activation neither evaluates nor carries them. Same
 * signatures and results as the functions in src/core/index.ts; src/core/activation.ts exports these instead.
 * Unbundled (unit tests) each require loads the module itself.
 */
import type * as Jobs from './snippets/jobs';
import type * as Mojibake from './text/mojibake';
import type * as Parse from './glossary/parse';
import type * as Python from './snippets/python';

/* eslint-disable @typescript-eslint/no-require-imports */
const mojibake = () => require('./text/mojibake') as typeof Mojibake;
const parse = () => require('./glossary/parse') as typeof Parse;
const jobs = () => require('./snippets/jobs') as typeof Jobs;
const python = () => require('./snippets/python') as typeof Python;
/* eslint-enable @typescript-eslint/no-require-imports */

/** repairMojibake, loaded on the first encoding repair (with the Vietnamese frequency table). */
export function repairMojibake(...args: Parameters<typeof Mojibake.repairMojibake>): Mojibake.MojibakeRepair {
  return mojibake().repairMojibake(...args);
}

/** parseGlossary, loaded when a user's glossary file is read (the shipped glossary comes compiled). */
export function parseGlossary(...args: Parameters<typeof Parse.parseGlossary>): Parse.ParsedGlossary {
  return parse().parseGlossary(...args);
}

/** runJob, loaded on the first snippet or regression run in the extension host. */
export function runJob(...args: Parameters<typeof Jobs.runJob>): ReturnType<typeof Jobs.runJob> {
  return jobs().runJob(...args);
}

/** estimateJobCost, loaded with runJob. */
export function estimateJobCost(...args: Parameters<typeof Jobs.estimateJobCost>): number {
  return jobs().estimateJobCost(...args);
}

/** toPythonScript, loaded on the first Python export of a run. */
export function toPythonScript(...args: Parameters<typeof Python.toPythonScript>): string {
  return python().toPythonScript(...args);
}

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
import type * as Anchor from './annotations/anchor';
import type * as PlainText from './annotations/plainText';
import type * as ExportHtml from './annotations/exportHtml';

/* eslint-disable @typescript-eslint/no-require-imports */
const mojibake = () => require('./text/mojibake') as typeof Mojibake;
const parse = () => require('./glossary/parse') as typeof Parse;
const jobs = () => require('./snippets/jobs') as typeof Jobs;
const python = () => require('./snippets/python') as typeof Python;
const anchor = () => require('./annotations/anchor') as typeof Anchor;
const plainText = () => require('./annotations/plainText') as typeof PlainText;
const exportHtml = () => require('./annotations/exportHtml') as typeof ExportHtml;
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

/** anchorQuote, loaded with the rest of anchoring (the first lesson shown with annotations). */
export function anchorQuote(...args: Parameters<typeof Anchor.anchorQuote>): ReturnType<typeof Anchor.anchorQuote> {
  return anchor().anchorQuote(...args);
}

/** describeRange, loaded on the first highlight made. */
export function describeRange(
  ...args: Parameters<typeof Anchor.describeRange>
): ReturnType<typeof Anchor.describeRange> {
  return anchor().describeRange(...args);
}

/** anchorAnnotations, loaded when the first lesson with annotations is shown. */
export function anchorAnnotations(
  ...args: Parameters<typeof Anchor.anchorAnnotations>
): ReturnType<typeof Anchor.anchorAnnotations> {
  return anchor().anchorAnnotations(...args);
}

/** lessonPlainText, loaded when a lesson's plain text is first needed (annotations shown or made). */
export function lessonPlainText(...args: Parameters<typeof PlainText.lessonPlainText>): string {
  return plainText().lessonPlainText(...args);
}

/** buildExportDocument, loaded on the first Export Lesson with Notes. */
export function buildExportDocument(...args: Parameters<typeof ExportHtml.buildExportDocument>): string {
  return exportHtml().buildExportDocument(...args);
}

/** markBody, loaded with buildExportDocument. */
export function markBody(...args: Parameters<typeof ExportHtml.markBody>): ReturnType<typeof ExportHtml.markBody> {
  return exportHtml().markBody(...args);
}

/** inlineKatexFonts, loaded with buildExportDocument. */
export function inlineKatexFonts(...args: Parameters<typeof ExportHtml.inlineKatexFonts>): string {
  return exportHtml().inlineKatexFonts(...args);
}

/** plainNote, loaded with buildExportDocument (Copy Notes as Markdown too). */
export function plainNote(...args: Parameters<typeof ExportHtml.plainNote>): string {
  return exportHtml().plainNote(...args);
}

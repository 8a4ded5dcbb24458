import { UnknownSnippetError, findSnippet, resolveParams } from './catalogue';
import { runMirage } from './mirage';
import { runPcaVsTruth } from './pcaTruth';
import { runLinearProbe } from './probe';
import { runConfounder, runStudyHours } from './studyHours';
import { runSuperposition } from './superposition';
import { LocalText, ProgressReporter, SnippetParams, SnippetResult } from './types';

type Runner = (p: SnippetParams, title: LocalText, progress?: ProgressReporter) => SnippetResult;

const RUNNERS: Record<string, Runner> = {
  'study-hours': runStudyHours,
  'study-hours-confounder': runConfounder,
  'linear-probe': runLinearProbe,
  'superposition-readout': runSuperposition,
  'pca-vs-ground-truth': runPcaVsTruth,
  'emergence-mirage': runMirage,
};

/** Ids that have a runner (the catalogue may list more only if a runner is added too: a test checks). */
// Pure: a bundle that only uses the catalogue leaves the runners out (src/core/lazy.ts loads them on first run).
export const RUNNABLE_SNIPPETS = /* @__PURE__ */ Object.keys(RUNNERS);

/**
 * Runs a catalogue snippet: missing parameters take their defaults, out-of-range ones throw
 * SnippetParameterError. Deterministic: the same id and parameters give a deep-equal result.
 */
export function runSnippet(
  id: string,
  params: Partial<SnippetParams> = {},
  progress?: ProgressReporter,
): SnippetResult {
  const entry = findSnippet(id);
  const runner = RUNNERS[id];
  if (!entry || !runner) throw new UnknownSnippetError(id);
  return runner(resolveParams(entry, params), entry.title, progress);
}

/**
 * A rough cost of a run, in arbitrary units calibrated so that 1 ≈ 1 ms on a laptop; the editor
 * sends runs above a threshold to a worker thread and shows progress.
 */
export function estimateSnippetCost(id: string, params: Partial<SnippetParams> = {}): number {
  const entry = findSnippet(id);
  if (!entry) return 0;
  const p = resolveParams(entry, params);
  switch (id) {
    case 'linear-probe':
      return (p.n * (p.dim + 1) ** 2 * 5 * 2 * 8) / 2e5;
    case 'superposition-readout':
      return (p.samples * p.features * p.dims * 8 * 23) / 2e6;
    case 'pca-vs-ground-truth':
      return (p.n * p.dim * (p.dim + p.features)) / 2e5;
    case 'emergence-mirage':
      return (p.models * p.questions) / 1e5;
    default:
      return (p.n ?? 100) / 1e3;
  }
}

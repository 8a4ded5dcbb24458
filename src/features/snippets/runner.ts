import * as vscode from 'vscode';
import { estimateJobCost, runJob, type JobOutcome, type SnippetJob } from '../../core/activation';
import type { Log } from '../shared/deps';
import { runInWorker, WorkerFailure, WORKER_HEAP_MB, type WorkerSpawner } from '../shared/worker/runner';
import { spawnWorker } from '../shared/platform/workers.node';

/** Jobs estimated above this (≈ ms) run in a worker thread, so the extension host never waits on them. */
export const WORKER_THRESHOLD_MS = 50;
/** Runs still going after this long show a cancellable progress notification. */
export const PROGRESS_DELAY_MS = 300;
/** A worker's heap limit: a run that needs more is stopped with a message instead of exhausting the host's memory. */
export { WORKER_HEAP_MB };

/** How the last run went, for the integration tests and the log. */
export interface RunStats {
  inWorker: boolean;
  progressShown: boolean;
  cancelled: boolean;
  ms: number;
}

/**
 * Runs snippet jobs: short ones in the extension host, long ones in a worker thread with a
 * progress notification after PROGRESS_DELAY_MS that can cancel (terminating the worker).
 */
export class SnippetRunner {
  lastStats: RunStats | undefined;

  constructor(
    private readonly workerPath: string,
    private readonly log: Log,
    private readonly heapMb = WORKER_HEAP_MB,
    private readonly spawn: WorkerSpawner = spawnWorker,
  ) {}

  async run(
    job: SnippetJob,
    title: string,
    options: { forceWorker?: boolean } = {},
  ): Promise<JobOutcome | 'cancelled'> {
    const started = Date.now();
    const inWorker = options.forceWorker || estimateJobCost(job) > WORKER_THRESHOLD_MS;
    if (!inWorker) {
      const outcome = runJob(job);
      this.lastStats = { inWorker: false, progressShown: false, cancelled: false, ms: Date.now() - started };
      return outcome;
    }
    const stats: RunStats = { inWorker: true, progressShown: false, cancelled: false, ms: 0 };
    this.lastStats = stats;
    let report: vscode.Progress<{ message?: string; increment?: number }> | undefined;
    let endProgress: (() => void) | undefined;
    let settled = false;
    let shown = 0;
    const run = runInWorker<JobOutcome>({
      path: this.workerPath,
      input: job,
      spawn: this.spawn,
      heapMb: this.heapMb,
      name: 'The worker',
      onProgress: (fraction) => {
        const pct = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
        if (report && pct > shown) report.report({ increment: pct - shown, message: `${pct}%` });
        shown = Math.max(shown, pct);
      },
      onMessage: (m) => {
        const done = m as { type?: string; outcome?: JobOutcome };
        return done?.type === 'done' && done.outcome ? { done: done.outcome } : undefined;
      },
    });
    const timer = setTimeout(() => {
      stats.progressShown = true;
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: true },
        (progress, token) =>
          new Promise<void>((done) => {
            report = progress;
            endProgress = done;
            if (shown > 0) progress.report({ increment: shown, message: `${shown}%` });
            token.onCancellationRequested(() => run.cancel());
            if (settled) done();
          }),
      );
    }, PROGRESS_DELAY_MS);
    const value = await run.result.then(
      (outcome) => outcome,
      (e: unknown) => this.failed(e),
    );
    settled = true;
    clearTimeout(timer);
    endProgress?.();
    stats.ms = Date.now() - started;
    stats.cancelled = value === 'cancelled';
    return value;
  }

  /** A run that ended without an outcome: cancelled, or the worker failed (out of memory, an error, an exit). */
  private failed(e: unknown): JobOutcome | 'cancelled' {
    if (!(e instanceof WorkerFailure) || e.reason === 'cancelled') return 'cancelled';
    const { outOfMemory, exitCode, error } = e.detail ?? {};
    if (error) this.log.error('Snippet worker failed', error);
    const message = outOfMemory
      ? vscode.l10n.t(
          'The computation needed more than {0} MB of memory and was stopped. Try less data or smaller parameters.',
          this.heapMb,
        )
      : exitCode !== undefined
        ? `The worker stopped (exit code ${exitCode}).`
        : e.message;
    return { ok: false, failure: { name: 'Error', message } };
  }
}

import * as vscode from 'vscode';
import { Worker } from 'worker_threads';
import { estimateJobCost, runJob, type JobOutcome, type SnippetJob } from '../../core/activation';
import type { Log } from '../shared/deps';

/** Jobs estimated above this (≈ ms) run in a worker thread, so the extension host never waits on them. */
export const WORKER_THRESHOLD_MS = 50;
/** Runs still going after this long show a cancellable progress notification. */
export const PROGRESS_DELAY_MS = 300;
/** A worker's heap limit: a run that needs more is stopped with a message instead of exhausting the host's memory. */
export const WORKER_HEAP_MB = 1024;

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
    return new Promise<JobOutcome | 'cancelled'>((resolve) => {
      const worker = new Worker(this.workerPath, { resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
      let settled = false;
      let report: vscode.Progress<{ message?: string; increment?: number }> | undefined;
      let endProgress: (() => void) | undefined;
      let shown = 0;
      const finish = (value: JobOutcome | 'cancelled') => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        stats.ms = Date.now() - started;
        stats.cancelled = value === 'cancelled';
        endProgress?.();
        void worker.terminate();
        resolve(value);
      };
      worker.on('message', (m: { type: string; fraction?: number; outcome?: JobOutcome }) => {
        if (m.type === 'progress' && typeof m.fraction === 'number') {
          const pct = Math.round(Math.min(1, Math.max(0, m.fraction)) * 100);
          if (report && pct > shown) report.report({ increment: pct - shown, message: `${pct}%` });
          shown = Math.max(shown, pct);
        } else if (m.type === 'done' && m.outcome) {
          finish(m.outcome);
        }
      });
      worker.on('error', (e: Error & { code?: string }) => {
        this.log.error('Snippet worker failed', e);
        const message =
          e.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? vscode.l10n.t(
                'The computation needed more than {0} MB of memory and was stopped. Try less data or smaller parameters.',
                this.heapMb,
              )
            : e.message;
        finish({ ok: false, failure: { name: 'Error', message } });
      });
      worker.on('exit', (code) =>
        finish({ ok: false, failure: { name: 'Error', message: `The worker stopped (exit code ${code}).` } }),
      );
      worker.postMessage(job);
      const timer = setTimeout(() => {
        stats.progressShown = true;
        void vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title, cancellable: true },
          (progress, token) =>
            new Promise<void>((done) => {
              report = progress;
              endProgress = done;
              if (shown > 0) progress.report({ increment: shown, message: `${shown}%` });
              token.onCancellationRequested(() => finish('cancelled'));
              if (settled) done();
            }),
        );
      }, PROGRESS_DELAY_MS);
    });
  }
}

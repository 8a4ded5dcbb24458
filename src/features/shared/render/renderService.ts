import * as vscode from 'vscode';
import { HOST_RENDER_BUDGET_MS, HOST_RENDER_MAX_CHARS, isRenderOverBudget, LruCache } from '../../../core/activation';
import type { Log } from '../deps';
import type { WorkerRun, WorkerSpawner } from '../worker/runner';
import { spawnWorker } from '../platform/workers.node';
import { loadRenderer } from './renderer';
import { runRenderJob, type RenderJob, type RenderJobResult } from './renderJob';
import { renderInWorker } from './workerRender';

/** Lessons longer than this render in a worker thread (core's HOST_RENDER_MAX_CHARS says why this size). */
export const IN_THREAD_MAX_CHARS = HOST_RENDER_MAX_CHARS;
/** A worker render still going after this long is stopped (a 'timeout' RenderFailure). */
export const RENDER_TIMEOUT_MS = 30_000;

export interface RenderLimits {
  /** Stop a worker render after this long. */
  renderTimeoutMs: number;
  /** The extension host's time for one render before it goes to the worker. */
  hostBudgetMs: number;
}

export interface RenderServiceOptions extends Partial<RenderLimits> {
  /** dist/render-worker.js */
  workerPath: string;
  log: Log;
  /** How worker threads start (Node's worker_threads by default). */
  spawn?: WorkerSpawner;
  /** Renders on the extension host within the job's budgetMs (default: the renderer bundle's runRenderJob). */
  renderOnHost?: (job: RenderJob) => RenderJobResult;
}

export interface RenderRequest {
  job: RenderJob;
  /** Names the render in the log (a lesson's path, a glossary entry). */
  name: string;
  /** Shown in the window's status bar while a worker renders. */
  progressTitle?: string;
  /** Serves an unchanged render again: `version` holds everything the result depends on. */
  cache?: { key: string; version: string };
  /** How this job renders on the host instead of the service's way (the glossary entry page: bare markdown). */
  renderOnHost?: (job: RenderJob) => RenderJobResult;
}

export interface RenderOutcome {
  result: RenderJobResult;
  where: 'host' | 'worker' | 'cache';
  ms: number;
}

/** A render in flight: cancelling it stops its worker (the result rejects with reason 'cancelled'). */
export interface RenderRun {
  readonly result: Promise<RenderOutcome>;
  cancel(): void;
}

/**
 * Where a lesson or glossary entry is rendered, shared by the reader and the glossary entry page: on the
 * extension host within its budget (the renderer bundle loaded on first use), else in a worker with a time
 * limit; unchanged renders come from a cache.
 */
export class RenderService {
  private readonly limits: RenderLimits;
  private readonly cache = new LruCache<{ version: string; result: RenderJobResult }>(48);
  /** Worker renders in flight (a cancelled one leaves at once, before its worker has exited). */
  private readonly running = new Set<WorkerRun<RenderJobResult>>();

  constructor(private readonly options: RenderServiceOptions) {
    this.limits = {
      renderTimeoutMs: options.renderTimeoutMs ?? RENDER_TIMEOUT_MS,
      hostBudgetMs: options.hostBudgetMs ?? HOST_RENDER_BUDGET_MS,
    };
  }

  get renderTimeoutMs(): number {
    return this.limits.renderTimeoutMs;
  }

  /** A render in a worker thread is running. */
  get renderingInWorker(): boolean {
    return this.running.size > 0;
  }

  /** For tests: each setter changes one limit and returns the function that puts it back. */
  readonly testing = {
    setRenderTimeout: (ms: number): (() => void) => this.setLimit('renderTimeoutMs', ms),
    setHostBudget: (ms: number): (() => void) => this.setLimit('hostBudgetMs', ms),
  };

  private setLimit(name: keyof RenderLimits, ms: number): () => void {
    const before = this.limits[name];
    this.limits[name] = ms;
    return () => {
      this.limits[name] = before;
    };
  }

  /** Small jobs render here (no thread start) within the host's budget; big ones, and those over it, in a worker. */
  render(request: RenderRequest): RenderRun {
    const started = Date.now();
    const hit = request.cache && this.cache.get(request.cache.key);
    if (hit && hit.version === request.cache!.version)
      return { result: Promise.resolve({ result: hit.result, where: 'cache', ms: 0 }), cancel: () => {} };
    const onHost = this.onHost(request, started);
    if (onHost) return { result: onHost.then((o) => this.remember(request, o)), cancel: () => {} };
    const run = renderInWorker(
      this.options.workerPath,
      { ...request.job, budgetMs: undefined },
      this.limits.renderTimeoutMs,
      this.options.spawn ?? spawnWorker,
    );
    return {
      result: this.inWorker(request, run, started).then((o) => this.remember(request, o)),
      cancel: () => {
        this.running.delete(run);
        run.cancel('superseded by a newer render');
      },
    };
  }

  /** The host's result, or undefined when the job belongs in a worker. Typesetting every formula never runs here. */
  private onHost(request: RenderRequest, started: number): Promise<RenderOutcome> | undefined {
    const { job, name } = request;
    if (job.markdown.length > IN_THREAD_MAX_CHARS || job.typesetAllMath) return undefined;
    const budgetMs = this.limits.hostBudgetMs;
    try {
      const hostJob = { ...job, budgetMs };
      const renderOnHost = request.renderOnHost ?? this.options.renderOnHost;
      const result = renderOnHost ? renderOnHost(hostJob) : runRenderJob(hostJob, loadRenderer());
      return Promise.resolve({ result, where: 'host', ms: Date.now() - started });
    } catch (e) {
      if (!isRenderOverBudget(e)) return Promise.reject(e);
      this.options.log.info(
        `${name}: over ${budgetMs} ms on the extension host (stopped after ${Date.now() - started} ms); rendering it in a worker thread`,
      );
      return undefined;
    }
  }

  private async inWorker(request: RenderRequest, run: WorkerRun<RenderJobResult>, started: number) {
    this.running.add(run);
    try {
      const result = request.progressTitle
        ? await vscode.window.withProgress(
            { location: vscode.ProgressLocation.Window, title: request.progressTitle },
            () => run.result,
          )
        : await run.result;
      const ms = Date.now() - started;
      this.options.log.info(
        `rendered ${request.name} (${(request.job.markdown.length / 1024).toFixed(0)} KB) in a worker thread in ${ms} ms`,
      );
      return { result, where: 'worker' as const, ms };
    } finally {
      this.running.delete(run);
    }
  }

  private remember(request: RenderRequest, outcome: RenderOutcome): RenderOutcome {
    if (request.cache) this.cache.set(request.cache.key, { version: request.cache.version, result: outcome.result });
    return outcome;
  }
}

// One way to run work in a worker (render and snippets): a time limit, a heap limit, progress, cancel.
// Nothing here is Node-only: the thread comes from a WorkerSpawner (platform/workers.node.ts, worker_threads;
// on the web its twin workers.web.ts, Web Workers; a Web Worker has no heap limit).

/** The few things the runner needs from a worker thread. */
export interface WorkerHandle {
  post(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** `outOfMemory` when the worker passed its heap limit. */
  onError(listener: (error: Error, outOfMemory: boolean) => void): void;
  onExit(listener: (code: number) => void): void;
  terminate(): void;
}

/** Starts the worker script at `path` with a heap limit of `heapMb`. */
export type WorkerSpawner = (path: string, heapMb: number) => WorkerHandle;

/** Why a worker run did not produce a result. */
export class WorkerFailure extends Error {
  constructor(
    readonly reason: 'timeout' | 'cancelled' | 'error',
    message: string,
    /** Set when the worker died: out of memory (its heap limit), or an uncaught error, or it exited. */
    readonly detail?: { outOfMemory?: boolean; exitCode?: number; error?: Error },
  ) {
    super(message);
  }
}

/** What the protocol handler does with one message from the worker. */
export type WorkerStep<T> = { done: T } | { fail: string } | { reply: unknown } | undefined;

export interface WorkerRunOptions<T> {
  /** The worker script. */
  path: string;
  /** The first message posted to the worker. */
  input: unknown;
  spawn: WorkerSpawner;
  /** Default WORKER_HEAP_MB: a run that needs more ends that worker with an error, not the extension host. */
  heapMb?: number;
  /** A run still going after this long is stopped with a 'timeout' failure; none when undefined. */
  timeLimitMs?: number;
  /** Called with each `{ type: 'progress', fraction }` message. */
  onProgress?: (fraction: number) => void;
  /** Handles every other message: the result, a failure, or a reply to post back. */
  onMessage: (message: unknown) => WorkerStep<T>;
  /** Names the worker in failure messages ("the render worker"). */
  name: string;
}

/** A run in flight: its result (rejected with a WorkerFailure), and a cancel that terminates the worker. */
export interface WorkerRun<T> {
  readonly result: Promise<T>;
  cancel(reason?: string): void;
}

export const WORKER_HEAP_MB = 1024;

/**
 * Runs one job in a new worker, terminated once it has a result, fails, passes its time limit or is
 * cancelled. One worker per run: a terminated worker leaves nothing behind.
 */
export function runInWorker<T>(options: WorkerRunOptions<T>): WorkerRun<T> {
  let cancel: (reason?: string) => void = () => {};
  const result = new Promise<T>((resolve, reject) => {
    const worker = options.spawn(options.path, options.heapMb ?? WORKER_HEAP_MB);
    let settled = false;
    const finish = (outcome: { ok: T } | { failure: WorkerFailure }) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      worker.terminate();
      if ('ok' in outcome) resolve(outcome.ok);
      else reject(outcome.failure);
    };
    const fail = (reason: WorkerFailure['reason'], message: string, detail?: WorkerFailure['detail']) =>
      finish({ failure: new WorkerFailure(reason, message, detail) });
    cancel = (reason = 'cancelled') => fail('cancelled', reason);
    const limit = options.timeLimitMs;
    const timer =
      limit === undefined ? undefined : setTimeout(() => fail('timeout', `no result within ${limit} ms`), limit);
    worker.onMessage((m) => {
      const progress = m as { type?: unknown; fraction?: unknown };
      if (progress?.type === 'progress' && typeof progress.fraction === 'number') {
        options.onProgress?.(progress.fraction);
        return;
      }
      const step = options.onMessage(m);
      if (!step) return;
      if ('done' in step) finish({ ok: step.done });
      else if ('fail' in step) fail('error', step.fail);
      else worker.post(step.reply);
    });
    worker.onError((error, outOfMemory) => fail('error', error.message, { error, outOfMemory }));
    worker.onExit((exitCode) => fail('error', `${options.name} stopped (exit code ${exitCode})`, { exitCode }));
    worker.post(options.input);
  });
  return { result, cancel: (reason) => cancel(reason) };
}

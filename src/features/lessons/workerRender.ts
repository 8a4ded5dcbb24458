import { Worker } from 'worker_threads';
import type { RenderJob, RenderJobResult } from './renderJob';

/** Why a render in the worker did not produce a lesson. */
export class RenderFailure extends Error {
  constructor(
    readonly reason: 'timeout' | 'cancelled' | 'error',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Renders one lesson in a worker thread (dist/render-worker.js), terminating it when the time is up or
 * when a newer render supersedes it. One worker per render: big lessons are rare and the ~150 ms start
 * is small next to their render; a terminated worker leaves nothing behind.
 */
export function renderInWorker(
  workerPath: string,
  job: RenderJob,
  timeoutMs: number,
): { result: Promise<RenderJobResult>; cancel(): void } {
  let cancel = () => {};
  const result = new Promise<RenderJobResult>((resolve, reject) => {
    // A heap limit of its own: a pathological lesson ends this worker with an error, not the extension host.
    const worker = new Worker(workerPath, { resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    let settled = false;
    const finish = (outcome: { ok: RenderJobResult } | { failure: RenderFailure }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      if ('ok' in outcome) resolve(outcome.ok);
      else reject(outcome.failure);
    };
    cancel = () => finish({ failure: new RenderFailure('cancelled', 'superseded by a newer render') });
    const timer = setTimeout(
      () => finish({ failure: new RenderFailure('timeout', `no result within ${timeoutMs} ms`) }),
      timeoutMs,
    );
    const parts: string[] = [];
    let head: { result: RenderJobResult; parts: number } | undefined;
    worker.on(
      'message',
      (m: {
        type: string;
        index?: number;
        html?: string;
        parts?: number;
        result?: RenderJobResult;
        message?: string;
      }) => {
        if (m.type === 'done' && m.result && typeof m.parts === 'number') head = { result: m.result, parts: m.parts };
        else if (m.type === 'part' && head && m.index === parts.length && typeof m.html === 'string')
          parts.push(m.html);
        else
          return finish({
            failure: new RenderFailure('error', m.message ?? `unexpected reply from the render worker: ${m.type}`),
          });
        if (parts.length < head.parts) worker.postMessage({ type: 'part', index: parts.length });
        else finish({ ok: { ...head.result, htmlParts: parts } });
      },
    );
    worker.on('error', (e) => finish({ failure: new RenderFailure('error', e.message) }));
    worker.on('exit', (code) =>
      finish({ failure: new RenderFailure('error', `the render worker stopped (exit code ${code})`) }),
    );
    worker.postMessage({ type: 'render', job });
  });
  return { result, cancel: () => cancel() };
}

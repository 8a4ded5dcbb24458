import { runInWorker, WorkerFailure, type WorkerRun, type WorkerSpawner } from '../worker/runner';
import type { RenderJob, RenderJobResult } from './renderJob';

/** Why a render in the worker did not produce a lesson ('timeout', 'cancelled' or 'error'). */
export { WorkerFailure as RenderFailure };

interface RenderWorkerReply {
  type?: string;
  index?: number;
  html?: string;
  parts?: number;
  result?: RenderJobResult;
  message?: string;
}

/**
 * Renders one lesson in a worker thread (dist/render-worker.js), stopped when the time is up or when a
 * newer render supersedes it. One worker per render: big lessons are rare and the ~150 ms start is small
 * next to their render. The HTML comes back in parts, asked for one by one.
 */
export function renderInWorker(
  workerPath: string,
  job: RenderJob,
  timeoutMs: number,
  spawn: WorkerSpawner,
): WorkerRun<RenderJobResult> {
  const parts: string[] = [];
  let head: { result: RenderJobResult; parts: number } | undefined;
  return runInWorker<RenderJobResult>({
    path: workerPath,
    input: { type: 'render', job },
    spawn,
    timeLimitMs: timeoutMs,
    name: 'the render worker',
    onMessage: (raw) => {
      const m = (raw ?? {}) as RenderWorkerReply;
      if (m.type === 'done' && m.result && typeof m.parts === 'number') head = { result: m.result, parts: m.parts };
      else if (m.type === 'part' && head && m.index === parts.length && typeof m.html === 'string') parts.push(m.html);
      else return { fail: m.message ?? `unexpected reply from the render worker: ${m.type}` };
      if (parts.length < head.parts) return { reply: { type: 'part', index: parts.length } };
      return { done: { ...head.result, htmlParts: parts } };
    },
  });
}

// Entry of the render worker thread (bundled to dist/render-worker.js): renders one big lesson per
// message, so the extension host never stalls on it. It loads dist/renderer.js like the host does and
// never imports 'vscode', which only exists in the extension host.
import { parentPort } from 'worker_threads';
import { loadRenderer } from './renderer';
import { resultInParts, runRenderJob, type RenderJob } from './renderJob';

let parts: string[] = [];

parentPort?.on('message', (m: { type: 'render'; job: RenderJob } | { type: 'part'; index: number }) => {
  if (m.type === 'part') {
    parentPort?.postMessage({ type: 'part', index: m.index, html: parts[m.index] ?? '' });
    return;
  }
  try {
    // The HTML goes in parts the host asks for one by one: Node hands a thread every queued message in
    // one go, and copying 10 MB of HTML at once held the extension host ~0.3–1.7 s.
    const split = resultInParts(runRenderJob(m.job, loadRenderer()));
    parts = split.parts;
    parentPort?.postMessage({ type: 'done', parts: parts.length, result: split.head });
  } catch (e) {
    parentPort?.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
});

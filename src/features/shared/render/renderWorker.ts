// Entry of the render worker (bundled to dist/render-worker.js; on the web, a Web Worker made from a blob URL):
// renders one big lesson per message, so the extension host never stalls on it. It loads the renderer like the
// host does and never imports 'vscode', which only exists in the extension host.
import { workerPort } from '../platform/workerPort.node';
import { loadRenderer } from './renderer';
import { resultInParts, runRenderJob, type RenderJob } from './renderJob';

let parts: string[] = [];

workerPort.onMessage((message) => {
  const m = message as { type: 'render'; job: RenderJob } | { type: 'part'; index: number };
  if (m.type === 'part') {
    workerPort.post({ type: 'part', index: m.index, html: parts[m.index] ?? '' });
    return;
  }
  try {
    // The HTML goes in parts the host asks for one by one: Node hands a thread every queued message in
    // one go, and copying 10 MB of HTML at once held the extension host ~0.3–1.7 s.
    const split = resultInParts(runRenderJob(m.job, loadRenderer()));
    parts = split.parts;
    workerPort.post({ type: 'done', parts: parts.length, result: split.head });
  } catch (e) {
    workerPort.post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
});

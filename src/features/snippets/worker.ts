// Entry of the snippet worker thread (bundled to dist/snippet-worker.js). It runs one job per
// message and reports progress; it never imports 'vscode', which only exists in the extension host.
import { parentPort } from 'worker_threads';
import { runJob, type SnippetJob } from '../../core/activation';

parentPort?.on('message', (job: SnippetJob) => {
  const outcome = runJob(job, (fraction) => parentPort?.postMessage({ type: 'progress', fraction }));
  parentPort?.postMessage({ type: 'done', outcome });
});

// Entry of the snippet worker thread (bundled to dist/snippet-worker.js). It runs one job per
// message and reports progress; it never imports 'vscode', which only exists in the extension host.
import { workerPort } from '../shared/platform/workerPort.node';
import { runJob, type SnippetJob } from '../../core/activation';

workerPort.onMessage((message) => {
  const job = message as SnippetJob;
  const outcome = runJob(job, (fraction) => workerPort.post({ type: 'progress', fraction }));
  workerPort.post({ type: 'done', outcome });
});

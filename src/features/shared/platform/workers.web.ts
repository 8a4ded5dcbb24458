import type * as vscode from 'vscode';
import type { WorkerHandle, WorkerSpawner } from '../worker/runner';
import type { WorkerName } from './types';
// The worker bundles' source text, built for the browser by esbuild.js (webWorkerSources) into the web bundle.
import { workerSources } from 'virtual:web-worker-sources';

const blobUrls = new Map<string, string>();

/**
 * A Web Worker made from the script's source text as a blob URL: a worker started from the extension's own
 * `vscode-remote:` URI fails when a VS Code server serves the extension (microsoft/vscode#168942), a blob one
 * works there and on vscode.dev. One URL per script for the session: each run is a new worker from it.
 * A web worker has no heap limit (`heapMb` is not applied): the input limits bound the work instead.
 */
export const spawnWorker: WorkerSpawner = (name: string): WorkerHandle => {
  const source = workerSources[name as WorkerName];
  if (source === undefined) throw new Error(`no worker script named ${name}`);
  let url = blobUrls.get(name);
  if (!url) {
    url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    blobUrls.set(name, url);
  }
  const worker = new Worker(url, { name: `interp-lessons-${name}` });
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.addEventListener('message', (e) => listener(e.data)),
    onError: (listener) =>
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        listener(new Error(e.message || `the ${name} worker failed to start`), false);
      }),
    // A Web Worker has no exit event: it ends only when terminated, and errors come through onError.
    onExit: () => undefined,
    terminate: () => worker.terminate(),
  };
};

/** The script's name: spawnWorker looks its source up in the bundle. */
export function workerScript(_extensionUri: vscode.Uri, name: WorkerName): string {
  return name;
}

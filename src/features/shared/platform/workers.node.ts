import { Worker } from 'worker_threads';
import * as vscode from 'vscode';
import type { WorkerHandle, WorkerSpawner } from '../worker/runner';
import type { WorkerName } from './types';

/** Node's worker_threads behind the runner's interface (the desktop extension host's workers). */
export const spawnWorker: WorkerSpawner = (path: string, heapMb: number): WorkerHandle => {
  const worker = new Worker(path, { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (listener) => void worker.on('message', listener),
    onError: (listener) =>
      void worker.on('error', (e: Error & { code?: string }) => listener(e, e.code === 'ERR_WORKER_OUT_OF_MEMORY')),
    onExit: (listener) => void worker.on('exit', listener),
    terminate: () => void worker.terminate(),
  };
};

/** dist/<name>-worker.js in the installed extension: what spawnWorker starts. */
export function workerScript(extensionUri: vscode.Uri, name: WorkerName): string {
  return vscode.Uri.joinPath(extensionUri, 'dist', `${name}-worker.js`).fsPath;
}

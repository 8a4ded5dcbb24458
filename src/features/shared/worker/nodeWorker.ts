import { Worker } from 'worker_threads';
import type { WorkerHandle, WorkerSpawner } from './runner';

/** Node's worker_threads behind the runner's interface (the extension host's workers). */
export const spawnNodeWorker: WorkerSpawner = (path: string, heapMb: number): WorkerHandle => {
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

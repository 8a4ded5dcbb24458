import { parentPort } from 'worker_threads';
import type { WorkerPort } from './types';

/** The worker thread's port to the extension host (Node's worker_threads). */
export const workerPort: WorkerPort = {
  onMessage: (listener) => void parentPort?.on('message', listener),
  post: (message) => parentPort?.postMessage(message),
};

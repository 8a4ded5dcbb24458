import type { WorkerPort } from './types';

/** What a dedicated Web Worker's global scope offers (the DOM lib types `self` as a window). */
interface WorkerScope {
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}
const scope = globalThis as unknown as WorkerScope;

/** The Web Worker's port to the extension host: its own global scope. */
export const workerPort: WorkerPort = {
  onMessage: (listener) => scope.addEventListener('message', (event) => listener(event.data)),
  post: (message) => scope.postMessage(message),
};

import * as vscode from 'vscode';
import type { Deps } from '../deps';
import { workerScript } from '../platform/workers.node';
import type { RenderService } from './renderService';
import type * as Service from './renderService';

// The service (with the worker runner) is loaded when first made, on the first lesson shown or glossary entry page:
// dist/lazy-render-service.js (esbuild.js LAZY).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadService = () => require('./renderService') as typeof Service;

/** One service per activation: Deps is built once in activate(), so it is the key. */
const services = new WeakMap<Deps, RenderService>();

/**
 * The RenderService the reader and the glossary entry page share (one cache, one host or worker choice, one set of
 * budgets and test limits), made on first ask.
 */
export function sharedRenderService(context: vscode.ExtensionContext, deps: Deps): RenderService {
  let service = services.get(deps);
  if (!service) {
    service = new (loadService().RenderService)({ workerPath: renderWorkerPath(context.extensionUri), log: deps.log });
    services.set(deps, service);
  }
  return service;
}

/** The render worker's script in the installed extension (dist/render-worker.js on desktop). */
export function renderWorkerPath(extensionUri: vscode.Uri): string {
  return workerScript(extensionUri, 'render');
}

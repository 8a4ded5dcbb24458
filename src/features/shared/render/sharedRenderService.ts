import * as vscode from 'vscode';
import type { Deps } from '../deps';
import { RenderService } from './renderService';

/** One service per activation: Deps is built once in activate(), so it is the key. */
const services = new WeakMap<Deps, RenderService>();

/**
 * The RenderService the reader and the glossary entry page share (one cache, one host or worker choice, one set of
 * budgets and test limits), made on first ask.
 */
export function sharedRenderService(context: vscode.ExtensionContext, deps: Deps): RenderService {
  let service = services.get(deps);
  if (!service) {
    service = new RenderService({ workerPath: renderWorkerPath(context.extensionUri), log: deps.log });
    services.set(deps, service);
  }
  return service;
}

/** dist/render-worker.js in the installed extension. */
export function renderWorkerPath(extensionUri: vscode.Uri): string {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'render-worker.js').fsPath;
}

// The running extension as the integration tests reach it: what its activate() returns, typed. Node-free: the web
// journeys (test/web) use it too.
import * as assert from '../../common/assert';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';

export type { ExtensionApi };
export const EXTENSION_ID = 'interp-lessons.interp-lessons';

/** Activates the extension (if it is not yet) and returns its API. */
export async function extensionApi(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed`);
  await ext.activate();
  return ext.exports;
}

export const lessonsApi = async () => (await extensionApi()).lessons;
export const glossaryApi = async () => (await extensionApi()).glossary;
export const snippetsApi = async () => (await extensionApi()).snippets;

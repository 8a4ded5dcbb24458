// The web journeys' only line to the outer runner (test/host/run.mjs --web): files in the workspace folder.
// A web worker has no environment variables and no Node fs, but the workspace folder is a vscode-remote URI
// whose files the server writes to its own disk, where the runner reads them. Everything goes through
// vscode.workspace.fs into <workspace>/.interp-web-test/ (WEB_CHANNEL in test/host/web-mode.mjs):
//   options.json      the runner's options for the suite (grep), written before the workbench starts;
//   started           written first by the suite (the runner gives up early without it);
//   progress.jsonl    one TestRecord per finished test; result.json (SuiteResult); exit-code (0 or 1);
//   page/             page-driver requests and answers (test/web/helpers/page.ts);
//   *.figures.json    figures from writeWorkspaceJson, copied by the runner into .test-host/.
import * as vscode from 'vscode';

export const CHANNEL_DIR = '.interp-web-test';

/** `<workspace>/.interp-web-test/<name>` (name may contain `/`). */
export function channelUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder)
    throw new Error('no workspace folder: the web journeys report through one (run test/host/run.mjs --web)');
  return vscode.Uri.joinPath(folder.uri, CHANNEL_DIR, ...name.split('/'));
}

/** The file's text, or undefined when it does not exist (yet). */
export async function readChannelText(name: string): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(channelUri(name)));
  } catch (e) {
    if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return undefined;
    throw e;
  }
}

/** The file parsed as JSON, or undefined when it does not exist (yet). */
export async function readChannelJson<T>(name: string): Promise<T | undefined> {
  const text = await readChannelText(name);
  return text === undefined ? undefined : (JSON.parse(text) as T);
}

/**
 * Writes the file whole: to `<name>.tmp`, then renamed over `name`, so the runner (which polls) never reads half
 * of it.
 */
export async function writeChannelText(name: string, text: string): Promise<void> {
  const tmp = channelUri(`${name}.tmp`);
  await vscode.workspace.fs.writeFile(tmp, new TextEncoder().encode(text));
  await vscode.workspace.fs.rename(tmp, channelUri(name), { overwrite: true });
}

/** Deletes the file (nothing when it is already gone). */
export async function deleteChannelFile(name: string): Promise<void> {
  await vscode.workspace.fs.delete(channelUri(name)).then(undefined, () => undefined);
}

/**
 * Leaves a JSON figure (timings, sizes) for the runner, which copies it into the repository's `.test-host/<name>`
 * after the suite, as the desktop suites write theirs there directly (e.g. `web-reader-timings.json`).
 */
export async function writeWorkspaceJson(name: string, value: unknown): Promise<void> {
  if (!/^[\w.-]+\.json$/.test(name) || name.endsWith('.figures.json'))
    throw new Error(`writeWorkspaceJson: "${name}" must be a plain file name ending in .json`);
  await writeChannelText(`${name.slice(0, -'.json'.length)}.figures.json`, JSON.stringify(value, null, 2));
}

// The outer driver's hands on the pages, for the web journeys: the same requests and answers as
// test/integration/helpers/page.ts, carried by files in <workspace>/.interp-web-test/page/ through
// vscode.workspace.fs (test/host/page-driver.mjs watches that folder in `run.mjs --web`).
import type { PageAction as HostPageAction, QueriedElement } from '../../integration/helpers/page';
import { until } from '../../integration/helpers/until';
import { deleteChannelFile, readChannelJson, writeChannelText } from './channel';

export type { QueriedElement };

/**
 * What the driver can do: everything the desktop suites can ask for, and a screenshot of the whole workbench into
 * the repository's docs/ (a `.png` path relative to the repository, e.g. `docs/images/web-reader.png`), answered
 * once the file is written.
 */
export type PageAction = HostPageAction | { action: 'screenshot'; file: string };

let next = 0;

/** Asks the outer driver for one action and waits for its answer (a file it writes beside the request). */
export async function pageAction<T = unknown>(request: PageAction, ms = 20_000): Promise<T> {
  const id = `${Date.now()}-${next++}`;
  await writeChannelText(`page/${id}.request.json`, JSON.stringify(request));
  const answer = await until(
    `the page driver's answer to ${request.action}`,
    () => readChannelJson<{ ok: boolean; result?: T; error?: string }>(`page/${id}.answer.json`),
    ms,
    50,
  );
  await deleteChannelFile(`page/${id}.answer.json`);
  if (!answer.ok) throw new Error(`page ${request.action}: ${answer.error}`);
  return answer.result as T;
}

/** The elements matching `selector` in the reader page (text, class, data attributes). */
export function queryPage(selector: string): Promise<QueriedElement[]> {
  return pageAction<QueriedElement[]>({ action: 'query', selector });
}

/** A screenshot of the workbench into `file` (`docs/….png`, relative to the repository). */
export async function screenshot(file: string): Promise<void> {
  await pageAction({ action: 'screenshot', file }, 30_000);
}

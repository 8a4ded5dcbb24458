import * as fs from 'fs';
import * as path from 'path';
import { until } from './until';

/** What the outer driver (test/host/page-driver.mjs) can do on the reader page with the real mouse and keys. */
export type PageAction = (
  | { action: 'select'; text: string; occurrence?: number }
  | { action: 'click'; selector: string; nth?: number }
  | { action: 'waitFor'; selector: string; ms?: number }
  | { action: 'workbenchRow'; text: string; ms?: number }
  | { action: 'press'; key: string }
  | { action: 'type'; text: string; into?: 'inputBox' }
  | { action: 'drawn' }
  | { action: 'query'; selector: string }
  | { action: 'selection' }
) & {
  /** A selector that picks the page to act on (default: the reader's `.il-lesson-body`). */
  frame?: string;
};

export interface QueriedElement {
  text: string | null;
  className: string | null;
  data: Record<string, string>;
}

let next = 0;

/** True when the runner drives the page (INTERP_PAGE_DIR); a test that needs it fails without it. */
export function pageDriverAvailable(): boolean {
  return !!process.env.INTERP_PAGE_DIR;
}

/** Asks the outer driver for one action on the reader page and waits for its answer (a file it writes). */
export async function pageAction<T = unknown>(request: PageAction, ms = 20_000): Promise<T> {
  const dir = process.env.INTERP_PAGE_DIR;
  if (!dir) throw new Error('INTERP_PAGE_DIR is not set: run the suite through test/host/run.mjs');
  const id = `${process.pid}-${Date.now()}-${next++}`;
  const answerFile = path.join(dir, `${id}.answer.json`);
  fs.writeFileSync(path.join(dir, `${id}.request.json.tmp`), JSON.stringify(request));
  fs.renameSync(path.join(dir, `${id}.request.json.tmp`), path.join(dir, `${id}.request.json`));
  const answer = await until(
    `the page driver's answer to ${request.action}`,
    () =>
      fs.existsSync(answerFile)
        ? (JSON.parse(fs.readFileSync(answerFile, 'utf8')) as { ok: boolean; result?: T; error?: string })
        : undefined,
    ms,
    50,
  );
  fs.rmSync(answerFile, { force: true });
  if (!answer.ok) throw new Error(`page ${request.action}: ${answer.error}`);
  return answer.result as T;
}

/** The elements matching `selector` in the reader page (text, class, data attributes). */
export function queryPage(selector: string): Promise<QueriedElement[]> {
  return pageAction<QueriedElement[]>({ action: 'query', selector });
}

/** A highlight the page painted, as its test hook reports it. */
export interface DrawnHighlight {
  id: string;
  color: string;
  text: string;
}

/** The highlights the reader page painted now (null: the page has no annotation layer). */
export function drawnHighlights(): Promise<DrawnHighlight[] | null> {
  return pageAction<DrawnHighlight[] | null>({ action: 'drawn' });
}

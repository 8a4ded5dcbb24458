/** Messages between the results page and the extension. */

/**
 * A cell or summary value of the page: text, or a number as displayed with its full-precision value (the
 * shortest decimal that reads back as the same double) for the hover.
 */
export type ViewCell = string | { text: string; title: string };

/** What the results page shows; built in the extension (text in the right language, SVG already drawn). */
export interface ResultView {
  runId: number;
  snippetId: string;
  status: 'running' | 'done' | 'error';
  title: string;
  description?: string;
  question?: string;
  /** Hide the results behind a Reveal button (first run of a snippet with a prediction question). */
  revealOnClick: boolean;
  params: [string, string][];
  summary: [string, ViewCell][];
  notes: string[];
  tables: { title: string; columns: string[]; rows: ViewCell[][] }[];
  plots: string[];
  error?: string;
  canRerun: boolean;
  rerunLabel: string;
  /** Copy as Markdown / Open as Python offered (not on a display-only view restored after a reload). */
  exportable?: boolean;
  /** The catalogue run behind the view (raw parameters): after a window reload it is run again. */
  job?: { id: string; params: Record<string, number> };
}

/** The page's own report after it rendered a run (the integration tests wait for it). */
export interface RenderReport {
  runId: number;
  snippetId: string;
  status: ResultView['status'];
  svgCount: number;
  tableCount: number;
  /** False while the results wait behind the Reveal button. */
  revealed: boolean;
  /** The hovers (`title`) of the tables' number cells, in page order (at most MAX_CELL_TITLES). */
  cellTitles?: string[];
}

/** Hovers the page reports at most, each at most 32 characters (a double's shortest decimal is at most 24). */
export const MAX_CELL_TITLES = 64;

/** A button of the results page. */
export type PanelAction = { type: 'copyMarkdown' | 'openPython' | 'rerun'; runId: number };

export type ResultsMessage = { type: 'ready' } | ({ type: 'rendered' } & Omit<RenderReport, 'snippetId'>) | PanelAction;

/** Validates a message from the results page: known type, integer ids and counts. Anything else is dropped. */
export function parseResultsMessage(m: unknown): ResultsMessage | undefined {
  if (!m || typeof m !== 'object') return undefined;
  const o = m as Record<string, unknown>;
  if (o.type === 'ready') return { type: 'ready' };
  const runId = typeof o.runId === 'number' && Number.isInteger(o.runId) && o.runId >= 0 ? o.runId : undefined;
  if (runId === undefined) return undefined;
  if (o.type === 'rendered') {
    const count = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1000 ? v : 0);
    if (o.status !== 'running' && o.status !== 'done' && o.status !== 'error') return undefined;
    return {
      type: 'rendered',
      runId,
      status: o.status,
      svgCount: count(o.svgCount),
      tableCount: count(o.tableCount),
      revealed: o.revealed === true,
      ...(Array.isArray(o.cellTitles)
        ? {
            cellTitles: o.cellTitles
              .slice(0, MAX_CELL_TITLES)
              .filter((x): x is string => typeof x === 'string' && x.length <= 32),
          }
        : {}),
    };
  }
  if (o.type === 'copyMarkdown' || o.type === 'openPython' || o.type === 'rerun') return { type: o.type, runId };
  return undefined;
}

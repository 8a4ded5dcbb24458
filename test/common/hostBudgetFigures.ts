// What test/common/hostBudgets.ts measures in each extension host, as written to the figures file (no `vscode`
// here: bench/webHost.bench.ts reads the files in plain Node).

export interface SeriesFigures {
  /** The first measurement, before the runs (cold: nothing of it cached yet when `firstInSession`). */
  firstMs: number;
  /** The median of the runs after the first. */
  medianMs: number;
  /** The runs after the first, in order. */
  runsMs: number[];
}

export interface HostBudgetFigures {
  host: 'node' | 'web';
  /** False in the web worker extension host (issue 20 measured it so); the Node host has `process`. */
  processDefined: boolean;
  /** Web in both hosts under code-server (its workbench is VS Code for the web). */
  uiKind: 'desktop' | 'web';
  vscodeVersion: string;
  measuredAt: string;
  lessonId: string;
  /** Open command → the page's own "rendered" report (openedAt is taken by the reader when show() starts). */
  openToRendered: SeriesFigures & { firstInSession: boolean; katexCount: number };
  /** executeHoverProvider on a glossary term in a markdown note, until the hovers arrive. */
  hover: SeriesFigures & { term: string };
}

/**
 * The file each host leaves in `.test-host/`: the Node test writes it there; the web journey gives the name to
 * writeWorkspaceJson (test/web/helpers/channel.ts) and the runner copies it there under the same name.
 */
export const figuresFileName = (host: 'node' | 'web') => `host-budgets-${host}.json`;

/**
 * The Node host's figures for one VS Code version as well: npm test runs the Node suite on the oldest VS Code after
 * the current one, and the web host's figures compare with the Node host's of the same version.
 */
export const nodeFiguresFileFor = (vscodeVersion: string) => `host-budgets-node-${vscodeVersion}.json`;

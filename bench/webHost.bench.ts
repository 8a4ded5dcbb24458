// Issue 20's budgets: the web worker extension host against the Node extension host, from the figures the two test
// runs leave in .test-host/ (test/common/hostBudgets.ts measures both the same way). Lesson 1 open → rendered and a
// glossary hover, each within 1.5x of the Node host's. Nothing is measured here: a missing file is said so, with
// the command that makes it.
import fs from 'fs';
import path from 'path';
import type { Figure } from './timing';
import { figuresFileName, nodeFiguresFileFor, type HostBudgetFigures } from '../test/common/hostBudgetFigures';

const BUDGET = 1.5;
const MAKE = {
  node: 'npm run build && node test/host/run.mjs --grep "Host budgets"',
  web: 'npm run build && npm run package && node test/host/run.mjs --web --vsix interp-lessons.vsix --grep "Host budgets"',
};

function read(root: string, host: 'node' | 'web', name = figuresFileName(host)): HostBudgetFigures | string {
  const file = path.join(root, '.test-host', name);
  if (!fs.existsSync(file)) return `missing ${path.relative(root, file)}: make it with ${MAKE[host]}`;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as HostBudgetFigures;
}

/** A figure whose value could not be had: NaN (null in the JSON), and why in the note. */
const missing = (unit: string, why: string[]): Figure => ({
  value: NaN,
  unit,
  budget: `<= ${BUDGET}x`,
  note: why.join('; '),
});

export async function run(): Promise<Record<string, Figure>> {
  const root = path.resolve(__dirname, '..');
  const web = read(root, 'web');
  // The Node host's figures of the web host's VS Code (npm test also runs the Node suite on the oldest one).
  const sameVersion = typeof web === 'string' ? undefined : read(root, 'node', nodeFiguresFileFor(web.vscodeVersion));
  const node = sameVersion && typeof sameVersion !== 'string' ? sameVersion : read(root, 'node');
  const openUnit = "ms, median of 5 (lesson 1: open command → the page's own rendered report, reader closed first)";
  const hoverUnit = 'ms, median of 10 (executeHoverProvider on a glossary term in a markdown note)';
  if (typeof web === 'string' || typeof node === 'string') {
    const why = [web, node].filter((x): x is string => typeof x === 'string');
    console.error(`webHost: ${why.join('\n         ')}`);
    return { openToRendered: missing(openUnit, why), hover: missing(hoverUnit, why) };
  }
  const hours = Math.abs(Date.parse(web.measuredAt) - Date.parse(node.measuredAt)) / 3_600_000;
  const versions =
    web.vscodeVersion === node.vscodeVersion
      ? `VS Code ${web.vscodeVersion}`
      : `VS Code ${web.vscodeVersion} (web) against ${node.vscodeVersion} (node): different versions, compare with care`;
  const when = `${versions}; web measured ${web.measuredAt}, node ${node.measuredAt}${hours > 1 ? ` (${hours.toFixed(1)} h apart: not the same run, compare with care)` : ''}`;
  type Series = HostBudgetFigures['hover'] | HostBudgetFigures['openToRendered'];
  /** Web against Node for one series: its median (budgeted), or its first, cold measurement (reported only). */
  const compare = (unit: string, pick: (f: HostBudgetFigures) => Series, cold: boolean, note = when): Figure => {
    const [w, n] = [pick(web), pick(node)];
    const [wv, nv] = cold ? [w.firstMs, n.firstMs] : [w.medianMs, n.medianMs];
    const ratio = +(wv / Math.max(0.001, nv)).toFixed(2);
    return {
      value: wv,
      unit,
      baseline: { name: 'the Node extension host, same measurement', value: nv },
      ratio,
      budget: cold ? undefined : `<= ${BUDGET}x (issue 20): ${ratio <= BUDGET ? 'met' : 'NOT met'}`,
      note: cold ? note : `web runs ${w.runsMs.join(', ')}; node runs ${n.runsMs.join(', ')}; ${note}`,
    };
  };
  const firstOpen = (f: HostBudgetFigures) =>
    f.openToRendered.firstInSession ? 'first open of the session' : "not the session's first open";
  return {
    openToRendered: compare(openUnit, (f) => f.openToRendered, false),
    hover: compare(hoverUnit, (f) => f.hover, false),
    openToRenderedCold: compare(
      'ms, the first open of the measurement (before the 5)',
      (f) => f.openToRendered,
      true,
      `web: ${firstOpen(web)}, node: ${firstOpen(node)}; cold figures compare only when both hosts ran the same suites before (--grep "Host budgets" alone: nothing before); ${when}`,
    ),
    hoverCold: compare('ms, the first hover of the measurement (before the 10)', (f) => f.hover, true),
  };
}

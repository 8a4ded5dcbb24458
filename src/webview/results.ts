// Script of the snippet results page (media/results.js). It builds the page from the view the
// extension posts (text via textContent, plots by parsing the SVG strings the extension drew), and
// reports back when it rendered and how many SVG plots the page holds.
import type { ResultView, ViewCell } from '../core';
import { MAX_CELL_TITLES } from '../core/snippets/messages';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void; setState(state: unknown): void };

const vscodeApi = acquireVsCodeApi();
const root = document.getElementById('root')!;
const config = JSON.parse(document.body.dataset.config ?? '{}') as { labels: Record<string, string> };
const L = config.labels ?? {};

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function button(label: string, action: string, runId: number, primary = false): HTMLButtonElement {
  const b = el('button', primary ? 'il-button il-primary' : 'il-button', label);
  b.type = 'button';
  b.addEventListener('click', () => vscodeApi.postMessage({ type: action, runId }));
  return b;
}

/**
 * A table cell: text as it is; a number as displayed, with its full-precision value as the hover (`title`).
 * A view restored from the page's state is checked, not trusted.
 */
function cell(tag: 'td', className: string | undefined, c: ViewCell): HTMLTableCellElement {
  if (typeof c === 'string') return el(tag, className, c);
  const td = el(tag, className, typeof c?.text === 'string' ? c.text : '');
  if (typeof c?.title === 'string') td.title = c.title;
  return td;
}

function keyValueTable(rows: [string, ViewCell][], className: string): HTMLTableElement {
  const table = el('table', className);
  const body = el('tbody');
  for (const [k, v] of rows) {
    const tr = el('tr');
    tr.append(el('th', undefined, k), cell('td', undefined, v));
    body.append(tr);
  }
  table.append(body);
  return table;
}

function plot(svgText: string): HTMLElement {
  const figure = el('figure', 'il-figure');
  const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml');
  const svg = doc.documentElement;
  if (svg.nodeName !== 'svg' || doc.getElementsByTagName('parsererror').length) {
    figure.append(el('p', 'il-error', L.plotError ?? 'This plot could not be drawn.'));
  } else {
    figure.append(document.importNode(svg, true));
  }
  return figure;
}

function render(view: ResultView): void {
  // Kept by VS Code with the panel: after a window reload the extension gets it back (ResultsPanel.revive).
  if (view.status !== 'running') vscodeApi.setState({ view });
  root.replaceChildren(header(view));
  if (view.question) root.append(question(view.question));
  if (view.status === 'running') {
    const s = el('p', 'il-status', L.running ?? 'Running…');
    s.setAttribute('aria-live', 'polite');
    root.append(s);
  } else if (view.status === 'error') {
    const e = el('div', 'il-error-box');
    e.setAttribute('role', 'alert');
    e.append(el('strong', undefined, L.failed ?? 'The run failed'), el('p', undefined, view.error ?? ''));
    root.append(e);
  } else {
    const results = resultsSection(view);
    if (view.revealOnClick) root.append(revealGate(view, results));
    root.append(results);
  }
  report(view, view.status === 'done' && !view.revealOnClick);
}

function header(view: ResultView): HTMLElement {
  const h = el('header', 'il-header');
  h.append(el('h1', undefined, view.title));
  if (view.description) h.append(el('p', 'il-description', view.description));
  return h;
}

/** The run's "Predict" question, asked before the results. */
function question(text: string): HTMLElement {
  const q = el('section', 'il-question');
  q.setAttribute('role', 'note');
  q.append(el('h2', undefined, L.predict ?? 'Predict'), el('p', undefined, text));
  return q;
}

/** A finished run: actions, parameters, summary and notes beside the plots, then the tables. */
function resultsSection(view: ResultView): HTMLElement {
  const results = el('section', 'il-results');
  const actions = el('div', 'il-actions');
  if (view.exportable !== false)
    actions.append(
      button(L.copyMarkdown ?? 'Copy as Markdown', 'copyMarkdown', view.runId),
      button(L.openPython ?? 'Open as Python', 'openPython', view.runId),
    );
  if (view.canRerun) actions.append(button(view.rerunLabel, 'rerun', view.runId));
  results.append(actions);
  if (view.params.length) {
    const details = el('details', 'il-params');
    details.append(el('summary', undefined, L.parameters ?? 'Parameters'), keyValueTable(view.params, 'il-kv'));
    results.append(details);
  }
  // Summary and notes beside the plots on wide panels (one column on narrow ones).
  const main = el('div', 'il-main');
  const side = el('div', 'il-side');
  side.append(el('h2', undefined, L.results ?? 'Results'), keyValueTable(view.summary, 'il-kv il-summary'));
  for (const note of view.notes) {
    const n = el('div', 'il-note', note);
    n.setAttribute('role', 'note');
    side.append(n);
  }
  const plots = el('div', 'il-plots');
  for (const svg of view.plots) plots.append(plot(svg));
  main.append(side, plots);
  results.append(main, ...view.tables.map(resultTable));
  return results;
}

function resultTable(t: ResultView['tables'][number]): HTMLElement {
  const wrap = el('div', 'il-table-wrap');
  const table = el('table', 'il-table');
  table.append(el('caption', undefined, t.title));
  const head = el('thead');
  const hr = el('tr');
  for (const c of t.columns) hr.append(el('th', undefined, c));
  head.append(hr);
  const body = el('tbody');
  for (const r of t.rows) {
    const tr = el('tr');
    r.forEach((c, i) => tr.append(cell('td', i === 0 ? 'il-first' : 'il-num', c)));
    body.append(tr);
  }
  table.append(head, body);
  wrap.append(table);
  return wrap;
}

/** Hides the results until the learner has predicted and clicks Reveal (reported then, as revealed). */
function revealGate(view: ResultView, results: HTMLElement): HTMLElement {
  results.hidden = true;
  const gate = el('div', 'il-reveal');
  const b = el('button', 'il-button il-primary', L.reveal ?? 'Reveal the results');
  b.type = 'button';
  b.addEventListener('click', () => {
    results.hidden = false;
    gate.remove();
    report(view, true);
  });
  gate.append(el('p', undefined, L.revealHint ?? ''), b);
  return gate;
}

function report(view: ResultView, revealed: boolean): void {
  vscodeApi.postMessage({
    type: 'rendered',
    runId: view.runId,
    status: view.status,
    svgCount: root.querySelectorAll('svg.il-plot').length,
    tableCount: root.querySelectorAll('table.il-table').length,
    revealed,
    cellTitles: [...root.querySelectorAll<HTMLElement>('table.il-table td[title]')]
      .slice(0, MAX_CELL_TITLES)
      .map((td) => td.title),
  });
}

window.addEventListener('message', (event: MessageEvent) => {
  const m = event.data as { type?: string; view?: ResultView };
  if (m?.type === 'show' && m.view && typeof m.view.runId === 'number') render(m.view);
});

vscodeApi.postMessage({ type: 'ready' });

/**
 * Plot specs to SVG strings, drawn by hand so the result works offline under the webview's strict
 * CSP (no script, no inline style attribute). Colours come from VS Code theme variables: as
 * presentation attributes with fallbacks, and as class names the panel's stylesheet also targets.
 * Every piece of text is XML-escaped.
 */
import { formatNumber, pick } from './format';
import { HeatmapPlot, Language, PlotSpec, XYPlot } from './types';

/** Series colours: VS Code's chart theme colours, with their default dark-theme values as fallbacks. */
export const PALETTE = [
  'var(--vscode-charts-blue, #3794ff)',
  'var(--vscode-charts-red, #f14c4c)',
  'var(--vscode-charts-green, #89d185)',
  'var(--vscode-charts-orange, #d18616)',
  'var(--vscode-charts-purple, #b180d7)',
  'var(--vscode-charts-yellow, #cca700)',
];
const FOREGROUND = 'var(--vscode-editor-foreground, #cccccc)';
const GRID = 'var(--vscode-charts-lines, rgba(128, 128, 128, 0.35))';

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export interface SvgOptions {
  width?: number;
  height?: number;
}

/** Renders one plot spec as a standalone <svg> element string. */
export function plotToSvg(plot: PlotSpec, language: Language, options: SvgOptions = {}): string {
  return plot.kind === 'heatmap' ? heatmapSvg(plot, language, options) : xySvg(plot, language, options);
}

const n2 = (x: number) => (Math.round(x * 100) / 100).toString();

/** "Nice" linear ticks (1, 2, 5 × 10^k) covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, target = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / target;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
    out.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  return out;
}

function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  const decades = Math.log10(hi / lo);
  const mults = decades > 3 ? [1] : [1, 2, 5];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of mults) {
      const v = m * Math.pow(10, e);
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(Number(v.toPrecision(12)));
    }
  }
  return out;
}

function extent(values: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === Infinity) return [0, 1];
  if (lo === hi) {
    const pad = Math.abs(lo) * 0.1 || 1;
    return [lo - pad, hi + pad];
  }
  return [lo, hi];
}

function header(plot: PlotSpec, language: Language, w: number, h: number): string {
  const title = escapeXml(pick(plot.title, language));
  const id = `il-plot-${escapeXml(plot.id)}`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="il-plot" data-plot-id="${escapeXml(plot.id)}" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-labelledby="${id}-title">` +
    `<title id="${id}-title">${title}</title>` +
    `<text class="il-title" x="${w / 2}" y="18" text-anchor="middle" font-size="13" font-weight="600" fill="${FOREGROUND}">${title}</text>`
  );
}

function xySvg(plot: XYPlot, language: Language, options: SvgOptions): string {
  const w = options.width ?? 560;
  const legendRows = legendLayout(plot, language, w - 80).rows;
  const h = (options.height ?? 330) + 18 * Math.max(0, legendRows - 1);
  const m = { left: 62, right: 18, top: 32, bottom: 52 + 18 * legendRows };
  const pw = w - m.left - m.right;
  const ph = h - m.top - m.bottom;
  const logX = plot.xScale === 'log10';
  const xs = plot.series.flatMap((s) => s.points.map((p) => p[0])).filter((x) => !logX || x > 0);
  const ys = plot.series.flatMap((s) => s.points.map((p) => p[1]));
  const [x0, x1] = logX ? extentLog(xs) : padded(extent(xs), 0.03);
  const [y0, y1] = plot.yDomain ?? padded(extent([...ys, ...(plot.hLines ?? [])]));
  const fx = (x: number) =>
    m.left + (logX ? (Math.log10(x) - Math.log10(x0)) / (Math.log10(x1) - Math.log10(x0)) : (x - x0) / (x1 - x0)) * pw;
  const fy = (y: number) => m.top + (1 - (y - y0) / (y1 - y0)) * ph;
  const parts: string[] = [header(plot, language, w, h)];
  // Grid and ticks.
  const yTicks = niceTicks(y0, y1);
  const xTicks = logX ? logTicks(x0, x1) : niceTicks(x0, x1);
  for (const v of yTicks) {
    const y = n2(fy(v));
    parts.push(
      `<line class="il-grid" x1="${m.left}" x2="${m.left + pw}" y1="${y}" y2="${y}" stroke="${GRID}" stroke-opacity="0.6" stroke-width="1"/>`,
    );
    parts.push(
      `<text class="il-tick" x="${m.left - 6}" y="${y}" dy="0.32em" text-anchor="end" font-size="11" fill="${FOREGROUND}">${escapeXml(formatNumber(v))}</text>`,
    );
  }
  for (const v of xTicks) {
    const x = n2(fx(v));
    parts.push(
      `<line class="il-grid" x1="${x}" x2="${x}" y1="${m.top}" y2="${m.top + ph}" stroke="${GRID}" stroke-opacity="0.6" stroke-width="1"/>`,
    );
    parts.push(
      `<text class="il-tick" x="${x}" y="${m.top + ph + 15}" text-anchor="middle" font-size="11" fill="${FOREGROUND}">${escapeXml(formatNumber(v))}</text>`,
    );
  }
  parts.push(
    `<rect class="il-frame" x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="${FOREGROUND}" stroke-opacity="0.5"/>`,
  );
  for (const v of plot.hLines ?? []) {
    if (v < y0 || v > y1) continue;
    const y = n2(fy(v));
    parts.push(
      `<line class="il-ref" x1="${m.left}" x2="${m.left + pw}" y1="${y}" y2="${y}" stroke="${FOREGROUND}" stroke-opacity="0.6" stroke-dasharray="2 3"/>`,
    );
  }
  // Series.
  plot.series.forEach((s, i) => {
    const c = s.color ?? i;
    const colour = PALETTE[c % PALETTE.length];
    const pts = s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && (!logX || x > 0));
    if (s.type === 'line') {
      if (pts.length < 2) return;
      const d = pts.map(([x, y], k) => `${k ? 'L' : 'M'}${n2(fx(x))} ${n2(fy(y))}`).join('');
      parts.push(
        `<path class="il-series il-c${c % PALETTE.length}" d="${d}" fill="none" stroke="${colour}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
      );
      if (pts.length <= 40)
        for (const [x, y] of pts)
          parts.push(
            `<circle class="il-c${c % PALETTE.length}" cx="${n2(fx(x))}" cy="${n2(fy(y))}" r="2.5" fill="${colour}"/>`,
          );
    } else {
      const r = pts.length > 800 ? 1.6 : 2.6;
      parts.push(`<g class="il-series il-c${c % PALETTE.length}" fill="${colour}" fill-opacity="0.75">`);
      for (const [x, y] of pts) parts.push(`<circle cx="${n2(fx(x))}" cy="${n2(fy(y))}" r="${r}"/>`);
      parts.push('</g>');
    }
  });
  // Axis labels.
  parts.push(
    `<text class="il-label" x="${m.left + pw / 2}" y="${m.top + ph + 34}" text-anchor="middle" font-size="12" fill="${FOREGROUND}">${escapeXml(pick(plot.xLabel, language))}</text>`,
  );
  parts.push(
    `<text class="il-label" transform="translate(14 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle" font-size="12" fill="${FOREGROUND}">${escapeXml(pick(plot.yLabel, language))}</text>`,
  );
  parts.push(legend(plot, language, m.left, m.top + ph + 50, w - m.left - m.right));
  parts.push('</svg>');
  return parts.join('');
}

function padded([lo, hi]: [number, number], share = 0.05): [number, number] {
  const pad = (hi - lo) * share;
  return [lo - pad, hi + pad];
}

function extentLog(xs: number[]): [number, number] {
  const [lo, hi] = extent(xs.filter((x) => x > 0));
  if (lo <= 0) return [1, 10];
  return lo === hi ? [lo / 2, hi * 2] : [lo / 1.1, hi * 1.1];
}

/** Legend entries laid out left to right, wrapping by an estimate of the text width. */
function legendLayout(plot: XYPlot, language: Language, width: number) {
  const items: { x: number; row: number; text: string }[] = [];
  let x = 0;
  let row = 0;
  for (const s of plot.series) {
    const text = pick(s.name, language);
    const wItem = 28 + text.length * 6.4 + 16;
    if (x > 0 && x + wItem > width) {
      row++;
      x = 0;
    }
    items.push({ x, row, text });
    x += wItem;
  }
  return { items, rows: row + 1 };
}

function legend(plot: XYPlot, language: Language, left: number, top: number, width: number): string {
  const { items } = legendLayout(plot, language, width);
  const out: string[] = ['<g class="il-legend">'];
  items.forEach((it, i) => {
    const s = plot.series[i];
    const c = (s.color ?? i) % PALETTE.length;
    const x = left + it.x;
    const y = top + it.row * 18;
    if (s.type === 'line') {
      out.push(
        `<line class="il-c${c}" x1="${x}" x2="${x + 22}" y1="${y}" y2="${y}" stroke="${PALETTE[c]}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
      );
    } else {
      out.push(`<circle class="il-c${c}" cx="${x + 11}" cy="${y}" r="3.5" fill="${PALETTE[c]}"/>`);
    }
    out.push(
      `<text x="${x + 28}" y="${y}" dy="0.32em" font-size="11" fill="${FOREGROUND}">${escapeXml(it.text)}</text>`,
    );
  });
  out.push('</g>');
  return out.join('');
}

/** A heatmap cell's label: 2 decimals, but never "0.00" or "1.00" for a value that is not exactly that. */
function heatmapLabel(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const s = v.toFixed(2);
  return Number.isInteger(Number(s)) && !Number.isInteger(v) ? formatNumber(v, 2) : s;
}

function heatmapSvg(plot: HeatmapPlot, language: Language, options: SvgOptions): string {
  const rows = plot.rowLabels.length;
  const cols = plot.columnLabels.length;
  const cell = Math.max(28, Math.min(56, Math.floor(440 / Math.max(rows, cols))));
  const m = { left: 84, top: 34, right: 16, bottom: 52 };
  const w = Math.max(options.width ?? 0, m.left + cols * cell + m.right, 460);
  const h = m.top + rows * cell + m.bottom;
  const parts: string[] = [header(plot, language, w, h)];
  const span = plot.max - plot.min || 1;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = plot.values[r][c];
      const level = Math.max(0, Math.min(1, (v - plot.min) / span));
      const x = m.left + c * cell;
      const y = m.top + r * cell;
      parts.push(
        `<rect class="il-cell il-c0" x="${x}" y="${y}" width="${cell - 2}" height="${cell - 2}" fill="${PALETTE[0]}" fill-opacity="${n2(0.08 + 0.92 * level)}"/>`,
      );
      parts.push(
        `<text class="il-cell-text" x="${x + (cell - 2) / 2}" y="${y + (cell - 2) / 2}" dy="0.32em" text-anchor="middle" font-size="11" fill="${FOREGROUND}">${escapeXml(heatmapLabel(v))}</text>`,
      );
    }
    parts.push(
      `<text class="il-tick" x="${m.left - 6}" y="${m.top + r * cell + (cell - 2) / 2}" dy="0.32em" text-anchor="end" font-size="11" fill="${FOREGROUND}">${escapeXml(plot.rowLabels[r])}</text>`,
    );
  }
  for (let c = 0; c < cols; c++) {
    parts.push(
      `<text class="il-tick" x="${m.left + c * cell + (cell - 2) / 2}" y="${m.top + rows * cell + 14}" text-anchor="middle" font-size="11" fill="${FOREGROUND}">${escapeXml(plot.columnLabels[c])}</text>`,
    );
  }
  parts.push(
    `<text class="il-label" x="${m.left + (cols * cell) / 2}" y="${m.top + rows * cell + 36}" text-anchor="middle" font-size="12" fill="${FOREGROUND}">${escapeXml(pick(plot.xLabel, language))}</text>`,
  );
  parts.push(
    `<text class="il-label" transform="translate(14 ${m.top + (rows * cell) / 2}) rotate(-90)" text-anchor="middle" font-size="12" fill="${FOREGROUND}">${escapeXml(pick(plot.yLabel, language))}</text>`,
  );
  parts.push('</svg>');
  return parts.join('');
}

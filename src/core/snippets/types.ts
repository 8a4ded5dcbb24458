/** Shapes of the snippet catalogue (lessons/snippets.json) and of a snippet run's result. */

export type Language = 'en' | 'vi';

/** The same text in both lesson languages. */
export interface LocalText {
  en: string;
  vi: string;
}

export interface SnippetParameter {
  name: string;
  label: LocalText;
  default: number;
  min: number;
  max: number;
  step?: number;
  integer?: boolean;
}

export interface SnippetEntry {
  id: string;
  lesson: string;
  section?: string;
  alsoIn?: { lesson: string; section?: string }[];
  title: LocalText;
  description: LocalText;
  question: LocalText;
  parameters: SnippetParameter[];
}

export type SnippetParams = Record<string, number>;

/** A table cell: numbers are formatted when shown; strings are shown as they are. */
export type Cell = number | string | LocalText;

export interface ResultTable {
  title: LocalText;
  columns: LocalText[];
  rows: Cell[][];
  /** Significant digits of the table's numbers on display (4 unless set); copies are at full precision. */
  digits?: number;
}

export interface SummaryLine {
  label: LocalText;
  value: Cell;
}

export interface PlotSeries {
  name: LocalText;
  type: 'points' | 'line';
  points: [number, number][];
  dashed?: boolean;
  /** Index into the chart palette (theme colours), defaults to the series index. */
  color?: number;
}

export interface XYPlot {
  kind: 'xy';
  id: string;
  title: LocalText;
  xLabel: LocalText;
  yLabel: LocalText;
  xScale?: 'linear' | 'log10';
  series: PlotSeries[];
  /** Fixed y range, e.g. [0, 1] for accuracies. */
  yDomain?: [number, number];
  /** Horizontal reference lines (e.g. 0 for residuals, 0.5 for chance). */
  hLines?: number[];
}

export interface HeatmapPlot {
  kind: 'heatmap';
  id: string;
  title: LocalText;
  xLabel: LocalText;
  yLabel: LocalText;
  rowLabels: string[];
  columnLabels: string[];
  /** values[row][column], drawn on a [min, max] scale. */
  values: number[][];
  min: number;
  max: number;
}

export type PlotSpec = XYPlot | HeatmapPlot;

/** Everything a run produced, as plain data: the same object feeds the panel, the output channel and the exports. */
export interface SnippetResult {
  /** A catalogue id, or 'regression' for a run on the user's data. */
  snippetId: string;
  title: LocalText;
  params: SnippetParams;
  summary: SummaryLine[];
  tables: ResultTable[];
  plots: PlotSpec[];
  /** Warnings and remarks (e.g. a near-singular design, a probe that did not converge). */
  notes: LocalText[];
  /** The data behind the run when it is small enough to copy (first rows only beyond a limit). */
  data?: { columns: string[]; rows: number[][]; totalRows: number };
}

/** Progress callback for long runs: fraction in [0, 1]. */
export type ProgressReporter = (fraction: number) => void;

/** The variables of a regression on the user's data, and its rows when small enough to embed in a script. */
export interface RegressionExport {
  formula: string;
  predictors: string[];
  response: string;
  intercept: boolean;
  X?: number[][];
  y?: number[];
}

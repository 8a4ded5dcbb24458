import { LinearRegressionResult, fitLinearRegression } from '../regression/ols';
import { RegressionData } from '../regression/table';
import { ESTIMATE_DIGITS, formatNumber, formatP, t } from './format';
import { Cell, LocalText, PlotSpec, ResultTable, SnippetResult, SummaryLine } from './types';

/** Rows of data copied into notes and panels at most; the rest is summarised. */
export const DATA_ROWS_SHOWN = 200;

/**
 * The coefficient table: term, estimate, standard error, t, p (and the true value when known). Numbers stay
 * numbers: the table shows them with ESTIMATE_DIGITS significant digits, copies at full precision.
 */
export function coefficientTable(fit: LinearRegressionResult, title: LocalText, truth?: number[]): ResultTable {
  const columns = [
    t('Term', 'Số hạng'),
    t('Estimate', 'Ước lượng'),
    t('Std. error', 'Sai số chuẩn'),
    t('t', 't'),
    t('p-value', 'Giá trị p'),
  ];
  if (truth) columns.push(t('True value', 'Giá trị thật'));
  const rows: Cell[][] = fit.names.map((name, j) => {
    const row: Cell[] = [
      name === '(Intercept)' ? t('(Intercept)', '(Hệ số chặn)') : name,
      fit.coefficients[j],
      fit.standardErrors[j],
      fit.tStatistics[j],
      formatP(fit.pValues[j]),
    ];
    if (truth) row.push(truth[j]);
    return row;
  });
  return { title, columns, rows, digits: ESTIMATE_DIGITS };
}

/** Summary lines every regression shows. */
export function regressionSummary(fit: LinearRegressionResult): SummaryLine[] {
  return [
    { label: t('Observations', 'Số quan sát'), value: fit.n },
    { label: t('R²', 'R²'), value: fit.rSquared },
    { label: t('Adjusted R²', 'R² hiệu chỉnh'), value: fit.adjustedRSquared },
    { label: t('Residual standard deviation σ̂', 'Độ lệch chuẩn phần dư σ̂'), value: fit.residualStandardDeviation },
    {
      label: t('F statistic', 'Thống kê F'),
      value: `${formatNumber(fit.fStatistic)} (${fit.df.model}, ${fit.df.residual}), p ${pText(fit.fPValue)}`,
    },
    { label: t('Condition number', 'Số điều kiện'), value: fit.conditionNumber },
  ];
}

function pText(p: number): string {
  const s = formatP(p);
  return s.startsWith('<') ? s : `= ${s}`;
}

/** Warnings of a fit, in both languages. */
export function regressionNotes(fit: LinearRegressionResult): LocalText[] {
  return fit.warnings.map((w) => {
    const digits = Math.round(Math.log10(w.conditionNumber));
    const k = formatNumber(w.conditionNumber, 3);
    return t(
      `Nearly collinear predictors: condition number ${k}, so up to ${digits} of about 16 significant digits may be lost and the individual coefficients are unstable.`,
      `Các biến giải thích gần cộng tuyến: số điều kiện ${k}, nên có thể mất tới ${digits} trong khoảng 16 chữ số có nghĩa và từng hệ số riêng lẻ không ổn định.`,
    );
  });
}

/** Plots for a fit: scatter with the fitted line for one predictor, observed vs fitted otherwise; residuals. */
export function regressionPlots(
  X: number[][],
  y: number[],
  fit: LinearRegressionResult,
  labels: { x?: string; y: string },
): PlotSpec[] {
  const plots: PlotSpec[] = [];
  if (X[0].length === 1) {
    const xs = X.map((r) => r[0]);
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    const b0 = fit.intercept ? fit.coefficients[0] : 0;
    const b1 = fit.coefficients[fit.intercept ? 1 : 0];
    plots.push({
      kind: 'xy',
      id: 'fit',
      title: t('Data and fitted line', 'Dữ liệu và đường hồi quy'),
      xLabel: t(labels.x ?? 'x', labels.x ?? 'x'),
      yLabel: t(labels.y, labels.y),
      series: [
        { name: t('observations', 'quan sát'), type: 'points', points: xs.map((x, i) => [x, y[i]]) },
        {
          name: t('fitted line', 'đường hồi quy'),
          type: 'line',
          points: [
            [lo, b0 + b1 * lo],
            [hi, b0 + b1 * hi],
          ],
          color: 1,
        },
      ],
    });
    plots.push({
      kind: 'xy',
      id: 'residuals',
      title: t('Residuals', 'Phần dư'),
      xLabel: t(labels.x ?? 'x', labels.x ?? 'x'),
      yLabel: t('residual', 'phần dư'),
      series: [
        { name: t('residuals', 'phần dư'), type: 'points', points: xs.map((x, i) => [x, fit.residuals[i]]), color: 2 },
      ],
      hLines: [0],
    });
  } else {
    const lo = Math.min(...fit.fitted, ...y);
    const hi = Math.max(...fit.fitted, ...y);
    plots.push({
      kind: 'xy',
      id: 'fit',
      title: t('Observed against fitted', 'Giá trị quan sát so với giá trị khớp'),
      xLabel: t('fitted', 'giá trị khớp'),
      yLabel: t(labels.y, labels.y),
      series: [
        { name: t('observations', 'quan sát'), type: 'points', points: fit.fitted.map((f, i) => [f, y[i]]) },
        {
          name: t('y = fitted', 'y = giá trị khớp'),
          type: 'line',
          points: [
            [lo, lo],
            [hi, hi],
          ],
          color: 1,
          dashed: true,
        },
      ],
    });
    plots.push({
      kind: 'xy',
      id: 'residuals',
      title: t('Residuals against fitted', 'Phần dư theo giá trị khớp'),
      xLabel: t('fitted', 'giá trị khớp'),
      yLabel: t('residual', 'phần dư'),
      series: [
        {
          name: t('residuals', 'phần dư'),
          type: 'points',
          points: fit.fitted.map((f, i) => [f, fit.residuals[i]]),
          color: 2,
        },
      ],
      hLines: [0],
    });
  }
  return plots;
}

/** The data block of a result: the first DATA_ROWS_SHOWN rows. */
export function dataBlock(columns: string[], rows: number[][]): SnippetResult['data'] {
  return { columns, rows: rows.slice(0, DATA_ROWS_SHOWN), totalRows: rows.length };
}

/** Runs a regression on the user's data (a ```regression block, a CSV file or a selected table). */
export function runRegressionOnData(data: RegressionData): SnippetResult {
  const fit = fitLinearRegression(data.X, data.y, { intercept: data.intercept, names: data.predictors });
  return {
    snippetId: 'regression',
    title: t(`Regression: ${data.formula}`, `Hồi quy: ${data.formula}`),
    params: {},
    summary: [{ label: t('Formula', 'Công thức'), value: data.formula }, ...regressionSummary(fit)],
    tables: [coefficientTable(fit, t('Coefficients', 'Hệ số'))],
    plots: regressionPlots(data.X, data.y, fit, {
      x: data.predictors.length === 1 ? data.predictors[0] : undefined,
      y: data.response,
    }),
    notes: regressionNotes(fit),
    data: dataBlock(
      [...data.predictors, data.response],
      data.X.map((r, i) => [...r, data.y[i]]),
    ),
  };
}

/** Lesson 1: score on study hours, and the same with a confounder. */
import { fitLinearRegression } from '../regression/ols';
import { Random } from '../regression/random';
import { formatNumber, t } from './format';
import { coefficientTable, dataBlock, regressionNotes, regressionPlots, regressionSummary } from './regressionReport';
import { Cell, LocalText, PlotSeries, SnippetParams, SnippetResult } from './types';

/** Rounds to one decimal the same way in TypeScript and in the Python port: floor(10x + 0.5) / 10. */
export function round1(x: number): number {
  return Math.floor(x * 10 + 0.5) / 10;
}
function round2(x: number): number {
  return Math.floor(x * 100 + 0.5) / 100;
}

export function runStudyHours(p: SnippetParams, title: LocalText): SnippetResult {
  const rng = new Random(p.seed);
  const hours: number[] = [];
  for (let i = 0; i < p.n; i++) hours.push(round1(10 * rng.uniform()));
  const score: number[] = [];
  for (let i = 0; i < p.n; i++) score.push(round1(p.intercept + p.slope * hours[i] + p.noise * rng.normal()));
  const X = hours.map((h) => [h]);
  const fit = fitLinearRegression(X, score, { names: ['hours'] });
  const plots = regressionPlots(X, score, fit, { x: 'hours', y: 'score' });
  const lo = Math.min(...hours);
  const hi = Math.max(...hours);
  const truth: PlotSeries = {
    name: t('true line β0 + β1·hours', 'đường thật β0 + β1·giờ'),
    type: 'line',
    points: [
      [lo, p.intercept + p.slope * lo],
      [hi, p.intercept + p.slope * hi],
    ],
    dashed: true,
    color: 3,
  };
  if (plots[0].kind === 'xy') plots[0].series.push(truth);
  return {
    snippetId: 'study-hours',
    title,
    params: p,
    summary: [
      {
        label: t('Fitted intercept β̂0', 'Hệ số chặn ước lượng β̂0'),
        value: `${formatNumber(fit.coefficients[0])} ± ${formatNumber(fit.standardErrors[0])}`,
      },
      {
        label: t('Fitted slope β̂1 (points per hour)', 'Hệ số góc ước lượng β̂1 (điểm mỗi giờ)'),
        value: `${formatNumber(fit.coefficients[1])} ± ${formatNumber(fit.standardErrors[1])}`,
      },
      { label: t('True β0, β1', 'β0, β1 thật'), value: `${formatNumber(p.intercept)}, ${formatNumber(p.slope)}` },
      ...regressionSummary(fit).filter((l) => l.label.en !== 'Condition number'),
    ],
    tables: [
      coefficientTable(fit, t('Coefficients (± is one standard error)', 'Hệ số (± là một sai số chuẩn)'), [
        p.intercept,
        p.slope,
      ]),
    ],
    plots,
    notes: regressionNotes(fit),
    data: dataBlock(
      ['hours', 'score'],
      hours.map((h, i) => [h, score[i]]),
    ),
  };
}

/** z tercile cut points of the standard normal (±0.4307), for colouring the scatter. */
const TERCILE = 0.4307272992954576;

export function runConfounder(p: SnippetParams, title: LocalText): SnippetResult {
  const rng = new Random(p.seed);
  const n = p.n;
  const z: number[] = [];
  for (let i = 0; i < n; i++) z.push(round2(rng.normal()));
  const hours: number[] = [];
  for (let i = 0; i < n; i++) hours.push(round1(5 + p.confounding * z[i] + 1.5 * rng.normal()));
  const score: number[] = [];
  for (let i = 0; i < n; i++)
    score.push(round1(50 + p.effect * hours[i] + p.confounderEffect * z[i] + p.noise * rng.normal()));

  const naive = fitLinearRegression(
    hours.map((h) => [h]),
    score,
    { names: ['hours'] },
  );
  const full = fitLinearRegression(
    hours.map((h, i) => [h, z[i]]),
    score,
    { names: ['hours', 'z'] },
  );
  // Omitted-variable bias: the naive slope tends to β1 + γ·Cov(x, z)/Var(x).
  const mx = hours.reduce((a, b) => a + b, 0) / n;
  const mz = z.reduce((a, b) => a + b, 0) / n;
  let cxz = 0;
  let vx = 0;
  for (let i = 0; i < n; i++) {
    cxz += (hours[i] - mx) * (z[i] - mz);
    vx += (hours[i] - mx) ** 2;
  }
  const formulaSample = p.effect + (p.confounderEffect * cxz) / vx;
  const formulaPopulation = p.effect + (p.confounderEffect * p.confounding) / (p.confounding ** 2 + 1.5 ** 2);

  const comparison: Cell[][] = [
    [t('Truth: effect of one hour (β1)', 'Sự thật: tác động của một giờ (β1)'), p.effect, '', ''],
    [
      t('score ~ hours (confounder left out)', 'điểm ~ giờ (bỏ sót biến gây nhiễu)'),
      naive.coefficients[1],
      naive.standardErrors[1],
      naive.rSquared,
    ],
    [t('score ~ hours + z', 'điểm ~ giờ + z'), full.coefficients[1], full.standardErrors[1], full.rSquared],
    [
      t('Formula β1 + γ·Cov(x, z)/Var(x), this sample', 'Công thức β1 + γ·Cov(x, z)/Var(x), mẫu này'),
      formulaSample,
      '',
      '',
    ],
    [t('Same formula, infinite sample', 'Cùng công thức, mẫu vô hạn'), formulaPopulation, '', ''],
  ];
  const groups: { name: LocalText; test: (v: number) => boolean }[] = [
    { name: t('low background knowledge (z < −0.43)', 'kiến thức nền thấp (z < −0,43)'), test: (v) => v < -TERCILE },
    { name: t('middle', 'trung bình'), test: (v) => v >= -TERCILE && v <= TERCILE },
    { name: t('high background knowledge (z > 0.43)', 'kiến thức nền cao (z > 0,43)'), test: (v) => v > TERCILE },
  ];
  const lo = Math.min(...hours);
  const hi = Math.max(...hours);
  const series: PlotSeries[] = groups.map((g, c) => ({
    name: g.name,
    type: 'points',
    points: hours.flatMap((h, i) => (g.test(z[i]) ? [[h, score[i]] as [number, number]] : [])),
    color: c === 0 ? 0 : c === 1 ? 5 : 2,
  }));
  series.push({
    name: t('fit on hours alone', 'hồi quy chỉ theo giờ'),
    type: 'line',
    points: [
      [lo, naive.coefficients[0] + naive.coefficients[1] * lo],
      [hi, naive.coefficients[0] + naive.coefficients[1] * hi],
    ],
    color: 1,
  });
  series.push({
    name: t('true effect of hours at z = 0', 'tác động thật của giờ học khi z = 0'),
    type: 'line',
    points: [
      [lo, 50 + p.effect * lo],
      [hi, 50 + p.effect * hi],
    ],
    dashed: true,
    color: 3,
  });
  const notes: LocalText[] = [...regressionNotes(full)];
  const bias = naive.coefficients[1] - p.effect;
  if (Math.abs(bias) > 2 * naive.standardErrors[1]) {
    notes.push(
      t(
        `The slope on hours alone is off by ${formatNumber(bias)} points per hour, yet its standard error is only ${formatNumber(naive.standardErrors[1])}: a standard error measures sampling noise, not the bias of leaving a variable out.`,
        `Hệ số của giờ học khi hồi quy riêng lệch ${formatNumber(bias)} điểm mỗi giờ, trong khi sai số chuẩn chỉ là ${formatNumber(naive.standardErrors[1])}: sai số chuẩn đo nhiễu lấy mẫu, không đo độ chệch do bỏ sót biến.`,
      ),
    );
  }
  return {
    snippetId: 'study-hours-confounder',
    title,
    params: p,
    summary: [
      { label: t('True effect of one hour β1', 'Tác động thật của một giờ β1'), value: p.effect },
      {
        label: t('Slope on hours alone', 'Hệ số của giờ khi hồi quy riêng'),
        value: `${formatNumber(naive.coefficients[1])} ± ${formatNumber(naive.standardErrors[1])}`,
      },
      {
        label: t('Slope on hours with z in the model', 'Hệ số của giờ khi có z trong mô hình'),
        value: `${formatNumber(full.coefficients[1])} ± ${formatNumber(full.standardErrors[1])}`,
      },
      { label: t('Omitted-variable formula (this sample)', 'Công thức thiếu biến (mẫu này)'), value: formulaSample },
      {
        label: t('R², hours alone / with z', 'R², chỉ giờ / có z'),
        value: `${formatNumber(naive.rSquared)} / ${formatNumber(full.rSquared)}`,
      },
    ],
    tables: [
      {
        title: t('The effect of one hour of study, three ways', 'Tác động của một giờ học, theo ba cách'),
        columns: [
          t('Model', 'Mô hình'),
          t('Slope on hours', 'Hệ số của giờ'),
          t('Std. error', 'Sai số chuẩn'),
          t('R²', 'R²'),
        ],
        rows: comparison,
      },
      coefficientTable(full, t('score ~ hours + z', 'điểm ~ giờ + z'), [50, p.effect, p.confounderEffect]),
    ],
    plots: [
      {
        kind: 'xy',
        id: 'confounder',
        title: t(
          'Score against hours, coloured by background knowledge z',
          'Điểm theo giờ học, tô màu theo kiến thức nền z',
        ),
        xLabel: t('hours', 'giờ học'),
        yLabel: t('score', 'điểm'),
        series,
      },
    ],
    notes,
    data: dataBlock(
      ['z', 'hours', 'score'],
      z.map((v, i) => [v, hours[i], score[i]]),
    ),
  };
}

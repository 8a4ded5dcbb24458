/** Lesson 4: a linear probe on synthetic activations with a planted direction, and its control task. */
import { fitLogisticRegression, predictLogistic } from '../regression/logistic';
import { Random, trainTestSplit } from '../regression/random';
import { formatNumber, t } from './format';
import { Cell, LocalText, ProgressReporter, SnippetParams, SnippetResult } from './types';

/** Noise levels of the sweep, as multiples of the chosen σ (the run at 1× is the main result). */
export const PROBE_NOISE_MULTIPLIERS = [0.25, 0.5, 1, 2, 4];

/** Standard normal CDF Φ(x) (erfc by a Chebyshev fit, relative error below 1.2e-7: enough for a reference curve). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const tt = 1 / (1 + 0.5 * z);
  const erfc =
    tt *
    Math.exp(
      -z * z -
        1.26551223 +
        tt *
          (1.00002368 +
            tt *
              (0.37409196 +
                tt *
                  (0.09678418 +
                    tt *
                      (-0.18628806 +
                        tt *
                          (0.27886807 +
                            tt * (-1.13520398 + tt * (1.48851587 + tt * (-0.82215223 + tt * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

interface ProbeRun {
  sigma: number;
  taskTrain: number;
  taskTest: number;
  controlTrain: number;
  controlTest: number;
  cosine: number;
  iterations: number;
  converged: boolean;
  controlConverged: boolean;
}

function accuracy(probs: number[], labels: number[]): number {
  let c = 0;
  for (let i = 0; i < probs.length; i++) if ((probs[i] >= 0.5 ? 1 : 0) === labels[i]) c++;
  return c / probs.length;
}

export function runLinearProbe(p: SnippetParams, title: LocalText, progress?: ProgressReporter): SnippetResult {
  const rng = new Random(p.seed);
  const d = p.dim;
  const dir: number[] = [];
  for (let j = 0; j < d; j++) dir.push(rng.normal());
  const len = Math.hypot(...dir);
  const u = dir.map((v) => v / len);
  const runs: ProbeRun[] = [];
  PROBE_NOISE_MULTIPLIERS.forEach((mult, level) => {
    const sigma = p.noise * mult;
    const labels: number[] = [];
    for (let i = 0; i < p.n; i++) labels.push(rng.uniform() < 0.5 ? 1 : 0);
    const H: number[][] = [];
    for (let i = 0; i < p.n; i++) {
      const sign = labels[i] === 1 ? 1 : -1;
      const row: number[] = [];
      for (let j = 0; j < d; j++) row.push(sign * p.signal * u[j] + sigma * rng.normal());
      H.push(row);
    }
    const control = rng.shuffled(labels);
    const split = trainTestSplit(p.n, 0.3, p.seed + level);
    const pickRows = <T>(xs: T[], idx: number[]) => idx.map((i) => xs[i]);
    const Htr = pickRows(H, split.train);
    const Hte = pickRows(H, split.test);
    const task = fitLogisticRegression(Htr, pickRows(labels, split.train), { l2: p.l2 });
    const ctrl = fitLogisticRegression(Htr, pickRows(control, split.train), { l2: p.l2 });
    const w = task.coefficients.slice(1);
    const wn = Math.hypot(...w);
    runs.push({
      sigma,
      taskTrain: accuracy(predictLogistic(task, Htr), pickRows(labels, split.train)),
      taskTest: accuracy(predictLogistic(task, Hte), pickRows(labels, split.test)),
      controlTrain: accuracy(predictLogistic(ctrl, Htr), pickRows(control, split.train)),
      controlTest: accuracy(predictLogistic(ctrl, Hte), pickRows(control, split.test)),
      cosine: wn > 0 ? w.reduce((a, v, j) => a + v * u[j], 0) / wn : 0,
      iterations: task.convergence.iterations,
      converged: task.convergence.converged,
      controlConverged: ctrl.convergence.converged,
    });
    progress?.((level + 1) / PROBE_NOISE_MULTIPLIERS.length);
  });
  const main = runs[PROBE_NOISE_MULTIPLIERS.indexOf(1)];
  const bayes = (sigma: number) => normalCdf(p.signal / sigma);
  const notes: LocalText[] = [];
  const failed = runs.filter((r) => !r.converged || !r.controlConverged);
  if (failed.length) {
    notes.push(
      t(
        `The probe did not converge at σ = ${failed.map((r) => formatNumber(r.sigma)).join(', ')} (without an L2 penalty, separable training data send the weights to infinity): raise λ.`,
        `Đầu dò không hội tụ tại σ = ${failed.map((r) => formatNumber(r.sigma)).join(', ')} (không có phạt L2, dữ liệu huấn luyện tách được khiến trọng số tiến ra vô cùng): hãy tăng λ.`,
      ),
    );
  }
  if (main.controlTrain - main.controlTest > 0.1) {
    notes.push(
      t(
        `On shuffled labels the probe still scores ${formatNumber(main.controlTrain)} on its own training data but ${formatNumber(main.controlTest)} on held-out data: with ${d} dimensions it can memorise noise, which is why accuracy is measured on held-out data.`,
        `Với nhãn xáo trộn, đầu dò vẫn đạt ${formatNumber(main.controlTrain)} trên chính dữ liệu huấn luyện nhưng chỉ ${formatNumber(main.controlTest)} trên dữ liệu giữ lại: với ${d} chiều nó có thể học thuộc nhiễu, vì vậy độ chính xác phải đo trên dữ liệu giữ lại.`,
      ),
    );
  }
  const rows: Cell[][] = runs.map((r) => [
    r.sigma,
    r.taskTrain,
    r.taskTest,
    r.controlTrain,
    r.controlTest,
    r.taskTest - r.controlTest,
    r.cosine,
    bayes(r.sigma),
  ]);
  return {
    snippetId: 'linear-probe',
    title,
    params: p,
    summary: [
      {
        label: t('Held-out accuracy, true labels', 'Độ chính xác trên dữ liệu giữ lại, nhãn thật'),
        value: main.taskTest,
      },
      {
        label: t(
          'Held-out accuracy, shuffled labels (baseline for a control task)',
          'Độ chính xác trên dữ liệu giữ lại, nhãn xáo trộn (mốc thay cho tác vụ đối chứng)',
        ),
        value: main.controlTest,
      },
      { label: t('Selectivity (difference)', 'Độ chọn lọc (hiệu số)'), value: main.taskTest - main.controlTest },
      { label: t('Best possible accuracy Φ(s/σ)', 'Độ chính xác tốt nhất có thể Φ(s/σ)'), value: bayes(main.sigma) },
      { label: t('cos(probe weights, planted direction)', 'cos(trọng số đầu dò, hướng cài sẵn)'), value: main.cosine },
      {
        label: t('Probe fit (Newton, L2 λ)', 'Khớp đầu dò (Newton, L2 λ)'),
        value: main.converged
          ? t(`converged in ${main.iterations} iterations`, `hội tụ sau ${main.iterations} vòng lặp`)
          : t(`did not converge (${main.iterations} iterations)`, `không hội tụ (${main.iterations} vòng lặp)`),
      },
    ],
    tables: [
      {
        title: t(
          'Accuracy against noise (train 70%, held-out 30%)',
          'Độ chính xác theo mức nhiễu (huấn luyện 70%, giữ lại 30%)',
        ),
        columns: [
          t('σ', 'σ'),
          t('Task, train', 'Tác vụ, huấn luyện'),
          t('Task, held-out', 'Tác vụ, giữ lại'),
          t('Control, train', 'Đối chứng, huấn luyện'),
          t('Control, held-out', 'Đối chứng, giữ lại'),
          t('Selectivity', 'Độ chọn lọc'),
          t('cos(w, u)', 'cos(w, u)'),
          t('Φ(s/σ)', 'Φ(s/σ)'),
        ],
        rows,
      },
    ],
    plots: [
      {
        kind: 'xy',
        id: 'probe-noise',
        title: t(
          'Held-out probe accuracy against noise',
          'Độ chính xác của đầu dò trên dữ liệu giữ lại theo mức nhiễu',
        ),
        xLabel: t('noise σ (log scale)', 'nhiễu σ (thang log)'),
        yLabel: t('accuracy', 'độ chính xác'),
        xScale: 'log10',
        yDomain: [0, 1],
        hLines: [0.5],
        series: [
          { name: t('true labels', 'nhãn thật'), type: 'line', points: runs.map((r) => [r.sigma, r.taskTest]) },
          {
            name: t('shuffled labels (baseline)', 'nhãn xáo trộn (mốc so sánh)'),
            type: 'line',
            points: runs.map((r) => [r.sigma, r.controlTest]),
            color: 1,
          },
          {
            name: t('best possible Φ(s/σ)', 'tốt nhất có thể Φ(s/σ)'),
            type: 'line',
            points: runs.map((r) => [r.sigma, bayes(r.sigma)]),
            dashed: true,
            color: 3,
          },
        ],
      },
    ],
    notes,
  };
}

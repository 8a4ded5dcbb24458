/** Lessons 1 and 5: PCA directions against planted ground-truth directions. */
import { pca } from '../regression/pca';
import { Random } from '../regression/random';
import { SnippetConstraintError } from './errors';
import { formatNumber, t } from './format';
import { Cell, LocalText, SnippetParams, SnippetResult } from './types';

function unit(v: number[]): number[] {
  const len = Math.hypot(...v);
  return v.map((x) => x / len);
}

export function runPcaVsTruth(p: SnippetParams, title: LocalText): SnippetResult {
  const d = p.dim;
  const k = p.features;
  if (k + 1 > d) {
    throw new SnippetConstraintError(
      'pca-vs-ground-truth',
      t(
        `Plant fewer features than dimensions: k = ${k} needs d > ${k}, but d = ${d}.`,
        `Số đặc trưng cài sẵn phải ít hơn số chiều: k = ${k} cần d > ${k}, nhưng d = ${d}.`,
      ),
    );
  }
  const rng = new Random(p.seed);
  const draw = () => Array.from({ length: d }, () => rng.normal());
  // Orthonormal g_1..g_k and a shared direction s (modified Gram–Schmidt), then
  // w_j = √(1−c)·g_j + √c·s, so every pair of planted directions has cosine exactly c.
  const basis: number[][] = [];
  for (let j = 0; j <= k; j++) {
    const v = draw();
    for (const q of basis) {
      const proj = v.reduce((acc, x, r) => acc + x * q[r], 0);
      for (let r = 0; r < d; r++) v[r] -= proj * q[r];
    }
    basis.push(unit(v));
  }
  const shared = basis[k];
  const a = Math.sqrt(1 - p.overlap);
  const b = Math.sqrt(p.overlap);
  const planted = basis.slice(0, k).map((g) => g.map((x, r) => a * x + b * shared[r]));
  const sd = planted.map((_, j) => Math.pow(p.varianceRatio, -j / 2));
  const X: number[][] = [];
  for (let i = 0; i < p.n; i++) {
    const x = new Array<number>(d).fill(0);
    for (let j = 0; j < k; j++) {
      const c = sd[j] * rng.normal();
      for (let r = 0; r < d; r++) x[r] += c * planted[j][r];
    }
    for (let r = 0; r < d; r++) x[r] += p.noise * rng.normal();
    X.push(x);
  }
  const res = pca(X);
  const cos = (u: number[], w: number[]) => Math.abs(u.reduce((s, x, r) => s + x * w[r], 0));
  const top = res.components.slice(0, k);
  const matrix = top.map((pc) => planted.map((w) => cos(pc, w)));
  let overlapSum = 0;
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) overlapSum += cos(planted[i], planted[j]);
  const meanOverlap = k > 1 ? overlapSum / ((k * (k - 1)) / 2) : 0;
  const best = planted.map((_, j) => {
    let bi = 0;
    for (let i = 1; i < k; i++) if (matrix[i][j] > matrix[bi][j]) bi = i;
    return { pc: bi, value: matrix[bi][j] };
  });
  const rows: Cell[][] = planted.map((_, j) => [
    `w${j + 1}`,
    sd[j] ** 2,
    best[j].value,
    `PC${best[j].pc + 1}`,
    matrix[j]?.[j] ?? 0,
  ]);
  const meanBest = best.reduce((s, x) => s + x.value, 0) / k;
  const shown = Math.min(d, 2 * k + 2);
  const notes: LocalText[] = [];
  if (p.varianceRatio < 1.2) {
    notes.push(
      t(
        'The planted features have nearly equal variance, so any rotation of them inside their plane explains the data equally well: PCA picks one arbitrarily.',
        'Các đặc trưng cài sẵn có phương sai gần bằng nhau, nên mọi phép quay của chúng trong mặt phẳng chung đều giải thích dữ liệu tốt như nhau: PCA chọn tùy ý một hướng.',
      ),
    );
  }
  if (meanOverlap > 0.2) {
    notes.push(
      t(
        `The planted directions overlap (mean |cos| ${formatNumber(meanOverlap)}), but principal components are always orthogonal, so they cannot all match.`,
        `Các hướng cài sẵn chồng lấn nhau (trung bình |cos| ${formatNumber(meanOverlap)}), nhưng các thành phần chính luôn trực giao nên không thể trùng hết.`,
      ),
    );
  }
  return {
    snippetId: 'pca-vs-ground-truth',
    title,
    params: p,
    summary: [
      {
        label: t(
          '|cos(PC1, w1)|: first component against the strongest feature',
          '|cos(PC1, w1)|: thành phần thứ nhất so với đặc trưng mạnh nhất',
        ),
        value: matrix[0][0],
      },
      {
        label: t('Mean best |cos| over planted features', 'Trung bình |cos| tốt nhất trên các đặc trưng cài sẵn'),
        value: meanBest,
      },
      {
        label: t('Mean |cos| between planted directions', 'Trung bình |cos| giữa các hướng cài sẵn'),
        value: meanOverlap,
      },
      {
        label: t(`Variance explained by the first ${k} components`, `Phương sai giải thích bởi ${k} thành phần đầu`),
        value: res.explainedVarianceRatio.slice(0, k).reduce((s, v) => s + v, 0),
      },
    ],
    tables: [
      {
        title: t(
          'Each planted direction and its best-matching principal component',
          'Mỗi hướng cài sẵn và thành phần chính khớp nhất',
        ),
        columns: [
          t('Planted', 'Cài sẵn'),
          t('Variance', 'Phương sai'),
          t('Best |cos|', '|cos| tốt nhất'),
          t('Best component', 'Thành phần khớp nhất'),
          t('|cos| with the component of the same rank', '|cos| với thành phần cùng hạng'),
        ],
        rows,
      },
    ],
    plots: [
      {
        kind: 'heatmap',
        id: 'pca-cosines',
        title: t(
          '|cos| between principal components and planted directions',
          '|cos| giữa thành phần chính và hướng cài sẵn',
        ),
        xLabel: t('planted direction', 'hướng cài sẵn'),
        yLabel: t('principal component', 'thành phần chính'),
        rowLabels: top.map((_, i) => `PC${i + 1}`),
        columnLabels: planted.map((_, j) => `w${j + 1}`),
        values: matrix,
        min: 0,
        max: 1,
      },
      {
        kind: 'xy',
        id: 'pca-scree',
        title: t('Share of variance per component', 'Tỉ lệ phương sai của từng thành phần'),
        xLabel: t('component', 'thành phần'),
        yLabel: t('share of variance', 'tỉ lệ phương sai'),
        series: [
          {
            name: t('explained variance ratio', 'tỉ lệ phương sai giải thích'),
            type: 'line',
            points: Array.from(
              { length: shown },
              (_, i) => [i + 1, res.explainedVarianceRatio[i] ?? 0] as [number, number],
            ),
          },
        ],
      },
    ],
    notes,
  };
}

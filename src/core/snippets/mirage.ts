/** Lesson 5: the emergence "mirage" — exact match p^k against per-token accuracy p. */
import { Random } from '../regression/random';
import { SnippetConstraintError } from './errors';
import { formatNumber, t } from './format';
import { Cell, LocalText, SnippetParams, SnippetResult } from './types';

export function runMirage(p: SnippetParams, title: LocalText): SnippetResult {
  if (p.pMin >= p.pMax) {
    throw new SnippetConstraintError(
      'emergence-mirage',
      t(
        `The smallest model must be less accurate than the largest: ${p.pMin} ≥ ${p.pMax}.`,
        `Mô hình nhỏ nhất phải kém chính xác hơn mô hình lớn nhất: ${p.pMin} ≥ ${p.pMax}.`,
      ),
    );
  }
  const rng = new Random(p.seed);
  const M = p.models;
  const models = Array.from({ length: M }, (_, i) => {
    const frac = i / (M - 1);
    const logN = 7 + 4 * frac;
    const acc = p.pMin + (p.pMax - p.pMin) * frac;
    const em = Math.pow(acc, p.k);
    let correct = 0;
    for (let q = 0; q < p.questions; q++) if (rng.uniform() < em) correct++;
    return { logN, p: acc, em, sampled: correct / p.questions, wrong: p.k * (1 - acc) };
  });
  const threshold = Math.pow(0.5, 1 / p.k);
  const firstHalf = models.find((m) => m.sampled >= 0.5);
  const rows: Cell[][] = models.map((m) => [`1e${formatNumber(m.logN, 3)}`, m.p, m.em, m.sampled, m.wrong]);
  return {
    snippetId: 'emergence-mirage',
    title,
    params: p,
    summary: [
      {
        label: t('Exact match passes 0.5 when p ≥ 0.5^(1/k)', 'Exact match vượt 0,5 khi p ≥ 0,5^(1/k)'),
        value: threshold,
      },
      {
        label: t(
          'First model whose sampled exact match reaches 0.5',
          'Mô hình đầu tiên có exact match lấy mẫu đạt 0,5',
        ),
        value: firstHalf
          ? t(
              `10^${formatNumber(firstHalf.logN, 3)} parameters (p = ${formatNumber(firstHalf.p)})`,
              `10^${formatNumber(firstHalf.logN, 3)} tham số (p = ${formatNumber(firstHalf.p)})`,
            )
          : t('none in this range', 'không có trong khoảng này'),
      },
      {
        label: t('Exact match, smallest → largest model', 'Exact match, mô hình nhỏ nhất → lớn nhất'),
        value: `${formatNumber(models[0].em)} → ${formatNumber(models[M - 1].em)}`,
      },
      {
        label: t('Per-token accuracy, smallest → largest model', 'Độ chính xác theo token, nhỏ nhất → lớn nhất'),
        value: `${formatNumber(models[0].p)} → ${formatNumber(models[M - 1].p)}`,
      },
    ],
    tables: [
      {
        title: t(
          'Per model (errors assumed independent across tokens)',
          'Theo từng mô hình (giả sử lỗi độc lập giữa các token)',
        ),
        columns: [
          t('Parameters', 'Số tham số'),
          t('Per-token accuracy p', 'Độ chính xác theo token p'),
          t('Exact match p^k', 'Exact match p^k'),
          t(`Sampled exact match (${p.questions} questions)`, `Exact match lấy mẫu (${p.questions} câu hỏi)`),
          t('Expected wrong tokens k(1 − p)', 'Số token sai kỳ vọng k(1 − p)'),
        ],
        rows,
      },
    ],
    plots: [
      {
        kind: 'xy',
        id: 'mirage-accuracy',
        title: t(
          'Smooth per-token accuracy, sudden exact match',
          'Độ chính xác theo token tăng đều, exact match tăng đột ngột',
        ),
        xLabel: t('model size (log10 parameters)', 'kích thước mô hình (log10 số tham số)'),
        yLabel: t('accuracy', 'độ chính xác'),
        yDomain: [0, 1],
        hLines: [0.5],
        series: [
          {
            name: t('per-token accuracy p', 'độ chính xác theo token p'),
            type: 'line',
            points: models.map((m) => [m.logN, m.p]),
          },
          {
            name: t('exact match p^k', 'exact match p^k'),
            type: 'line',
            points: models.map((m) => [m.logN, m.em]),
            color: 1,
          },
          {
            name: t('sampled exact match', 'exact match lấy mẫu'),
            type: 'points',
            points: models.map((m) => [m.logN, m.sampled]),
            color: 1,
          },
        ],
      },
      {
        kind: 'xy',
        id: 'mirage-partial-credit',
        title: t('The same models scored with partial credit', 'Cùng các mô hình, chấm theo điểm từng phần'),
        xLabel: t('model size (log10 parameters)', 'kích thước mô hình (log10 số tham số)'),
        yLabel: t('expected wrong tokens k(1 − p)', 'số token sai kỳ vọng k(1 − p)'),
        series: [
          {
            name: t('expected wrong tokens', 'số token sai kỳ vọng'),
            type: 'line',
            points: models.map((m) => [m.logN, m.wrong]),
            color: 2,
          },
        ],
      },
    ],
    notes: [] as LocalText[],
  };
}

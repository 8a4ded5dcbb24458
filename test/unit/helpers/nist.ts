import * as fs from 'fs';
import * as path from 'path';

/** One NIST StRD linear regression dataset with its certified values (test/fixtures/nist/*.dat). */
export interface NistDataset {
  name: string;
  X: number[][];
  y: number[];
  intercept: boolean;
  certified: { coefficients: number[]; standardErrors: number[]; residualSD: number; rSquared: number };
}

/** The models NIST certifies: polynomial degree for one-predictor sets, or all columns (Longley). */
const MODELS: Record<string, { intercept: boolean; degree?: number }> = {
  Norris: { intercept: true, degree: 1 },
  Pontius: { intercept: true, degree: 2 },
  NoInt1: { intercept: false, degree: 1 },
  NoInt2: { intercept: false, degree: 1 },
  Filip: { intercept: true, degree: 10 },
  Longley: { intercept: true },
  Wampler1: { intercept: true, degree: 5 },
  Wampler2: { intercept: true, degree: 5 },
  Wampler3: { intercept: true, degree: 5 },
  Wampler4: { intercept: true, degree: 5 },
  Wampler5: { intercept: true, degree: 5 },
};

export const NIST_NAMES = Object.keys(MODELS);

export function loadNist(name: string): NistDataset {
  const text = fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'nist', `${name}.dat`), 'utf8');
  const lines = text.split(/\r?\n/);
  const coefficients: number[] = [];
  const standardErrors: number[] = [];
  let residualSD = NaN;
  let rSquared = NaN;
  let dataStart = -1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    let m = /^\s*B\d+\s+(\S+)\s+(\S+)\s*$/.exec(l);
    if (m) {
      coefficients.push(Number(m[1]));
      standardErrors.push(Number(m[2]));
      continue;
    }
    m = /^\s*Standard Deviation\s+(\S+)\s*$/.exec(l);
    if (m) residualSD = Number(m[1]);
    m = /^\s*R-Squared\s+(\S+)\s*$/.exec(l);
    if (m) rSquared = Number(m[1]);
    if (/^Data:\s+y\b/.test(l)) dataStart = i + 1;
  }
  const rows = lines
    .slice(dataStart)
    .filter((l) => l.trim())
    .map((l) => l.trim().split(/\s+/).map(Number));
  const model = MODELS[name];
  const y = rows.map((r) => r[0]);
  const X = rows.map((r) => {
    if (model.degree === undefined) return r.slice(1);
    const x = r[1];
    return Array.from({ length: model.degree }, (_, d) => x ** (d + 1));
  });
  return { name, X, y, intercept: model.intercept, certified: { coefficients, standardErrors, residualSD, rSquared } };
}

/** Log relative error (digits correct); against a certified 0 the absolute error is used, as NIST does. */
export function lre(value: number, certified: number): number {
  if (value === certified) return 15;
  const err = certified === 0 ? Math.abs(value) : Math.abs(value - certified) / Math.abs(certified);
  return Math.min(15, -Math.log10(err));
}

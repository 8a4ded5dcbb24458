/**
 * "Open as Python": an equivalent numpy script for each snippet. The script carries a port of the
 * extension's random generator (xoshiro128** + Box–Muller), so it regenerates the very same data
 * and prints the same numbers (up to the last digits of floating point).
 */
import { findSnippet, resolveParams } from './catalogue';
import { PROBE_NOISE_MULTIPLIERS } from './probe';
import { RELU_BIASES, SPARSITY_LEVELS } from './superposition';
import { RegressionExport, SnippetParams } from './types';

/** Rows of user data embedded in a script; beyond this the script reads the CSV file instead. */
export const PYTHON_INLINE_ROWS = 5000;

const PRELUDE = `import math

import numpy as np

M32 = 0xFFFFFFFF


def rotl(x, k):
    return ((x << k) | (x >> (32 - k))) & M32


class Random:
    """xoshiro128** seeded through splitmix32: the same numbers as the Interp Lessons extension."""

    def __init__(self, seed):
        x = seed & M32
        self.s = []
        for _ in range(4):
            x = (x + 0x9E3779B9) & M32
            z = x
            z = ((z ^ (z >> 16)) * 0x85EBCA6B) & M32
            z = ((z ^ (z >> 13)) * 0xC2B2AE35) & M32
            self.s.append(z ^ (z >> 16))
        self.spare = None

    def next_uint32(self):
        s = self.s
        result = (rotl((s[1] * 5) & M32, 7) * 9) & M32
        t = (s[1] << 9) & M32
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 11)
        return result

    def uniform(self):
        a = self.next_uint32() >> 5
        b = self.next_uint32() >> 6
        return (a * 67108864 + b) / 9007199254740992

    def normal(self):
        if self.spare is not None:
            s, self.spare = self.spare, None
            return s
        u1 = 1 - self.uniform()
        u2 = self.uniform()
        r = math.sqrt(-2 * math.log(u1))
        self.spare = r * math.sin(2 * math.pi * u2)
        return r * math.cos(2 * math.pi * u2)

    def int(self, n):
        return math.floor(self.uniform() * n)

    def shuffled(self, xs):
        a = list(xs)
        for i in range(len(a) - 1, 0, -1):
            j = self.int(i + 1)
            a[i], a[j] = a[j], a[i]
        return a


def train_test_split(n, test_fraction, seed):
    order = Random(seed).shuffled(range(n))
    n_test = min(n - 1, max(1, math.floor(n * test_fraction + 0.5)))
    return sorted(order[n_test:]), sorted(order[:n_test])
`;

const OLS = `

def ols(X, y, names, intercept=True):
    """Least squares by QR (numpy), with standard errors, t, p (if scipy is installed) and R²."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    A = np.column_stack([np.ones(len(y)), X]) if intercept else X
    beta, *_ = np.linalg.lstsq(A, y, rcond=None)
    resid = y - A @ beta
    df = len(y) - A.shape[1]
    sigma = math.sqrt(resid @ resid / df)
    _, R = np.linalg.qr(A)
    Rinv = np.linalg.inv(R)
    se = sigma * np.sqrt((Rinv ** 2).sum(axis=1))
    tstat = beta / se
    sst = ((y - y.mean()) ** 2).sum() if intercept else (y ** 2).sum()
    r2 = 1 - (resid @ resid) / sst
    try:
        from scipy import stats
        p = 2 * stats.t.sf(np.abs(tstat), df)
    except ImportError:
        p = [float("nan")] * len(beta)
    labels = (["(Intercept)"] if intercept else []) + list(names)
    print(f"{'term':<14}{'estimate':>12}{'std. error':>12}{'t':>10}{'p':>11}")
    for row in zip(labels, beta, se, tstat, p):
        print(f"{row[0]:<14}{row[1]:>12.4g}{row[2]:>12.4g}{row[3]:>10.4g}{row[4]:>11.3g}")
    print(f"R² = {r2:.4g}, residual standard deviation = {sigma:.4g}, n = {len(y)}")
    return beta, se, r2, resid
`;

const LOGISTIC = `

def sigmoid(z):
    return np.where(z >= 0, 1 / (1 + np.exp(-np.abs(z))), np.exp(-np.abs(z)) / (1 + np.exp(-np.abs(z))))


def fit_logistic(X, y, l2, max_iter=100, tol=1e-10):
    """Newton's method with step halving; the intercept (first column) is not penalised."""
    A = np.column_stack([np.ones(len(y)), X])
    y = np.asarray(y, dtype=float)
    p = A.shape[1]
    pen = np.full(p, l2)
    pen[0] = 0.0

    def objective(b):
        e = A @ b
        return float(np.sum(y * e - np.logaddexp(0, e)) - 0.5 * np.sum(pen * b * b))

    beta = np.zeros(p)
    ll = objective(beta)
    for it in range(1, max_iter + 1):
        mu = sigmoid(A @ beta)
        w = np.maximum(mu * (1 - mu), 1e-12)
        grad = A.T @ (y - mu) - pen * beta
        H = A.T @ (A * w[:, None]) + np.diag(pen)
        step = np.linalg.solve(H, grad)
        t = 1.0
        for _ in range(40):
            nxt = beta + t * step
            nll = objective(nxt)
            if nll >= ll - 1e-12 * abs(ll):
                break
            t /= 2
        change = abs(nll - ll)
        beta, prev, ll = nxt, ll, nll
        if change <= tol * (abs(prev) + 1):
            return beta, it, True
    return beta, max_iter, False


def accuracy(beta, X, y):
    probs = sigmoid(np.column_stack([np.ones(len(y)), X]) @ beta)
    return float(np.mean((probs >= 0.5).astype(int) == np.asarray(y)))
`;

function paramsBlock(p: SnippetParams): string {
  return Object.entries(p)
    .map(([k, v]) => `${k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)} = ${String(v)}`)
    .join('\n');
}

function header(title: string, id: string): string {
  return `"""${title}

Generated by Interp Lessons ("Open as Python") from the snippet '${id}'.
Needs numpy; scipy (p-values) and matplotlib (plots) are optional.
"""
`;
}

const PLOT_TRY = (body: string) => `

try:
    import matplotlib.pyplot as plt
except ImportError:
    plt = None
if plt is not None:
${body
  .trim()
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
    plt.show()
`;

const BODIES: Record<string, (p: SnippetParams) => string> = {
  'study-hours': () => `${OLS}

rng = Random(seed)
hours = [math.floor(10 * rng.uniform() * 10 + 0.5) / 10 for _ in range(n)]
score = [math.floor((intercept + slope * h + noise * rng.normal()) * 10 + 0.5) / 10 for h in hours]
beta, se, r2, resid = ols(np.array(hours)[:, None], score, ["hours"])
print(f"true β0 = {intercept}, true β1 = {slope}")
${PLOT_TRY(`
fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
a.scatter(hours, score, s=12)
xs = np.array([min(hours), max(hours)])
a.plot(xs, beta[0] + beta[1] * xs, label="fitted line")
a.plot(xs, intercept + slope * xs, "--", label="true line")
a.set_xlabel("hours"); a.set_ylabel("score"); a.legend()
b.scatter(hours, resid, s=12); b.axhline(0, ls=":")
b.set_xlabel("hours"); b.set_ylabel("residual")`)}`,

  'study-hours-confounder': () => `${OLS}

def round_to(x, places):
    f = 10 ** places
    return math.floor(x * f + 0.5) / f


rng = Random(seed)
z = [round_to(rng.normal(), 2) for _ in range(n)]
hours = [round_to(5 + confounding * zi + 1.5 * rng.normal(), 1) for zi in z]
score = [round_to(50 + effect * h + confounder_effect * zi + noise * rng.normal(), 1) for h, zi in zip(hours, z)]
print("score ~ hours (confounder left out)")
naive, *_ = ols(np.array(hours)[:, None], score, ["hours"])
print("\\nscore ~ hours + z")
full, *_ = ols(np.column_stack([hours, z]), score, ["hours", "z"])
x, zz = np.array(hours), np.array(z)
formula = effect + confounder_effect * np.sum((x - x.mean()) * (zz - zz.mean())) / np.sum((x - x.mean()) ** 2)
print(f"\\ntrue effect β1 = {effect}; omitted-variable formula β1 + γ·Cov(x, z)/Var(x) = {formula:.4g}")
${PLOT_TRY(`
plt.scatter(hours, score, c=z, s=12, cmap="coolwarm")
xs = np.array([min(hours), max(hours)])
plt.plot(xs, naive[0] + naive[1] * xs, label="fit on hours alone")
plt.plot(xs, 50 + effect * xs, "--", label="true effect at z = 0")
plt.colorbar(label="background knowledge z"); plt.xlabel("hours"); plt.ylabel("score"); plt.legend()`)}`,

  'linear-probe': () => `${LOGISTIC}

rng = Random(seed)
u = np.array([rng.normal() for _ in range(dim)])
u /= math.hypot(*u)
rows = []
for level, mult in enumerate(${JSON.stringify(PROBE_NOISE_MULTIPLIERS)}):
    sigma = noise * mult
    labels = [1 if rng.uniform() < 0.5 else 0 for _ in range(n)]
    H = np.array([[(1 if lab == 1 else -1) * signal * u[j] + sigma * rng.normal() for j in range(dim)] for lab in labels])
    control = rng.shuffled(labels)
    train, test = train_test_split(n, 0.3, seed + level)
    y, c = np.array(labels), np.array(control)
    task, iters, ok = fit_logistic(H[train], y[train], l2)
    ctrl, _, _ = fit_logistic(H[train], c[train], l2)
    w = task[1:]
    cos = float(w @ u / np.linalg.norm(w)) if np.linalg.norm(w) > 0 else 0.0
    bayes = 0.5 * math.erfc(-signal / sigma / math.sqrt(2))
    rows.append((sigma, accuracy(task, H[train], y[train]), accuracy(task, H[test], y[test]),
                 accuracy(ctrl, H[train], c[train]), accuracy(ctrl, H[test], c[test]), cos, bayes, iters, ok))
print(f"{'sigma':>7}{'task train':>11}{'task test':>10}{'ctrl train':>11}{'ctrl test':>10}{'select.':>9}{'cos(w,u)':>9}{'Φ(s/σ)':>8}")
for r in rows:
    print(f"{r[0]:>7.3g}{r[1]:>11.4g}{r[2]:>10.4g}{r[3]:>11.4g}{r[4]:>10.4g}{r[2] - r[4]:>9.4g}{r[5]:>9.4g}{r[6]:>8.4g}")
${PLOT_TRY(`
sig = [r[0] for r in rows]
plt.semilogx(sig, [r[2] for r in rows], "o-", label="true labels")
plt.semilogx(sig, [r[4] for r in rows], "o-", label="shuffled labels (baseline)")
plt.semilogx(sig, [r[6] for r in rows], "--", label="best possible Φ(s/σ)")
plt.axhline(0.5, ls=":"); plt.ylim(0, 1); plt.xlabel("noise σ"); plt.ylabel("held-out accuracy"); plt.legend()`)}`,

  'superposition-readout': () => `

rng = Random(seed)
W = []
for f in range(features):
    v = [rng.normal() for _ in range(dims)]
    length = math.hypot(*v)
    W.append([x / length for x in v])
W = np.array(W).T  # dims × features, column f is feature f's direction
I = importance ** np.arange(features)  # importance of feature i: r^i (Elhage et al. 2022)
N, half = samples, samples // 2
biases = ${JSON.stringify(RELU_BIASES)}
rows = []
for S in ${JSON.stringify(SPARSITY_LEVELS)}:
    X = np.zeros((N, features))
    for i in range(N):
        for f in range(features):
            if rng.uniform() < 1 - S:
                X[i, f] = rng.uniform()
    H = X @ W.T
    A = np.column_stack([np.ones(half), H[:half]])
    B, *_ = np.linalg.lstsq(A, X[:half], rcond=None)
    pred = np.column_stack([np.ones(N - half), H[half:]]) @ B
    energy = np.sum(I * X[half:] ** 2)
    linear = np.sum(I * (X[half:] - pred) ** 2) / energy if energy > 0 else float("nan")
    P = H @ W  # w_fᵀ h for every sample and feature
    errs = [np.sum(I * (X[:half] - np.maximum(0, P[:half] + b)) ** 2) for b in biases]
    b = biases[int(np.argmin(errs))]
    relu = np.sum(I * (X[half:] - np.maximum(0, P[half:] + b)) ** 2) / energy if energy > 0 else float("nan")
    rows.append((S, np.count_nonzero(X) / N, linear, relu, b))
print(f"{'sparsity':>9}{'active/sample':>14}{'linear LS':>11}{'ReLU':>9}{'bias':>7}")
for r in rows:
    print(f"{r[0]:>9.3g}{r[1]:>14.4g}{r[2]:>11.4g}{r[3]:>9.4g}{r[4]:>7.3g}")
${PLOT_TRY(`
plt.plot([r[0] for r in rows], [r[2] for r in rows], "o-", label="linear least squares")
plt.plot([r[0] for r in rows], [r[3] for r in rows], "o-", label="ReLU(wᵀh + b)")
plt.xlabel("sparsity S"); plt.ylabel("relative error Σ I_i (f_i − f̂_i)² / Σ I_i f_i²"); plt.legend()`)}`,

  'pca-vs-ground-truth': () => `

def unit(v):
    v = np.asarray(v, dtype=float)
    return v / math.hypot(*v)


rng = Random(seed)
basis = []
for j in range(features + 1):
    v = [rng.normal() for _ in range(dim)]
    for q in basis:
        proj = sum(x * qr for x, qr in zip(v, q))
        v = [x - proj * qr for x, qr in zip(v, q)]
    basis.append(unit(v))
shared = basis[features]
a, b = math.sqrt(1 - overlap), math.sqrt(overlap)
planted = np.array([a * g + b * shared for g in basis[:features]])
sd = [variance_ratio ** (-j / 2) for j in range(features)]
X = np.zeros((n, dim))
for i in range(n):
    for j in range(features):
        X[i] += sd[j] * rng.normal() * planted[j]
    X[i] += np.array([noise * rng.normal() for _ in range(dim)])
Xc = X - X.mean(axis=0)
_, s, Vt = np.linalg.svd(Xc, full_matrices=False)
ratio = s ** 2 / np.sum(s ** 2)
cos = np.abs(Vt[:features] @ planted.T)  # rows: components, columns: planted directions
np.set_printoptions(precision=3, suppress=True)
print("|cos| between principal components (rows) and planted directions (columns):")
print(cos)
print("variance explained by each component:", ratio[: 2 * features + 2])
${PLOT_TRY(`
plt.imshow(cos, vmin=0, vmax=1, cmap="Blues")
plt.colorbar(label="|cos|"); plt.xlabel("planted direction"); plt.ylabel("principal component")`)}`,

  'emergence-mirage': () => `

rng = Random(seed)
rows = []
for i in range(models):
    frac = i / (models - 1)
    log_n = 7 + 4 * frac
    p = p_min + (p_max - p_min) * frac
    em = p ** k
    correct = sum(1 for _ in range(questions) if rng.uniform() < em)
    rows.append((log_n, p, em, correct / questions, k * (1 - p)))
print(f"exact match passes 0.5 when p >= 0.5 ** (1 / k) = {0.5 ** (1 / k):.4g}")
print(f"{'log10 N':>8}{'p':>8}{'p^k':>11}{'sampled':>9}{'k(1-p)':>8}")
for r in rows:
    print(f"{r[0]:>8.3g}{r[1]:>8.4g}{r[2]:>11.4g}{r[3]:>9.4g}{r[4]:>8.4g}")
${PLOT_TRY(`
fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
x = [r[0] for r in rows]
a.plot(x, [r[1] for r in rows], "o-", label="per-token accuracy p")
a.plot(x, [r[2] for r in rows], "-", label="exact match p^k")
a.plot(x, [r[3] for r in rows], "o", label="sampled exact match")
a.axhline(0.5, ls=":"); a.set_ylim(0, 1); a.set_xlabel("log10 parameters"); a.legend()
b.plot(x, [r[4] for r in rows], "o-"); b.set_xlabel("log10 parameters"); b.set_ylabel("expected wrong tokens k(1 − p)")`)}`,
};

/** Python string literal for arbitrary text (JSON string syntax is valid Python). */
function pyString(s: string): string {
  return JSON.stringify(s);
}

function csvField(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * An equivalent numpy script for a snippet run (same parameters, same random numbers), or for a
 * regression on the user's data (`data`; with `file`, rows beyond PYTHON_INLINE_ROWS are read from it).
 * `fileSource` is where the file really is when that is not a path on this disk (a virtual workspace's URI).
 */
export function toPythonScript(
  snippetId: string,
  params: Partial<SnippetParams> = {},
  user?: { data: RegressionExport; file?: string; fileSource?: string },
): string {
  if (snippetId === 'regression') {
    if (!user) throw new Error('toPythonScript("regression") needs the data.');
    const { data, file } = user;
    const columns = [...data.predictors, data.response];
    const X = data.X;
    const y = data.y;
    if ((!X || !y) && !file) throw new Error('toPythonScript("regression") needs the rows or the file they came from.');
    const source =
      X && y && (X.length <= PYTHON_INLINE_ROWS || !file)
        ? `DATA = ${pyString([columns.map(csvField).join(','), ...X.map((r, i) => [...r, y[i]].join(','))].join('\n'))}\nrows = list(csv.reader(io.StringIO(DATA)))`
        : `# The workspace file the regression read (comma separated, "." decimals).\n${user.fileSource ? `# It was read from ${user.fileSource.replace(/[\r\n]/g, ' ')}, not from this disk: save a copy at the path below first.\n` : ''}with open(${pyString(file!)}, newline="") as f:\n    rows = list(csv.reader(f))`;
    return `${header(`Regression ${data.formula}`, 'regression')}
import csv
import io
import math

import numpy as np
${OLS}

${source}
head = [h.strip() for h in rows[0]]
names = ${JSON.stringify(data.predictors)}
response = ${pyString(data.response)}
values = np.array([[float(r[head.index(c)]) for c in names + [response]] for r in rows[1:] if r])
print(${pyString(data.formula)})
ols(values[:, :-1], values[:, -1], names, intercept=${data.intercept ? 'True' : 'False'})
`;
  }
  const entry = findSnippet(snippetId);
  const body = BODIES[snippetId];
  if (!entry || !body) throw new Error(`There is no snippet "${snippetId}".`);
  const p = resolveParams(entry, params);
  return `${header(entry.title.en, snippetId)}
${PRELUDE}
# Parameters
${paramsBlock(p)}
${body(p)}`.replace(/\n{4,}/g, '\n\n\n');
}

/** Small timing helpers shared by the bench files (not shipped). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
/** Median wall time in ms of `fn` over `runs` runs after `warmup` runs. */
export function timeMs(fn: () => unknown, runs = 20, warmup = 3): number {
  for (let i = 0; i < warmup; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = process.hrtime.bigint();
    fn();
    t.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  return median(t);
}
export interface Figure {
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  ratio?: number;
  budget?: string;
  note?: string;
}
/**
 * Median CPU time (user + system) in ms of `fn`: on a shared, loaded machine wall time mostly measures
 * the neighbours; CPU time of synchronous work measures the work.
 */
export function cpuMs(fn: () => unknown, runs = 20, warmup = 3): number {
  for (let i = 0; i < warmup; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = process.cpuUsage();
    fn();
    const u = process.cpuUsage(s);
    t.push((u.user + u.system) / 1000);
  }
  return median(t);
}

/** Names the stub `vscode` module offers (each a proxy that accepts any use). */
const VSCODE_NAMES = [
  'ThemeIcon',
  'ThemeColor',
  'EventEmitter',
  'TreeItem',
  'Uri',
  'Disposable',
  'Range',
  'Position',
  'MarkdownString',
  'Hover',
  'RelativePattern',
  'TreeItemCollapsibleState',
  'ViewColumn',
  'FileType',
  'ConfigurationTarget',
  'QuickPickItemKind',
  'DiagnosticSeverity',
  'Diagnostic',
  'WorkspaceEdit',
  'Selection',
  'CodeLens',
  'ProgressLocation',
  'StatusBarAlignment',
  'l10n',
  'window',
  'workspace',
  'commands',
  'languages',
  'env',
  'extensions',
  'CancellationTokenSource',
  'SnippetString',
  'TextEdit',
  'Location',
];

/**
 * Script text for `node -e`: makes require('vscode') return a stub whose every name accepts any use, so a
 * bundle can be required (evaluated, not activated) outside VS Code.
 */
export const VSCODE_STUB = `
const Module = require('module');
const any = () => new Proxy(function () {}, { get: (t, k) => (k === 'prototype' ? {} : any()), construct: () => any(), apply: () => any() });
const stub = Object.fromEntries(${JSON.stringify(VSCODE_NAMES)}.map((n) => [n, any()]));
const load = Module._load;
Module._load = function (r, ...a) { return r === 'vscode' ? stub : load.call(this, r, ...a); };`;

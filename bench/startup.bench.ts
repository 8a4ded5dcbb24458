// Starting cheaply (issue 15): the production extension bundle's size, the CPU time to require it, and the
// first glossary hover after activation, loading included. The production set of Node bundles is built
// into a temporary folder with esbuild.js's own options, so `dist/` (a development build) is left alone.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import { median, VSCODE_STUB, type Figure } from './timing';

const root = path.join(__dirname, '..');

const STUB = `${VSCODE_STUB}
const cpu = (f) => { const c = process.cpuUsage(); f(); const u = process.cpuUsage(c); return (u.user + u.system) / 1000; };`;

/** Runs `body` (after STUB) in `runs` fresh Node processes; each prints one JSON object. */
function fresh<T>(body: string, runs: number): T[] {
  const out: T[] = [];
  for (let i = 0; i < runs; i++)
    out.push(JSON.parse(execFileSync(process.execPath, ['-e', STUB + body], { encoding: 'utf8', cwd: root })) as T);
  return out;
}

/** Builds the production Node bundles, plus bench/firstHover.entry.ts with the same options, into a temporary folder. */
async function buildProduction(): Promise<{
  dir: string;
  metafile: { outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }> };
}> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { nodeBuildOptions, checkRendererOnly } = require('../esbuild.js') as {
    nodeBuildOptions(o: { production: boolean; outdir: string }): import('esbuild').BuildOptions;
    checkRendererOnly(metafile: unknown): void;
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'interp-bench-'));
  const options = nodeBuildOptions({ production: true, outdir: dir });
  const result = await esbuild.build({
    ...options,
    entryPoints: {
      ...(options.entryPoints as Record<string, string>),
      'first-hover': path.join(__dirname, 'firstHover.entry.ts'),
    },
  });
  checkRendererOnly(result.metafile); // markdown-it, KaTeX and highlight.js stay out of dist/extension.js
  return { dir, metafile: result.metafile as never };
}

export async function run(): Promise<Record<string, Figure>> {
  const out: Record<string, Figure> = {};
  const { dir, metafile } = await buildProduction();
  try {
    const ext = path.join(dir, 'extension.js');
    const rnd = path.join(dir, 'renderer.js');
    const key = Object.keys(metafile.outputs).find((k) => k.endsWith('/extension.js'))!;
    const inputs = Object.entries(metafile.outputs[key].inputs)
      .map(([name, v]) => [name.replace(/^.*node_modules\//, ''), v.bytesInOutput] as const)
      .sort((a, b) => b[1] - a[1]);
    const size = fs.statSync(ext).size;
    out.extensionBundleSize = {
      value: size,
      unit: 'bytes (production dist/extension.js)',
      baseline: { name: 'production dist/renderer.js', value: fs.statSync(rnd).size },
      ratio: +(size / fs.statSync(rnd).size).toFixed(3),
      budget: `≤ 200 KB (204,800 bytes): ${size <= 204_800 ? 'met' : 'not met'}`,
      note: `largest inputs (esbuild metafile, bytes): ${inputs
        .slice(0, 8)
        .map(([n, b]) => `${n} ${b}`)
        .join(', ')}`,
    };

    // Interleaved, so that load from other processes hits both alike.
    const req = (file: string) =>
      `process.stdout.write(JSON.stringify({ cpu: cpu(() => require(${JSON.stringify(file)})) }));`;
    const extCpu: number[] = [];
    const rndCpu: number[] = [];
    for (let i = 0; i < 9; i++) {
      extCpu.push(fresh<{ cpu: number }>(req(ext), 1)[0].cpu);
      rndCpu.push(fresh<{ cpu: number }>(req(rnd), 1)[0].cpu);
    }
    const e = median(extCpu);
    const r = median(rndCpu);
    out.requireExtensionBundle = {
      value: +e.toFixed(2),
      unit: 'ms CPU (require of the production bundle in a fresh process, stub vscode, median of 9)',
      baseline: { name: 'require of the production dist/renderer.js (markdown-it + KaTeX)', value: +r.toFixed(2) },
      ratio: +(e / r).toFixed(3),
      budget: `ratio ≤ 0.2: ${e / r <= 0.2 ? 'met' : 'not met'}`,
    };

    // bench/firstHover.entry.ts imports what the hover provider imports; requiring it is activation (not
    // timed); the first hover loads the shipped glossary the way the production bundle does.
    const hover = fresh<{ first: number; next: number; hit: string }>(
      `const h = require(${JSON.stringify(path.join(dir, 'first-hover.js'))});
const line = 'Activation patching finds which components matter for the logit difference.';
let hit;
const first = cpu(() => { hit = h.hover(line, 3); });
const next = cpu(() => h.hover(line, 60));
process.stdout.write(JSON.stringify({ first, next, hit }));`,
      7,
    );
    const first = median(hover.map((h) => h.first));
    const next = median(hover.map((h) => h.next));
    out.firstHoverAfterActivation = {
      value: +first.toFixed(2),
      unit: 'ms CPU (fresh process, production bundle, median of 7)',
      baseline: { name: 'the next hover', value: +next.toFixed(3) },
      ratio: +(first / Math.max(0.001, next)).toFixed(1),
      budget: `≤ 40 ms: ${first <= 40 ? 'met' : 'not met'}`,
      note: `loading the shipped glossary and its term index, termAt, the hover's markdown (hit: ${hover[0].hit})`,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

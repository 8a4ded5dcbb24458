// `npm run bench`: runs every bench/*.bench.ts and prints ONE JSON object of figures.
// Each bench module exports `async function run(): Promise<Record<string, Figure>>` where a Figure is
// { value, unit, baseline: { name, value }, ratio, budget?, note? } — the baseline is measured in the same
// run on the same machine, because these machines are noisy: compare ratios, not absolute numbers.
import { createRequire } from 'module';
import fs from 'fs';
import path from 'path';
import { fileURLToPath } from 'url';

const require = createRequire(import.meta.url);
require('esbuild-register/dist/node').register({ target: 'node20' });
const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
const out = {
  machine: { node: process.version, cpus: (await import('os')).cpus().length, date: new Date().toISOString() },
  figures: {},
};
for (const f of files) {
  const mod = require(path.join(dir, f));
  const figures = await mod.run();
  for (const [k, v] of Object.entries(figures)) out.figures[`${f.replace(/\.bench\.ts$/, '')}.${k}`] = v;
}
console.log(JSON.stringify(out, null, 2));

// src/core/activation.ts is core as the extension host loads it (issue 15): every name of src/core/index.ts
// except the markdown renderer's, and nothing that loads markdown-it or KaTeX.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as core from '../../src/core';
import * as activation from '../../src/core/activation';
import * as lazy from '../../src/core/lazy';

const RENDERER_ONLY = ['KATEX_OPTIONS', 'RenderOverBudget', 'renderLesson'];

describe('core/activation.ts, the extension host entry point', () => {
  it("exports every name of core's public face except the renderer's, each the same value", () => {
    const missing = Object.keys(core).filter((k) => !(k in activation) && !RENDERER_ONLY.includes(k));
    assert.deepStrictEqual(missing, [], 'add these to src/core/activation.ts (unless they need markdown-it)');
    // isRenderOverBudget has a copy of its own here (render.ts's would load markdown-it): same answers.
    const over = new core.RenderOverBudget(5);
    for (const e of [
      over,
      new Error('x'),
      Object.assign(new Error('y'), { name: 'RenderOverBudget' }),
      'RenderOverBudget',
      {},
    ])
      assert.strictEqual(activation.isRenderOverBudget(e), core.isRenderOverBudget(e));
    for (const k of Object.keys(activation).filter((n) => n !== 'isRenderOverBudget' && !(n in lazy)))
      assert.strictEqual(
        (activation as Record<string, unknown>)[k],
        (core as Record<string, unknown>)[k],
        `${k} is not core's own`,
      );
  });

  it('the lazily loaded functions give what the eager ones give', () => {
    for (const k of Object.keys(lazy))
      assert.strictEqual((activation as Record<string, unknown>)[k], (lazy as Record<string, unknown>)[k]);
    const damaged = Buffer.from('Tiếng Việt có dấu: người học đọc bài', 'utf8').toString('latin1');
    assert.deepStrictEqual(lazy.repairMojibake(damaged), core.repairMojibake(damaged));
    const text =
      '{"entries":[{"id":"x","terms":{"en":["ex"]},"definition":{"en":"X."},"explanation":{},"related":["nope"]}]}';
    assert.deepStrictEqual(lazy.parseGlossary(text, 'f.json'), core.parseGlossary(text, 'f.json'));
    const job = { kind: 'regression' as const, text: 'y ~ x\nx,y\n1,2\n2,4.1\n3,5.9\n4,8.2', lineOffset: 0 };
    assert.strictEqual(lazy.estimateJobCost(job), core.estimateJobCost(job));
    assert.deepStrictEqual(lazy.runJob(job), core.runJob(job));
    assert.strictEqual(lazy.toPythonScript('study-hours', {}), core.toPythonScript('study-hours', {}));
  });

  it('reaches no module that imports markdown-it, KaTeX or highlight.js at run time', () => {
    const root = path.join(__dirname, '..', '..', 'src', 'core');
    const seen = new Set<string>();
    const offenders: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = fs.readFileSync(file, 'utf8');
      if (/^import (?!type )[^;]*from '(markdown-it|katex|@vscode\/markdown-it-katex|highlight\.js)/m.test(text))
        offenders.push(path.relative(root, file));
      for (const m of text.matchAll(/^(?:import|export) (?!type )[^;]*?from '(\.[^']+)'/gms)) {
        const base = path.resolve(path.dirname(file), m[1]);
        const next = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
        if (next) visit(next);
      }
    };
    visit(path.join(root, 'activation.ts'));
    assert.deepStrictEqual(offenders, []);
    assert.ok(seen.size > 20);
  });
});

describe('core and @types/vscode', () => {
  it("no file under src/core names a type that only @types/vscode declares (Thenable: core's stores take PromiseLike)", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.ts') && /\bThenable\b/.test(fs.readFileSync(p, 'utf8'))) offenders.push(p);
      }
    };
    walk(path.join(__dirname, '..', '..', 'src', 'core'));
    assert.deepStrictEqual(offenders, []);
  });
});

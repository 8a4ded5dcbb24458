// The shipped glossary compiled at build time (issue 15, "Cheaper to start"): the build's data module gives
// what the source form gives, and a decoded term index finds exactly what a freshly built one finds.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import {
  builtinGlossary,
  builtinGlossaryProblems,
  findTerms,
  parseGlossary,
  termAt,
  termIndexOf,
} from '../../src/core';
import { builtinGlossaryData } from '../../src/core/glossary/builtinData';
import { compileGlossary } from '../../src/core/glossary/compile';
import { glossaryFromCompiled, type CompiledGlossary } from '../../src/core/glossary/compiled';
import { buildTermIndex, decodeTermIndex, encodeTermIndex } from '../../src/core/glossary/termIndex';

const root = path.join(__dirname, '..', '..');

function lessonLines(): string[] {
  return ['en', 'vi'].flatMap((l) =>
    fs
      .readdirSync(path.join(root, 'lessons', l))
      .filter((f) => f.endsWith('.md'))
      .flatMap((f) => fs.readFileSync(path.join(root, 'lessons', l, f), 'utf8').split('\n')),
  );
}

describe('shipped glossary compiled at build time (issue 15)', () => {
  it('encoding then decoding a term index gives the same index', () => {
    const built = buildTermIndex(builtinGlossary());
    const compact = encodeTermIndex(built);
    const decoded = decodeTermIndex(JSON.parse(JSON.stringify(compact)));
    assert.deepStrictEqual(decoded, built);
    assert.deepStrictEqual(encodeTermIndex(decoded), compact);
  });

  it('builtinGlossary() uses the compiled index and finds what a fresh parse and index find, on every lesson line', () => {
    const shipped = builtinGlossary();
    assert.strictEqual(termIndexOf(shipped), termIndexOf(shipped));
    const text = JSON.stringify(JSON.parse(fs.readFileSync(path.join(root, 'lessons', 'glossary.json'), 'utf8')));
    const fresh = parseGlossary(text, 'lessons/glossary.json');
    assert.deepStrictEqual(shipped.entries, fresh.glossary.entries);
    assert.deepStrictEqual(builtinGlossaryProblems(), fresh.problems);
    assert.deepStrictEqual(termIndexOf(shipped), buildTermIndex(fresh.glossary));
    for (const line of lessonLines()) {
      assert.deepStrictEqual(findTerms(shipped, line), findTerms(fresh.glossary, line), line);
      for (let c = 0; c < line.length; c += 7)
        assert.deepStrictEqual(termAt(shipped, line, c), termAt(fresh.glossary, line, c), `${line} @${c}`);
    }
  });

  it('a glossary with problems and conflicting terms survives the round trip', () => {
    const text = JSON.stringify({
      entries: [
        {
          id: 'a',
          terms: { en: ['linear probe', 'probe'] },
          definition: { en: 'A.' },
          explanation: {},
          related: ['zz'],
        },
        { id: 'b', terms: { en: ['Probe'], vi: ['đầu dò'] }, definition: { en: 'B.' }, explanation: {}, related: [] },
        { id: 'bad id', terms: {}, definition: {}, explanation: {}, related: [] },
      ],
    });
    const compiled = JSON.parse(JSON.stringify(compileGlossary(text, 'x.json'))) as CompiledGlossary;
    const { glossary, problems } = glossaryFromCompiled(compiled);
    const fresh = parseGlossary(text, 'x.json');
    assert.ok(problems.length > 0);
    assert.deepStrictEqual(problems, fresh.problems);
    assert.deepStrictEqual(termIndexOf(glossary), buildTermIndex(fresh.glossary));
    assert.deepStrictEqual(termIndexOf(glossary).conflicts, [{ term: 'Probe', ids: ['a', 'b'] }]);
  });

  it("esbuild.js's dist/lazy-glossary-data.js returns what the source form compiles", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const esbuild = require('esbuild') as typeof import('esbuild');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { nodeBuildOptions } = require('../../esbuild.js') as {
      nodeBuildOptions(o: { production: boolean; outdir: string }): import('esbuild').BuildOptions;
    };
    const options = nodeBuildOptions({ production: true, outdir: path.join(root, 'dist', 'unit-test-unused') });
    const result = await esbuild.build({
      ...options,
      entryPoints: { 'lazy-glossary-data': 'virtual:lazy-glossary-data' },
      write: false,
      metafile: false,
    });
    const mod = { exports: {} as { builtinGlossaryData(): CompiledGlossary } };
    new Function('module', 'exports', result.outputFiles[0].text)(mod, mod.exports);
    assert.deepStrictEqual(mod.exports.builtinGlossaryData(), builtinGlossaryData());
  });
});

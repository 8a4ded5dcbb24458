// Every user-visible string is localised: package.json placeholders exist in both nls files, and every
// vscode.l10n.t('…') string in src has a Vietnamese translation in l10n/bundle.l10n.vi.json.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');
const json = (f: string) => JSON.parse(fs.readFileSync(path.join(root, f), 'utf8'));

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** The first argument of each l10n.t call when it is a plain string literal. */
function l10nStrings(text: string): string[] {
  const out: string[] = [];
  const re = /l10n\.t\(\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/g;
  for (let m; (m = re.exec(text));) out.push((m[1] ?? m[2]).replace(/\\(['"\\])/g, '$1'));
  return out;
}

describe('localisation', () => {
  const pkg = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
  const keys = [...new Set([...pkg.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]))];

  for (const nls of ['package.nls.json', 'package.nls.vi.json']) {
    it(`${nls} has every %key% of package.json`, () => {
      const table = json(nls);
      assert.deepStrictEqual(
        keys.filter((k) => typeof table[k] !== 'string' || !table[k].trim()),
        [],
      );
    });
  }

  it('the Vietnamese nls file translates rather than copies (most entries differ from English)', () => {
    const en = json('package.nls.json');
    const vi = json('package.nls.vi.json');
    const same = keys.filter((k) => en[k] === vi[k] && !/^Interp Lessons$/.test(en[k]));
    assert.ok(same.length <= keys.length * 0.1, `untranslated: ${same.join(', ')}`);
  });

  it('every vscode.l10n.t string in src has a Vietnamese translation', () => {
    const bundle = json('l10n/bundle.l10n.vi.json');
    const missing = new Set<string>();
    for (const f of sources(path.join(root, 'src'))) {
      for (const s of l10nStrings(fs.readFileSync(f, 'utf8')))
        if (typeof bundle[s] !== 'string') missing.add(`${path.relative(root, f)}: ${s}`);
    }
    assert.deepStrictEqual([...missing], []);
  });

  it('translations keep their placeholders', () => {
    const bundle = json('l10n/bundle.l10n.vi.json') as Record<string, string>;
    for (const [en, vi] of Object.entries(bundle)) {
      const ph = (s: string) => [...new Set(s.match(/\{\d+\}/g) ?? [])].sort().join();
      assert.strictEqual(ph(vi), ph(en), en);
    }
  });
});

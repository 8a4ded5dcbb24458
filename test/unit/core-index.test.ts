import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

describe('core boundary', () => {
  it('no file under src/core imports vscode', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (
          /\.ts$/.test(e.name) &&
          /from ['"]vscode['"]|require\(['"]vscode['"]\)/.test(fs.readFileSync(p, 'utf8'))
        )
          offenders.push(p);
      }
    };
    walk(path.join(__dirname, '..', '..', 'src', 'core'));
    assert.deepStrictEqual(offenders, []);
  });
});

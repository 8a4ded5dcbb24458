import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { SETTING_DEFAULTS, SETTINGS_SECTION, settingValue } from '../../src/features/shared/settingsSchema';

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
const declared: Record<string, { default: unknown; enum?: unknown[] }> = pkg.contributes.configuration.properties;

describe('settings: one typed module', () => {
  it('knows exactly the settings the manifest declares, with the same defaults', () => {
    const keys = Object.keys(SETTING_DEFAULTS).map((k) => `${SETTINGS_SECTION}.${k}`);
    assert.deepStrictEqual(keys.sort(), Object.keys(declared).sort());
    for (const [k, v] of Object.entries(SETTING_DEFAULTS))
      assert.deepStrictEqual(v, declared[`${SETTINGS_SECTION}.${k}`].default, k);
  });

  it('takes a value of the right type, and the default for anything else', () => {
    assert.strictEqual(settingValue('language', 'vi'), 'vi');
    assert.strictEqual(settingValue('language', 'fr'), 'auto');
    assert.strictEqual(settingValue('fontSize', 16), 16);
    assert.strictEqual(settingValue('fontSize', '16'), 0);
    assert.strictEqual(settingValue('fontSize', NaN), 0);
    assert.deepStrictEqual(settingValue('glossary.languages', ['python']), ['python']);
    assert.deepStrictEqual(settingValue('glossary.languages', 'python'), ['markdown', 'plaintext']);
    assert.deepStrictEqual(settingValue('glossary.files', [1]), []);
    assert.strictEqual(settingValue('glossary.enabled', 'false'), true);
    assert.strictEqual(settingValue('glossary.markInLessons', 'all'), 'all');
    assert.strictEqual(settingValue('glossary.markInLessons', undefined), 'firstPerSection');
    assert.strictEqual(settingValue('courseFolder', null), '');
  });

  it("accepts every value of the manifest's enums", () => {
    for (const [k, d] of Object.entries(declared))
      for (const v of d.enum ?? [])
        assert.strictEqual(settingValue(k.slice(SETTINGS_SECTION.length + 1) as 'language', v), v, `${k}: ${v}`);
  });
});

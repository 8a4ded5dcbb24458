/**
 * False positives: correct text in Vietnamese, English, French, German, Spanish and Turkish is never flagged,
 * whole, paragraph by paragraph and line by line. True positives: every one of those files that has enough
 * non-ASCII text, once damaged, is flagged.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { detectMojibake } from '../../src/core';
import { COURSE_DIR, LESSONS_VI, PAGES, SHY, damage, mdFiles } from './mojibakeHelpers';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'clean-text');
const LESSONS_EN = path.resolve(__dirname, '..', '..', 'lessons', 'en');

const clean: { name: string; text: string }[] = [
  ...fs
    .readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ name: f, text: fs.readFileSync(path.join(FIXTURES, f), 'utf8') })),
  ...mdFiles(COURSE_DIR).map((f) => ({ name: `course/${f.name}`, text: f.text })),
  ...mdFiles(LESSONS_VI).map((f) => ({ name: `lessons/vi/${f.name}`, text: f.text })),
  ...mdFiles(LESSONS_EN).map((f) => ({ name: `lessons/en/${f.name}`, text: f.text })),
];

function pieces(text: string): string[] {
  return [text, ...text.split(/\n\s*\n/), ...text.split('\n')].filter((t) => t.trim());
}

describe('detectMojibake false positives', () => {
  it('has clean text in at least four languages besides English', () => {
    const langs = new Set(
      clean.map(
        (c) =>
          /^(?:firefox-)?(fr|de|tr|es|vi)/.exec(c.name)?.[1] ??
          (c.name.startsWith('course') || c.name.startsWith('lessons/vi') ? 'vi' : 'en'),
      ),
    );
    assert.ok(
      ['vi', 'fr', 'de', 'tr', 'es', 'en'].every((l) => langs.has(l)),
      [...langs].join(','),
    );
  });

  for (const c of clean) {
    it(`never flags ${c.name} (whole, paragraphs, lines)`, () => {
      const flagged = pieces(c.text).filter((p) => detectMojibake(p).damaged);
      assert.deepStrictEqual(
        flagged.map((p) => p.slice(0, 80)),
        [],
      );
    });
  }

  it('never flags the Turkish or Latin-1 fixtures even though both code pages can encode them', () => {
    for (const name of ['tr.txt', 'fr.txt', 'de.txt', 'es.txt', 'firefox-tr.txt']) {
      const d = detectMojibake(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));
      assert.notStrictEqual(d.codePage, null, `${name} is encodable, so the UTF-8 checks decide`);
      assert.strictEqual(d.damaged, false, d.reason);
      assert.strictEqual(d.completeSequences, 0, d.reason);
    }
  });
});

describe('detectMojibake true positives', () => {
  const damagedInputs = clean.filter((c) => [...c.text].filter((ch) => ch.charCodeAt(0) > 0x7f).length >= 20);
  for (const c of damagedInputs) {
    it(`flags ${c.name} once damaged (both code pages, both soft-hyphen behaviours)`, function () {
      for (const page of PAGES)
        for (const shy of SHY) {
          const d = detectMojibake(damage(c.text, page, shy));
          // Text a code page can represent untouched (Turkish in windows-1254) is not damaged at all.
          if (damage(c.text, page, shy) === c.text) continue;
          assert.strictEqual(d.damaged, true, `${page}/${shy}: ${d.reason}`);
        }
    });
  }
});

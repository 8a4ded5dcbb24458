/**
 * Recovery on real files: every file of the original course module and our Vietnamese lessons is damaged
 * with both code pages and both soft-hyphen behaviours, then repaired. Every wrong character must sit in a
 * spot reported as unresolved (never silently wrong). "Held out" repeats the run with the file's own counts
 * removed from the frequency table, as for a file the table has never seen.
 */
import * as assert from 'assert';
import { repairMojibake, shippedViFrequencies, shippedViFrequencySources } from '../../src/core';
import { COURSE_DIR, LESSONS_VI, PAGES, SHY, damage, mdFiles, scoreRepair, type Recovery } from './mojibakeHelpers';

const corpora = [
  { name: 'course aero-module15', source: 'aero-module15', files: mdFiles(COURSE_DIR) },
  { name: 'lessons/vi', source: 'lessons/vi', files: mdFiles(LESSONS_VI) },
];

describe('mojibake repair on the course and the lessons', function () {
  this.timeout(120_000);
  const rows: string[] = [];
  after(() => {
    if (rows.length) console.log('      gaps | exact | letters exact | unresolved | silent\n' + rows.join('\n'));
  });

  it('finds the original course files (test/fixtures/aero-module15)', () => {
    assert.ok(corpora[0].files.length >= 5, `no course files in ${COURSE_DIR}`);
  });

  for (const heldOut of [false, true])
    for (const corpus of corpora)
      for (const page of PAGES)
        for (const shy of SHY) {
          const label = `${corpus.name}, ${page}, soft hyphen ${shy}${heldOut ? ', held out' : ''}`;
          it(`${label}: every lost letter back or reported, none silently wrong`, function () {
            const factor = shippedViFrequencySources().find((s) => s.name === corpus.source)?.factor ?? 0;
            const total: Recovery = {
              lostChars: 0,
              exact: 0,
              lostLetters: 0,
              exactLetters: 0,
              wrongReported: 0,
              wrongSilent: 0,
              reportedRight: 0,
              silentExamples: [],
            };
            let unresolved = 0;
            for (const f of corpus.files) {
              const damaged = damage(f.text, page, shy);
              const frequencies = heldOut ? shippedViFrequencies().without(f.text, factor) : undefined;
              const r = repairMojibake(damaged, { frequencies });
              assert.strictEqual(r.repaired, true, `${f.name}: ${r.detection.reason}`);
              const s = scoreRepair(f.text, damaged, page, shy, r);
              for (const k of [
                'lostChars',
                'exact',
                'lostLetters',
                'exactLetters',
                'wrongReported',
                'wrongSilent',
                'reportedRight',
              ] as const)
                total[k] += s[k];
              total.silentExamples.push(...s.silentExamples.map((e) => `${f.name}: ${e}`));
              unresolved += r.unresolved.length;
            }
            const pct = (a: number, b: number) => (b ? ((100 * a) / b).toFixed(2) : '100.00') + '%';
            rows.push(
              `      ${label}: ${total.lostChars} | ${pct(total.exact, total.lostChars)} | ${pct(total.exactLetters, total.lostLetters)} of ${total.lostLetters} | ${unresolved} | ${total.wrongSilent}`,
            );
            assert.strictEqual(total.wrongSilent, 0, total.silentExamples.join('\n'));
            // Letters (not emoji) come back almost always; the rest are reported.
            assert.ok(
              total.exactLetters / total.lostLetters >= (heldOut ? 0.95 : 0.97),
              pct(total.exactLetters, total.lostLetters),
            );
          });
        }
});

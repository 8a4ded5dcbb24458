import * as assert from 'assert';
import fc from 'fast-check';
import { detectMojibake, repairMojibake, repairStats, isVietnameseSyllable, damageAsCodePage } from '../../src/core';
import * as fs from 'fs';
import * as path from 'path';
import { damage, damageKeepC1, PAGES, SHY, COURSE_DIR, scoreRepair } from './mojibakeHelpers';

const SENTENCE = 'Học sinh về nhà. Người ta nói rằng tính chính xác rất quan trọng, và Đà Lạt thì đẹp.';

describe('Vietnamese syllable rules', () => {
  it('accepts real syllables whatever the tone placement', () => {
    for (const w of [
      'học',
      'người',
      'về',
      'tính',
      'quyết',
      'giết',
      'gìn',
      'kỹ',
      'nghiêng',
      'khuya',
      'yêu',
      'thuở',
      'hoà',
      'hòa',
      'thuỷ',
      'thủy',
      'Đà',
      'ĐƯỢC',
    ]) {
      assert.ok(isVietnameseSyllable(w), w);
    }
  });
  it('rejects bad tones on stop codas, bad spellings and foreign words', () => {
    // "hỏc": hỏi tone on -c; "hoc": no tone on -c; "cề": c before ê; "ghà": gh before a; "ngy", "qa", "model"
    for (const w of ['hỏc', 'hoc', 'hềc', 'cề', 'ghà', 'ngy', 'qa', 'model', 'thưềng', 'hóà'])
      assert.ok(!isVietnameseSyllable(w), w);
  });
});

describe('detectMojibake', () => {
  it('flags a damaged Vietnamese paragraph under either code page and names it', () => {
    for (const page of PAGES)
      for (const shy of SHY) {
        const d = detectMojibake(damage(SENTENCE.repeat(2), page, shy));
        assert.strictEqual(d.damaged, true, `${page}/${shy}: ${d.reason}`);
        assert.ok(d.completeSequences >= 3 && d.gaps > 0 && d.invalid === 0, d.reason);
      }
  });
  it('tells windows-1252 from windows-1254 when the damage shows a letter they disagree on', () => {
    // Ở is E1 BB 9E: windows-1252 keeps 0x9E as "ž"; windows-1254 leaves it undefined (lost).
    const d1252 = detectMojibake(damage('Ở đây người ta học. ' + SENTENCE, 'windows-1252', 'keep'));
    assert.strictEqual(d1252.codePage, 'windows-1252');
    assert.strictEqual(d1252.codePageCertain, true);
    // An emoji's lead byte F0 is "ğ" in windows-1254 and "ð" in windows-1252.
    const d1254 = detectMojibake(damage('🎯 ' + SENTENCE, 'windows-1254', 'keep'));
    assert.strictEqual(d1254.codePage, 'windows-1254');
    assert.strictEqual(d1254.codePageCertain, true);
  });
  it('does not flag clean text, short text, or text with characters outside the code pages', () => {
    for (const t of ['', 'hello', SENTENCE, 'Ã©', 'Ça va? Élève, naïve, Straße, ağaç, şişe', 'há»c']) {
      assert.strictEqual(detectMojibake(t).damaged, false, t);
    }
  });
  it('never flags clean Latin-1 prose (property)', () => {
    const letters =
      'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?\'"-()\nàâäçéèêëîïôöùûüÿñßÀÂÄÇÉÈÊËÎÏÔÖÙÛÜÑáíóúÁÍÓÚ¿¡«»';
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...letters), { maxLength: 400 }),
        (chars) => !detectMojibake(chars.join('')).damaged,
      ),
      { numRuns: 300 },
    );
  });
});

describe('repairMojibake', () => {
  it('restores "học" from "há»c" (0x8D lost)', () => {
    const damaged = damage('Tôi đi học ở trường, thường đọc sách mỗi ngày.', 'windows-1252', 'keep');
    assert.ok(damaged.includes('há»c'));
    const r = repairMojibake(damaged);
    assert.strictEqual(r.repaired, true, r.detection.reason);
    assert.strictEqual(r.text, 'Tôi đi học ở trường, thường đọc sách mỗi ngày.');
    assert.deepStrictEqual(r.unresolved, []);
  });

  it('recovers a sentence exactly under both code pages and both soft-hyphen behaviours', () => {
    for (const page of PAGES)
      for (const shy of SHY) {
        const r = repairMojibake(damage(SENTENCE.repeat(3), page, shy));
        assert.strictEqual(r.text, SENTENCE.repeat(3), `${page}/${shy}`);
      }
  });

  it('reports a lost emoji byte as unresolved, with the candidates and the best guess in the text', () => {
    const original = '[🏠 Trang chủ](../index.md) — ' + SENTENCE;
    const r = repairMojibake(damage(original, 'windows-1252', 'keep'));
    assert.strictEqual(r.repaired, true);
    const spot = r.unresolved.find((u) => /\p{Extended_Pictographic}/u.test(u.candidates[0]));
    assert.ok(spot, JSON.stringify(r.unresolved));
    assert.ok(spot.candidates.includes('🏠'), spot.candidates.join(' '));
    assert.strictEqual(r.text.slice(spot.offset, spot.offset + spot.candidates[0].length), spot.candidates[0]);
    assert.strictEqual(r.text.replace(spot.candidates[0], '🏠'), original);
    const stats = repairStats(r);
    assert.strictEqual(stats.uncertain, r.unresolved.length);
    assert.ok(stats.spotsRepaired > 0 && stats.charactersDecoded > 0);
  });

  it('keeps offsets right after a byte order mark and characters outside the BMP', () => {
    const original = '\ufeff🎯 Mục tiêu 🔍 ' + SENTENCE;
    const r = repairMojibake(damage(original, 'windows-1252', 'drop'));
    assert.strictEqual(r.repaired, true);
    assert.ok(r.text.startsWith('\ufeff'));
    for (const s of r.spots)
      assert.strictEqual(r.text.slice(s.offset, s.offset + s.candidates[0].length), s.candidates[0]);
  });

  it('repairs text whose undefined bytes were kept as C1 controls (nothing lost)', () => {
    const r = repairMojibake(damageKeepC1(SENTENCE, 'windows-1252'));
    assert.strictEqual(r.text, SENTENCE);
    assert.strictEqual(r.unresolved.length, 0);
  });

  it('round-trips: damaging the repair again gives the input byte for byte (property)', () => {
    const alphabet = [
      ...'aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ .,\n',
      'ng',
      'nh',
      'ch',
      'tr',
      'ọc',
      'ười',
      '🏠',
      '️',
      '“',
      '”',
      'Đ',
      'Ở',
      'Í',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...alphabet), { minLength: 20, maxLength: 300 }),
        fc.constantFrom(...PAGES),
        fc.constantFrom(...SHY),
        (parts, page, shy) => {
          const original = parts.join('');
          const damaged = damage(original, page, shy);
          const r = repairMojibake(damaged);
          if (!r.repaired) return r.text === damaged;
          // Without a kept soft hyphen in the text, "kept" and "dropped" cannot be told apart: either may match.
          const again = SHY.map((softHyphen) => damageAsCodePage(r.text, r.detection.codePage ?? page, { softHyphen }));
          return again.includes(damaged) && [...r.text].length === [...original].length;
        },
      ),
      { numRuns: 150 },
    );
  });

  it('leaves clean text untouched', () => {
    for (const t of ['', SENTENCE, 'plain ASCII only', 'Ça va très bien, merci.']) {
      const r = repairMojibake(t);
      assert.strictEqual(r.repaired, false);
      assert.strictEqual(r.text, t);
    }
  });
});

describe('repairMojibake on pathological input', () => {
  it('handles binary-ish text without flagging or throwing', () => {
    let seed = 42;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const bytes = Buffer.from(Array.from({ length: 200_000 }, () => Math.floor(rnd() * 256)));
    for (const text of [
      bytes.toString('latin1'),
      damage(bytes.toString('latin1'), 'windows-1252', 'keep'),
      bytes.toString('utf8'),
      '\u0000'.repeat(1000),
    ]) {
      const r = repairMojibake(text);
      assert.strictEqual(r.repaired, false);
      assert.strictEqual(r.text, text);
    }
  });

  // How its time grows with size is a bench figure (npm run bench -- mojibake: repairScaling).
  it('repairs 5 MB of a damaged course file, every letter back', function () {
    this.timeout(180_000);
    const lesson = fs.readFileSync(path.join(COURSE_DIR, 'aero_llm_03_concepts_and_terms_in_mech_interp.md'), 'utf8');
    const unit = damage(lesson, 'windows-1254', 'drop');
    const big = unit.repeat(Math.ceil(5_000_000 / unit.length));
    const r = repairMojibake(big);
    assert.strictEqual(r.repaired, true);
    const score = scoreRepair(lesson.repeat(Math.ceil(5_000_000 / unit.length)), big, 'windows-1254', 'drop', r);
    assert.strictEqual(score.wrongSilent, 0, score.silentExamples.join('\n'));
    assert.strictEqual(score.exactLetters, score.lostLetters, 'every letter back');
  });
});

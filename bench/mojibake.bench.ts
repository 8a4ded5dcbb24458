import * as fs from 'fs';
import * as path from 'path';
import { damageAsCodePage, detectMojibake, repairMojibake } from '../src/core';
import { cpuMs, timeMs, type Figure } from './timing';

const COURSE = path.resolve(__dirname, '..', 'test', 'fixtures', 'aero-module15');
const LESSONS_VI = path.resolve(__dirname, '..', 'lessons', 'vi');

/** The largest Vietnamese lesson we have (ours if present, else the course's). */
function lesson(): { name: string; text: string } {
  const files = [LESSONS_VI, COURSE].flatMap((dir) =>
    fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter((f) => f.endsWith('.md'))
          .map((f) => ({ name: path.join(path.basename(dir), f), text: fs.readFileSync(path.join(dir, f), 'utf8') }))
      : [],
  );
  return files.sort((a, b) => b.text.length - a.text.length)[0];
}

export async function run(): Promise<Record<string, Figure>> {
  const { name, text } = lesson();
  const damaged = damageAsCodePage(text, 'windows-1252', { softHyphen: 'drop' });
  const damagedBytes = Buffer.from(damaged, 'utf8');
  const cleanBytes = Buffer.from(text, 'utf8');
  const decoder = new TextDecoder('utf-8');
  const kb = (damagedBytes.length / 1024).toFixed(0);

  const decodeDamaged = timeMs(() => decoder.decode(damagedBytes), 50, 10);
  const repair = timeMs(() => repairMojibake(damaged), 20, 3);
  const result = repairMojibake(damaged);
  // CPU time too: on a shared machine wall time swings by several times.
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < 20; i++) repairMojibake(damaged);
  const cpu = process.cpuUsage(cpu0);
  const repairCpu = (cpu.user + cpu.system) / 1000 / 20;
  const decodeClean = timeMs(() => decoder.decode(cleanBytes), 50, 10);
  const detectClean = timeMs(() => detectMojibake(text), 50, 10);
  const detectDamaged = timeMs(() => detectMojibake(damaged), 20, 3);

  // A 5 MB damaged file: one run each (linear time; the baseline is the same decode).
  const big = damaged.repeat(Math.ceil(5_000_000 / damaged.length));
  const bigBytes = Buffer.from(big, 'utf8');
  const bigDecode = timeMs(() => decoder.decode(bigBytes), 5, 1);
  const heapBefore = process.memoryUsage().heapUsed;
  const bigRepair = timeMs(() => repairMojibake(big), 3, 1);
  const heapAfter = process.memoryUsage().heapUsed;
  const mbPerS = (bytes: number, ms: number) => Number((bytes / 1e6 / (ms / 1000)).toFixed(2));
  // Growth with size: ten times the input should cost about ten times the CPU (was a unit-test assertion).
  const half = damaged.repeat(Math.ceil(500_000 / damaged.length));
  const halfCpu = cpuMs(() => repairMojibake(half), 3, 1);
  const bigCpu = cpuMs(() => repairMojibake(big), 3, 1);

  return {
    repairScaling: {
      value: Number((bigCpu / halfCpu).toFixed(1)),
      unit: '× CPU for 10× the input',
      baseline: { name: 'linear growth', value: 10 },
      ratio: Number((bigCpu / halfCpu / 10).toFixed(2)),
      budget: '< 25× (linear is 10×)',
      note: `0.5 MB ${halfCpu.toFixed(0)} ms, 5 MB ${bigCpu.toFixed(0)} ms CPU (median of 3)`,
    },
    repairLesson: {
      value: Number(repair.toFixed(2)),
      unit: 'ms',
      baseline: { name: `TextDecoder decode of the same ${kb} KB`, value: Number(decodeDamaged.toFixed(3)) },
      ratio: Number((repair / decodeDamaged).toFixed(1)),
      budget: '< 100 ms for one lesson (shown when opening it)',
      note: `${name} damaged as windows-1252 with soft hyphens dropped: ${result.detection.gaps} gaps, ${result.unresolved.length} unresolved; mean CPU time ${repairCpu.toFixed(1)} ms`,
    },
    repairThroughput: {
      value: mbPerS(bigBytes.length, bigRepair),
      unit: 'MB/s',
      baseline: { name: 'TextDecoder decode, same 5 MB', value: mbPerS(bigBytes.length, bigDecode) },
      ratio: Number((bigRepair / bigDecode).toFixed(1)),
      budget: '5 MB in < 10 s',
      note: `5 MB damaged text repaired in ${bigRepair.toFixed(0)} ms (median of 3); heap grew ${((heapAfter - heapBefore) / 1e6).toFixed(0)} MB over the runs`,
    },
    detectClean: {
      value: Number(detectClean.toFixed(3)),
      unit: 'ms',
      baseline: {
        name: `TextDecoder decode of the clean ${(cleanBytes.length / 1024).toFixed(0)} KB`,
        value: Number(decodeClean.toFixed(3)),
      },
      ratio: Number((detectClean / decodeClean).toFixed(1)),
      budget: '< 5 ms per lesson (runs on every open)',
      note: 'clean Vietnamese stops at the first character outside both code pages',
    },
    detectDamaged: {
      value: Number(detectDamaged.toFixed(2)),
      unit: 'ms',
      baseline: { name: 'TextDecoder decode of the same damaged file', value: Number(decodeDamaged.toFixed(3)) },
      ratio: Number((detectDamaged / decodeDamaged).toFixed(1)),
      budget: '< 20 ms per lesson',
    },
  };
}

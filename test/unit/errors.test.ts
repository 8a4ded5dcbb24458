import * as assert from 'assert';
import { errorMessage, runAndLog } from '../../src/features/shared/errors';

function memoryLog() {
  const lines: string[] = [];
  return { lines, error: (m: string, e?: unknown) => lines.push(`${m}: ${errorMessage(e)}`) };
}
const settled = () => new Promise((r) => setImmediate(r));

describe('errorMessage and runAndLog', () => {
  it("says an Error's message, and anything else as text", () => {
    assert.strictEqual(errorMessage(new TypeError('bad')), 'bad');
    assert.strictEqual(errorMessage('plain'), 'plain');
    assert.strictEqual(errorMessage(undefined), 'undefined');
    assert.strictEqual(errorMessage({ toString: () => 'object' }), 'object');
  });

  it('logs a rejected promise with what it was, and nothing for one that succeeds', async () => {
    const log = memoryLog();
    runAndLog(log, 'render lesson x', Promise.reject(new Error('worker gone')));
    runAndLog(log, 'fine', Promise.resolve(1));
    await settled();
    assert.deepStrictEqual(log.lines, ['render lesson x: worker gone']);
  });

  it('logs work that throws before it returns a promise', async () => {
    const log = memoryLog();
    runAndLog(log, 'start', () => {
      throw new Error('at once');
    });
    runAndLog(log, 'later', async () => {
      throw new Error('in the promise');
    });
    await settled();
    assert.deepStrictEqual(log.lines, ['start: at once', 'later: in the promise']);
  });
});

// Faults during writes (issue 7): reading progress is written in one update of the whole record; a write that
// fails changes nothing, and a stored record this version cannot read is never overwritten.
import * as assert from 'assert';
import { ProgressStore, toPythonScript, type KeyValueStore } from '../../src/core';

class FlakyStore implements KeyValueStore {
  readonly data = new Map<string, unknown>();
  failNext = false;
  writes = 0;
  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk full');
    }
    this.writes++;
    this.data.set(key, structuredClone(value));
  }
}

describe('Write faults: reading progress', () => {
  it('a failed write rejects, changes nothing and tells no listener', async () => {
    const store = new FlakyStore();
    const progress = new ProgressStore(store, 'p');
    await progress.set('a', 'read');
    await progress.markOpened('b');
    const before = structuredClone(store.data.get('p'));
    let fired = 0;
    progress.onDidChange(() => fired++);
    store.failNext = true;
    await assert.rejects(progress.set('c', 'read'), /disk full/);
    store.failNext = true;
    await assert.rejects(progress.markOpened('d'), /disk full/);
    store.failNext = true;
    await assert.rejects(progress.reset(), /disk full/);
    assert.deepStrictEqual(store.data.get('p'), before);
    assert.deepStrictEqual(
      ['a', 'b', 'c', 'd'].map((id) => progress.get(id)),
      ['read', 'inProgress', 'unread', 'unread'],
    );
    assert.strictEqual(fired, 0);
  });

  it('keeps stored entries it cannot read when it writes', async () => {
    const store = new FlakyStore();
    store.data.set('p', { a: { state: 'read', updated: 1 }, future: { state: 'skimmed', updated: 2 }, odd: 42 });
    const progress = new ProgressStore(store, 'p');
    assert.strictEqual(progress.get('future'), 'unread');
    await progress.set('b', 'read');
    assert.deepStrictEqual(Object.keys(store.data.get('p') as object).sort(), ['a', 'b', 'future', 'odd']);
    assert.deepStrictEqual((store.data.get('p') as Record<string, unknown>).future, { state: 'skimmed', updated: 2 });
  });

  it('never overwrites a stored value that is not a record', async () => {
    for (const stored of ['corrupt', 7, [1, 2], null]) {
      const store = new FlakyStore();
      store.data.set('p', stored);
      const progress = new ProgressStore(store, 'p');
      assert.strictEqual(progress.get('a'), 'unread');
      await assert.rejects(progress.set('a', 'read'), /not in a form this version reads/);
      assert.deepStrictEqual(store.data.get('p'), stored);
      assert.strictEqual(store.writes, 0);
    }
  });
});

describe('Open as Python: a data file that is not on this disk', () => {
  const data = { formula: 'y ~ x', predictors: ['x'], response: 'y', intercept: true };
  it('names the file and says where it really is', () => {
    const script = toPythonScript(
      'regression',
      {},
      { data, file: 'data/big.csv', fileSource: 'vscode-vfs://github/me/repo/data/big.csv' },
    );
    assert.match(script, /# It was read from vscode-vfs:\/\/github\/me\/repo\/data\/big\.csv, not from this disk/);
    assert.match(script, /with open\("data\/big\.csv", newline=""\)/);
  });
  it('a local file gets no such comment', () => {
    const script = toPythonScript('regression', {}, { data, file: '/home/me/big.csv' });
    assert.doesNotMatch(script, /not from this disk/);
    assert.match(script, /with open\("\/home\/me\/big\.csv"/);
  });
});

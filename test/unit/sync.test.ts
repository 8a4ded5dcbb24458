// Settings Sync of learner state: reading progress follows the user to other machines, scroll positions do not.
import * as assert from 'assert';
import { StateKeys } from '../../src/constants';
import { registerSyncedState, syncedStateKeys, type SyncableMemento } from '../../src/features/shared/sync';

/** A Memento spy: records every setKeysForSync call. */
function mementoSpy(): SyncableMemento & { calls: string[][] } {
  const calls: string[][] = [];
  return { calls, setKeysForSync: (keys) => void calls.push([...keys]) };
}

describe('Settings Sync of learner state', () => {
  it('registers the reading progress key for sync, once', () => {
    const memento = mementoSpy();
    const keys = registerSyncedState(memento);
    assert.deepStrictEqual(memento.calls, [keys]);
    assert.ok(keys.includes(StateKeys.progress));
  });

  it('never syncs scroll positions', () => {
    const memento = mementoSpy();
    registerSyncedState(memento);
    assert.ok(!memento.calls[0].includes(StateKeys.scroll));
  });

  it('syncs only keys the extension stores, each once', () => {
    const all = new Set<string>(Object.values(StateKeys));
    const keys = syncedStateKeys();
    assert.deepStrictEqual(
      keys.filter((k) => !all.has(k)),
      [],
    );
    assert.strictEqual(new Set(keys).size, keys.length);
  });
});

// Settings Sync in the real host: reading progress is registered with globalState.setKeysForSync, scroll
// positions are not, and everything the extension stores is a known key whose sync was decided.
import * as assert from '../common/assert';
import * as vscode from 'vscode';
import { Commands, StateKeys } from '../../src/constants';
import { extensionApi, showAndWait } from './helpers/lessons';

describe('Settings Sync', function () {
  this.timeout(180_000);

  it('registers the reading progress key for sync and not the scroll positions', async () => {
    const api = await extensionApi();
    assert.ok(Array.isArray(api.syncedKeys), 'activate() returns syncedKeys');
    assert.ok(api.syncedKeys.includes(StateKeys.progress), `synced: ${api.syncedKeys.join(', ')}`);
    assert.ok(!api.syncedKeys.includes(StateKeys.scroll), 'scroll positions stay on this machine');
  });

  it('stores reading progress under a synced key, and nothing under a key without a decision', async () => {
    const api = await extensionApi();
    const lesson = (await api.lessons.courses.get()).lessons[0];
    assert.ok(lesson, 'the shipped course has lessons');
    const before = api.lessons.progress.get(lesson.id);
    try {
      await showAndWait(api.lessons, lesson.id);
      await vscode.commands.executeCommand(Commands.markRead);
      assert.strictEqual(api.lessons.progress.get(lesson.id), 'read');
      const stored = api.storedStateKeys();
      assert.ok(stored.includes(StateKeys.progress), `stored: ${stored.join(', ')}`);
      assert.ok(api.syncedKeys.includes(StateKeys.progress));
      const known = new Set<string>(Object.values(StateKeys));
      assert.deepStrictEqual(
        stored.filter((k) => !known.has(k)),
        [],
        'every globalState key is in StateKeys (and so decided in features/shared/sync.ts)',
      );
    } finally {
      await api.lessons.progress.set(lesson.id, before);
    }
  });
});

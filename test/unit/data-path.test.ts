// A note's `file:` data line may name a file outside the workspace (`../`, an absolute path): the extension
// asks before reading it (and refuses in Restricted Mode). This is the decision "is it inside?", pure.
import * as assert from 'assert';
import { isInsideFolders, normalizeSlashPath, type PathLocation } from '../../src/core';

const file = (path: string): PathLocation => ({ scheme: 'file', authority: '', path });
const ws = [file('/home/me/course')];

describe('data files: inside the workspace or not', () => {
  it('resolves . and .. the way a file system does, never above the root', () => {
    assert.strictEqual(normalizeSlashPath('/a/./b//../c/'), '/a/c');
    assert.strictEqual(normalizeSlashPath('/a/../../../etc/passwd'), '/etc/passwd');
    assert.strictEqual(normalizeSlashPath('/'), '/');
    assert.strictEqual(normalizeSlashPath('/c:/Users/me/../you/data.csv'), '/c:/Users/you/data.csv');
  });

  it('a file in the folder or below it is inside, also through .. that stays inside', () => {
    assert.ok(isInsideFolders(file('/home/me/course/data.csv'), ws));
    assert.ok(isInsideFolders(file('/home/me/course/notes/../data/x.csv'), ws));
    assert.ok(isInsideFolders(file('/home/me/course'), ws), 'the folder itself');
    assert.ok(isInsideFolders(file('/home/me/course/'), [file('/home/me/course/')]));
  });

  it('.. that climbs out, an absolute path elsewhere, or a sibling with the same prefix is outside', () => {
    assert.ok(!isInsideFolders(file('/home/me/course/../secrets.csv'), ws));
    assert.ok(!isInsideFolders(file('/home/me/course/notes/../../x.csv'), ws));
    assert.ok(!isInsideFolders(file('/etc/passwd'), ws));
    assert.ok(!isInsideFolders(file('/home/me/course-old/data.csv'), ws), 'a whole segment, not a string prefix');
    assert.ok(!isInsideFolders(file('/home/me/course/../course-old/data.csv'), ws));
  });

  it('a folder path with .. is resolved too', () => {
    assert.ok(isInsideFolders(file('/home/me/course/a.csv'), [file('/home/me/x/../course')]));
    assert.ok(!isInsideFolders(file('/home/me/x/a.csv'), [file('/home/me/x/../course')]));
  });

  it('any of several folders (a multi-root workspace) will do; no folders means outside', () => {
    const two = [file('/work/a'), file('/work/b')];
    assert.ok(isInsideFolders(file('/work/b/data.csv'), two));
    assert.ok(!isInsideFolders(file('/work/c/data.csv'), two));
    assert.ok(!isInsideFolders(file('/work/a/data.csv'), []));
  });

  it('another scheme or authority is outside, whatever the path', () => {
    assert.ok(
      !isInsideFolders({ scheme: 'vscode-remote', authority: 'ssh-remote+box', path: '/home/me/course/a.csv' }, ws),
    );
    const remote = [{ scheme: 'vscode-remote', authority: 'ssh-remote+box', path: '/home/me/course' }];
    assert.ok(
      isInsideFolders({ scheme: 'vscode-remote', authority: 'SSH-REMOTE+box', path: '/home/me/course/a.csv' }, remote),
      'authority case does not matter',
    );
    assert.ok(
      !isInsideFolders(
        { scheme: 'vscode-remote', authority: 'ssh-remote+other', path: '/home/me/course/a.csv' },
        remote,
      ),
    );
  });

  it('path case counts unless the file system ignores it', () => {
    const win = [file('/c:/Users/Me/Course')];
    assert.ok(!isInsideFolders(file('/C:/users/me/course/a.csv'), win));
    assert.ok(isInsideFolders(file('/C:/users/me/course/a.csv'), win, { ignoreCase: true }));
    assert.ok(!isInsideFolders(file('/C:/users/me/course-2/a.csv'), win, { ignoreCase: true }));
  });

  it('a folder at the root holds everything on its file system', () => {
    assert.ok(
      isInsideFolders({ scheme: 'memfs', authority: '', path: '/x/y.csv' }, [
        { scheme: 'memfs', authority: '', path: '/' },
      ]),
    );
  });
});

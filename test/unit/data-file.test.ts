import * as assert from 'assert';
import { normalizeSlashPath } from '../../src/core';
import { DataFileReader, MAX_FILE_BYTES, type DataFileHost } from '../../src/features/snippets/dataFile';

/** A URI of the fake file system: core's PathLocation, named by its path. */
interface FakeUri {
  scheme: string;
  authority: string;
  path: string;
}
/** Paths are normalized as vscode.Uri.joinPath does (`..` resolved). */
const file = (p: string): FakeUri & { toString(): string } => ({
  scheme: 'file',
  authority: '',
  path: normalizeSlashPath(p),
  toString: () => `file://${normalizeSlashPath(p)}`,
});
const dirOf = (p: string) => p.slice(0, p.lastIndexOf('/'));

interface Fake {
  files: Map<string, string | number>; // text, or a size for a file too big to hold
  links: Map<string, string>; // symbolic link -> where it leads
  folders: string[];
  trusted: boolean;
  answer: boolean;
  asked: string[];
  told: string[];
  read: string[];
}

function fakeHost(f: Fake): DataFileHost<ReturnType<typeof file>> {
  const real = (p: string) => f.links.get(p) ?? p;
  return {
    fs: {
      stat: async (u) => {
        const v = f.files.get(real(u.path));
        if (v === undefined) throw new Error('ENOENT');
        return { size: typeof v === 'number' ? v : v.length };
      },
      readFile: async (u) => {
        f.read.push(u.path);
        return new TextEncoder().encode(String(f.files.get(real(u.path))));
      },
      realPath: async (u) => file(real(u.path)),
    },
    workspaceFolders: () => f.folders.map(file),
    inWorkspace: (doc) => f.folders.some((w) => doc.path.startsWith(`${w}/`)),
    isTrusted: () => f.trusted,
    ignoreCase: () => false,
    candidates: (doc, ref) =>
      ref.startsWith('/')
        ? [file(ref)]
        : [file(`${dirOf(doc.path)}/${ref}`), ...f.folders.map((w) => file(`${w}/${ref}`))],
    shown: (u) => u.path,
    noteName: (doc) => doc.path,
    refuseRestricted: (shown) => {
      f.told.push(`restricted ${shown}`);
      return `restricted ${shown}`;
    },
    askToRead: async (shown) => {
      f.asked.push(shown);
      return f.answer;
    },
    declined: (shown) => {
      f.told.push(`declined ${shown}`);
      return `declined ${shown}`;
    },
    tooBig: (ref, mb, limit) => `${ref} ${mb}/${limit}`,
    notFound: (ref) => `not found ${ref}`,
    log: { info: () => undefined, warn: () => undefined },
  };
}

function setup(over: Partial<Fake> = {}) {
  const f: Fake = {
    files: new Map<string, string | number>([
      ['/ws/notes/data.csv', 'x,y\n1,2'],
      ['/ws/shared.csv', 'a,b\n3,4'],
      ['/home/secret.csv', 'p,q\n5,6'],
    ]),
    links: new Map(),
    folders: ['/ws'],
    trusted: true,
    answer: false,
    asked: [],
    told: [],
    read: [],
    ...over,
  };
  return { f, reader: new DataFileReader(fakeHost(f)) };
}
const note = file('/ws/notes/note.md');

describe('data files of regression blocks: where they may be read from', () => {
  it('reads a file beside the note, then one in a workspace folder, without asking', async () => {
    const { f, reader } = setup();
    const beside = await reader.read(note, 'data.csv');
    assert.ok('text' in beside && beside.uri.path === '/ws/notes/data.csv' && beside.text === 'x,y\n1,2');
    const shared = await reader.read(note, 'shared.csv');
    assert.ok('text' in shared && shared.uri.path === '/ws/shared.csv');
    assert.deepStrictEqual(f.asked, []);
  });

  it('asks before reading a file outside the workspace; declined, nothing is read and the user was told', async () => {
    const { f, reader } = setup();
    const r = await reader.read(note, '../../home/secret.csv');
    assert.deepStrictEqual(r, { problem: 'declined /home/secret.csv', told: true });
    assert.deepStrictEqual(f.asked, ['/home/secret.csv']);
    assert.deepStrictEqual(f.read, []);
  });

  it('allowed once, the same file is read again this session without asking', async () => {
    const { f, reader } = setup({ answer: true });
    const first = await reader.read(note, '/home/secret.csv');
    assert.ok('text' in first && first.text === 'p,q\n5,6');
    f.answer = false;
    const again = await reader.read(note, '/home/secret.csv');
    assert.ok('text' in again, 'not asked again');
    assert.strictEqual(f.asked.length, 1);
  });

  it('in Restricted Mode refuses a file outside the workspace without asking, and still reads inside it', async () => {
    const { f, reader } = setup({ trusted: false, answer: true });
    assert.deepStrictEqual(await reader.read(note, '/home/secret.csv'), {
      problem: 'restricted /home/secret.csv',
      told: true,
    });
    assert.deepStrictEqual(f.asked, []);
    assert.deepStrictEqual(f.read, []);
    assert.ok('text' in (await reader.read(note, 'data.csv')));
  });

  it('a symbolic link inside the workspace that leads out is outside', async () => {
    const { f, reader } = setup({ links: new Map([['/ws/notes/link.csv', '/home/secret.csv']]) });
    assert.deepStrictEqual(await reader.read(note, 'link.csv'), { problem: 'declined /home/secret.csv', told: true });
    assert.deepStrictEqual(f.asked, ['/home/secret.csv']);
  });

  it('a note in no workspace folder reads as before (there is no workspace to stay in)', async () => {
    const { f, reader } = setup();
    const r = await reader.read(file('/tmp/note.md'), '/home/secret.csv');
    assert.ok('text' in r && r.text === 'p,q\n5,6');
    assert.deepStrictEqual(f.asked, []);
  });

  it('refuses a file over the size limit before reading it, and says when nothing is found', async () => {
    const { f, reader } = setup();
    f.files.set('/ws/notes/big.csv', MAX_FILE_BYTES + 1);
    assert.deepStrictEqual(await reader.read(note, 'big.csv'), { problem: 'big.csv 256/256' });
    assert.deepStrictEqual(await reader.read(note, 'none.csv'), { problem: 'not found none.csv' });
    assert.deepStrictEqual(f.read, []);
  });
});

// Faults during writes, in the real VS Code (issue 7): files served by a FileSystemProvider registered here
// (scheme `il-faulty`, not `file:`) whose writes can be made to fail. Repair File Encoding must leave the
// original intact whichever write fails, reading progress and scroll positions that cannot be saved must stay
// as they were while the lesson still works, a definition note refused by a read-only note (a provider
// registered read-only) must change nothing, and each failure must say so (a message and a log line of
// "Interp Lessons").
// The same provider stands for a virtual workspace: a note's `file:` data is read there, and Open as Python
// never invents a local path for it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { damageAsCodePage, type KeyValueStore } from '../../src/core';
import { StateKeys } from '../../src/constants';
import type { Log } from '../../src/features/shared/deps';
import type { LessonsApi } from '../../src/features/lessons/register';
import type { StateWriteResult } from '../../src/features/lessons/stateWrites';
import { extensionApi, nextRender } from './helpers/lessons';
import { interceptWarnings } from './helpers/messages';
import { MemoryFs as FaultyFs } from '../common/memoryFs';

const SCHEME = 'il-faulty';
const FIXTURE = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'aero-module15');

/** Log lines written while `fn` runs (the extension's shared log, wrapped for the test). */
async function logged<T>(lessons: LessonsApi, fn: () => Promise<T>): Promise<{ value: T; lines: string[] }> {
  const log = (lessons.reader as unknown as { deps: { log: Log } }).deps.log;
  const original = { info: log.info, warn: log.warn, error: log.error };
  const lines: string[] = [];
  log.info = (m) => {
    lines.push(`info ${m}`);
    original.info(m);
  };
  log.warn = (m) => {
    lines.push(`warn ${m}`);
    original.warn(m);
  };
  log.error = (m, e) => {
    lines.push(`error ${m}`);
    original.error(m, e);
  };
  try {
    return { value: await fn(), lines };
  } finally {
    Object.assign(log, original);
  }
}

describe('Write faults', function () {
  this.timeout(180_000);
  const faulty = new FaultyFs();
  let registration: vscode.Disposable;
  const original = fs.readFileSync(
    path.join(FIXTURE, 'aero_llm_02_how_does_mech_interp_relate_to_ai_safety.md'),
    'utf8',
  );
  const damaged = Buffer.from(damageAsCodePage(original, 'windows-1252'), 'utf8');

  before(() => {
    registration = vscode.workspace.registerFileSystemProvider(SCHEME, faulty, { isCaseSensitive: true });
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    registration.dispose();
  });

  it('Repair File Encoding: a backup that cannot be written leaves the file untouched, and says so', async () => {
    const { lessons } = await extensionApi();
    faulty.files.set('/course/a.md', new Uint8Array(damaged));
    faulty.failWrite = (p) => p.endsWith('.bak');
    const uri = vscode.Uri.from({ scheme: SCHEME, path: '/course/a.md' });
    const { value, lines } = await logged(lessons, () => lessons.repairEncoding(uri, { confirmed: true }));
    assert.strictEqual(value, false);
    assert.ok(Buffer.from(faulty.files.get('/course/a.md')!).equals(damaged), 'the file is byte for byte the original');
    assert.ok(!faulty.files.has('/course/a.md.bak'));
    assert.ok(
      lines.some((l) =>
        /^error repair il-faulty:\/course\/a\.md: Could not write the backup a\.md\.bak \(.*read-only \(test\).*\); a\.md was not changed\./.test(
          l,
        ),
      ),
      lines.join('\n'),
    );
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    assert.ok(!doc?.isDirty, 'no unsaved repair left in the editor');
  });

  it('Repair File Encoding: a file that cannot be saved keeps its original, and the backup is whole', async () => {
    const { lessons } = await extensionApi();
    faulty.files.set('/course/b.md', new Uint8Array(damaged));
    faulty.failWrite = (p) => p === '/course/b.md';
    const uri = vscode.Uri.from({ scheme: SCHEME, path: '/course/b.md' });
    const { value, lines } = await logged(lessons, () => lessons.repairEncoding(uri, { confirmed: true }));
    assert.strictEqual(value, false);
    assert.ok(Buffer.from(faulty.files.get('/course/b.md')!).equals(damaged), 'the file is byte for byte the original');
    assert.ok(
      Buffer.from(faulty.files.get('/course/b.md.bak')!).equals(damaged),
      'the backup holds the whole original',
    );
    assert.ok(
      lines.some((l) =>
        /^error repair il-faulty:\/course\/b\.md: Could not write b\.md; the backup b\.md\.bak is kept\./.test(l),
      ),
      lines.join('\n'),
    );
    // The unsaved repair stays in the editor for the user to save elsewhere or undo; drop it here.
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc?.isDirty) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('Reading progress that cannot be saved: the lesson opens, progress is unchanged, and it says so', async () => {
    const { lessons } = await extensionApi();
    const course = await lessons.courses.get();
    const unread = course.lessons.find((l) => lessons.progress.get(l.id) === 'unread');
    assert.ok(unread, 'an unread lesson');
    const store = lessons.progress as unknown as { store: KeyValueStore; key: string };
    const real = store.store;
    const before = JSON.stringify(real.get(store.key));
    store.store = { get: (k) => real.get(k), update: () => Promise.reject(new Error('storage is full (test)')) };
    try {
      const page = nextRender(lessons, unread.id, 60_000);
      const { value, lines } = await logged(lessons, () => lessons.reader.show({ lessonId: unread.id }));
      assert.strictEqual(value, true, 'the lesson is shown although progress cannot be saved');
      await page;
      await assert.doesNotReject(
        Promise.resolve(
          vscode.commands.executeCommand('interpLessons.markRead', { kind: 'lesson', lessonId: unread.id }),
        ),
      );
      assert.strictEqual(lessons.progress.get(unread.id), 'unread');
      assert.strictEqual(JSON.stringify(real.get(store.key)), before, 'the stored record is unchanged');
      assert.ok(
        lines.some((l) =>
          l.startsWith(
            `error Could not save your reading progress (${unread.id}): storage is full (test). What was saved before is unchanged.`,
          ),
        ),
        lines.join('\n'),
      );
    } finally {
      store.store = real;
    }
  });

  it('Scroll positions that cannot be saved: the reader keeps them, what was stored stays, one log line and one message', async () => {
    const { lessons } = await extensionApi();
    const { reader } = lessons;
    const course = await lessons.courses.get();
    const lesson = [...course.lessons].sort((a, b) => b.sections.length - a.sections.length)[0];
    const other = course.lessons.find((l) => l !== lesson)!;
    const n = lesson.sections.length;
    assert.ok(n >= 5, `a lesson with sections to scroll through (${n})`);
    // Away from the lesson's end: reaching it would mark the lesson read (a progress write, not this test's).
    const targets = [
      lesson.sections[Math.floor(n * 0.2)],
      lesson.sections[Math.floor(n * 0.6)],
      lesson.sections[Math.floor(n * 0.4)],
    ];
    let page = nextRender(lessons, lesson.id, 60_000);
    await reader.show({ lessonId: lesson.id, section: lesson.sections[0].id });
    await page;
    let real!: KeyValueStore;
    // Each save through the failing storage is announced, so a save of the real storage still in flight from the
    // show above (its result may come after this point) is not taken for one of this test's.
    let failedSave: (() => void) | undefined;
    const restoreStorage = reader.testing.setScrollStorage((storage) => {
      real = storage;
      return {
        get: (k) => storage.get(k),
        update: () => {
          failedSave?.();
          return Promise.reject(new Error('storage is full (test)'));
        },
      };
    });
    const storedScroll = JSON.stringify(real.get(StateKeys.scroll));
    const storedProgress = JSON.stringify(real.get(StateKeys.progress));
    // The message is once per session; start this test's session afresh.
    lessons.stateWrites.testing.newSession();
    const warnings = interceptWarnings();
    try {
      let last: { heading?: string } | undefined;
      const { lines } = await logged(lessons, async () => {
        for (const section of targets) {
          const scrolled = new Promise<{ heading?: string }>((resolve) => {
            const sub = reader.onDidScroll((e) => {
              if (e.lessonId === lesson.id) {
                sub.dispose();
                resolve(e);
              }
            });
          });
          // The save runs a second after the scroll report, through the failing storage: wait for that attempt,
          // then for the write it belongs to, which must be reported as not saved.
          const attempted = new Promise<void>((resolve) => (failedSave = resolve));
          const written = attempted.then(
            () =>
              new Promise<StateWriteResult>((resolve) => {
                const sub = lessons.stateWrites.onDidWrite((w) => {
                  if (w.what !== 'scroll positions' || w.saved) return;
                  sub.dispose();
                  resolve(w);
                });
              }),
          );
          reader.scrollTo(section.id);
          last = await scrolled;
          assert.strictEqual((await written).saved, false, `the save after scrolling to ${section.id}`);
        }
      });
      assert.strictEqual(
        JSON.stringify(real.get(StateKeys.scroll)),
        storedScroll,
        'the stored positions are unchanged',
      );
      assert.strictEqual(JSON.stringify(real.get(StateKeys.progress)), storedProgress, 'reading progress is unchanged');
      const failures = lines.filter((l) =>
        l.startsWith(
          'error Could not save your reading progress (scroll positions): storage is full (test). What was saved before is unchanged.',
        ),
      );
      assert.strictEqual(failures.length, 1, `one log line for three failed saves:\n${lines.join('\n')}`);
      assert.deepStrictEqual(
        warnings.shown.map((w) => w.message),
        [failures[0].slice('error '.length)],
        'one message, not one per save',
      );
      // The lesson keeps working: another lesson, then back to this one where it was left.
      page = nextRender(lessons, other.id, 60_000);
      assert.strictEqual(await reader.show({ lessonId: other.id }), true);
      await page;
      page = nextRender(lessons, lesson.id, 60_000);
      assert.strictEqual(await reader.show({ lessonId: lesson.id }), true);
      assert.ok(last?.heading, 'the page reported the heading on screen');
      assert.strictEqual((await page).visibleHeading, last.heading, 'back at the position of this session');
    } finally {
      warnings.restore();
      restoreStorage();
    }
  });

  it('Insert Definition as Note into a read-only note: the note is unchanged, and it says so', async () => {
    const { lessons } = await extensionApi();
    const readonly = new FaultyFs();
    const text = '# Note\n\nA linear probe reads a direction.\n';
    readonly.files.set('/notes/ro.md', new TextEncoder().encode(text));
    const sub = vscode.workspace.registerFileSystemProvider(`${SCHEME}-readonly`, readonly, {
      isCaseSensitive: true,
      isReadonly: true,
    });
    const warnings = interceptWarnings();
    try {
      const uri = vscode.Uri.from({ scheme: `${SCHEME}-readonly`, path: '/notes/ro.md' });
      const doc = await vscode.workspace.openTextDocument(uri);
      assert.strictEqual(doc.languageId, 'markdown');
      const editor = await vscode.window.showTextDocument(doc);
      const at = doc.positionAt(text.indexOf('linear probe') + 3);
      editor.selection = new vscode.Selection(at, at);
      const { lines } = await logged(lessons, async () =>
        vscode.commands.executeCommand('interpLessons.insertDefinition'),
      );
      assert.strictEqual(doc.getText(), text, 'the note is unchanged');
      assert.ok(!doc.isDirty);
      assert.strictEqual(new TextDecoder().decode(readonly.files.get('/notes/ro.md')), text);
      assert.deepStrictEqual(
        warnings.shown.map((w) => w.message),
        ['The definition note could not be inserted: the file changed or is read-only. Nothing was changed.'],
      );
      assert.ok(
        lines.includes(
          `warn Insert Definition as Note: the edit to ${uri.toString(true)} was refused; nothing was inserted`,
        ),
        lines.join('\n'),
      );
    } finally {
      warnings.restore();
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      sub.dispose();
    }
  });

  it('a note in another file system: its data file is read there, Open as Python names no local path', async () => {
    const { snippets } = await extensionApi();
    const rows = [
      'hours,score',
      ...Array.from({ length: 6000 }, (_, i) => `${(i % 40) / 4},${50 + (i % 40) + (i % 7)}`),
    ];
    faulty.failWrite = () => false;
    faulty.files.set('/notes/data/study.csv', new TextEncoder().encode(`${rows.join('\n')}\n`));
    faulty.files.set(
      '/notes/note.md',
      new TextEncoder().encode('# Note\n\n```regression\nscore ~ hours\nfile: /notes/data/study.csv\n```\n'),
    );
    const note = vscode.Uri.from({ scheme: SCHEME, path: '/notes/note.md' });
    const rendered = new Promise<void>((resolve) => {
      const sub = snippets.onDidRender(() => {
        sub.dispose();
        resolve();
      });
    });
    const failed = new Promise<string>((resolve) => {
      const sub = snippets.onDidFail((f) => {
        sub.dispose();
        resolve(f.message);
      });
    });
    await vscode.commands.executeCommand('interpLessons._runRegressionBlock', note.toString(), 2);
    const outcome = await Promise.race([rendered.then(() => 'rendered'), failed]);
    assert.strictEqual(outcome, 'rendered');
    const script = snippets.lastPython() ?? '';
    assert.match(script, /# It was read from il-faulty:\/notes\/data\/study\.csv, not from this disk/);
    assert.match(script, /with open\("study\.csv", newline=""\)/);
    assert.doesNotMatch(script, /open\("\/notes/, 'no made-up local path');
  });
});

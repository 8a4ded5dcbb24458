// Defects 5, 6, 8 and 10 of issue 15 in the real VS Code: edits to two glossary files within the debounce
// both apply; the glossary entry page and the results panel drop their listeners when closed; a malformed
// vscode:// lesson link gets a message instead of a URIError; a failing render on the entry page is said
// on the page and in the log instead of being an unhandled rejection.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { builtinGlossary, type ResultView } from '../../src/core';
import { GlossaryEntryPanel } from '../../src/features/glossary/entryPanel';
import { LessonIndex } from '../../src/features/glossary/lessonIndex';
import type { Log } from '../../src/features/shared/deps';
import { ResultsPanel } from '../../src/features/snippets/resultsPanel';
import { extensionApi } from './helpers/lessons';
import { interceptWarnings } from './helpers/messages';
import { until } from './helpers/until';
import { writeWorkspaceFile } from './helpers/workspace';
import { EXTENSION_ID, type ExtensionApi } from './helpers/api';

function extension(): vscode.Extension<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed`);
  return ext;
}

/** A log that keeps its lines in `lines` (what the extension's own Log does, without an output channel). */
function memoryLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  const add = (level: string) => (m: string, e?: unknown) =>
    lines.push(`${level} ${m}${e === undefined ? '' : `: ${e instanceof Error ? e.message : String(e)}`}`);
  return {
    lines,
    info: add('info'),
    warn: add('warn'),
    error: add('error'),
    recent: () => lines,
    mark: () => lines.length,
    linesSince: (since) => lines.slice(since),
  };
}

function webviewTabs(viewType: string, label?: string): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter(
      (t) =>
        t.input instanceof vscode.TabInputWebview &&
        t.input.viewType.endsWith(viewType) &&
        (label === undefined || t.label === label),
    );
}

/** Closes the tabs of a webview as the user does (the tab's close button), and waits until they are gone. */
async function closeWebviewTabs(viewType: string, label?: string): Promise<void> {
  await until(`the ${viewType} tab`, () => webviewTabs(viewType, label).length > 0);
  await vscode.window.tabGroups.close(webviewTabs(viewType, label));
  await until(`the ${viewType} tab closed`, () => webviewTabs(viewType, label).length === 0);
}

const glossaryFile = (id: string, definition: string) =>
  JSON.stringify(
    { version: 1, entries: [{ id, terms: { en: [id], vi: [id] }, definition: { en: definition, vi: definition } }] },
    null,
    2,
  );

describe('Issue 15 defects', function () {
  this.timeout(120_000);

  before(async () => {
    await extensionApi();
  });

  it('defect 5: unsaved edits to two glossary files within the 300 ms debounce both apply', async () => {
    const g = (await extensionApi()).glossary;
    const files = [
      await writeWorkspaceFile('debounce-a.json', glossaryFile('debounce-alpha', 'Alpha one.')),
      await writeWorkspaceFile('debounce-b.json', glossaryFile('debounce-beta', 'Beta one.')),
    ];
    // Unsaved edits: this host saves after a delay by default, and the save (a file change) would reload both.
    const fileSettings = vscode.workspace.getConfiguration('files');
    await fileSettings.update('autoSave', 'off', vscode.ConfigurationTarget.Workspace);
    const settings = vscode.workspace.getConfiguration('interpLessons');
    await settings.update(
      'glossary.files',
      ['debounce-a.json', 'debounce-b.json'],
      vscode.ConfigurationTarget.Workspace,
    );
    const definition = (id: string) => g.service.glossary.byId.get(id)?.definition.en;
    try {
      await until('both user files', () => definition('debounce-alpha') && definition('debounce-beta'));
      const docs = await Promise.all(files.map((f) => vscode.workspace.openTextDocument(f)));
      // File A, then file B in the same instant (one workspace edit): well within one debounce period.
      const edit = new vscode.WorkspaceEdit();
      for (const [doc, from, to] of [
        [docs[0], 'Alpha one.', 'Alpha two.'],
        [docs[1], 'Beta one.', 'Beta two.'],
      ] as const) {
        const at = doc.getText().indexOf(from);
        edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + from.length)), to);
      }
      assert.ok(await vscode.workspace.applyEdit(edit));
      await until('the edit to file B', () => definition('debounce-beta') === 'Beta two.', 10_000);
      // A's timer may fire a moment after B's; then A must have applied too.
      await until(
        'the edit to file A (dropped when one timer served both files)',
        () => definition('debounce-alpha') === 'Alpha two.',
        3_000,
      );
      assert.ok(
        docs.every((d) => d.isDirty),
        'the edits are unsaved',
      );
    } finally {
      for (const f of files) {
        await vscode.window.showTextDocument(f);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
      await settings.update('glossary.files', undefined, vscode.ConfigurationTarget.Workspace);
      await fileSettings.update('autoSave', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('defect 6: closing the glossary entry page drops its listeners (opened and closed five times)', async () => {
    const g = (await extensionApi()).glossary;
    if (g.panel.shownId) await closeWebviewTabs('interpLessons.glossaryEntry');
    for (let i = 0; i < 5; i++) {
      await vscode.commands.executeCommand('interpLessons._showTerm', { id: 'superposition' });
      assert.strictEqual(g.panel.shownId, 'superposition');
      await closeWebviewTabs('interpLessons.glossaryEntry');
      await until('the entry page disposed', () => g.panel.shownId === undefined);
    }
    assert.strictEqual(g.panel.subscriptionCount, 0, 'listeners left behind by five closed pages');
  });

  it('defect 6: closing the results panel drops its listeners (shown and closed five times)', async () => {
    const panel = new ResultsPanel(extension().extensionUri);
    try {
      for (let i = 0; i < 5; i++) {
        const title = `Listener test ${i}`;
        const view: ResultView = {
          runId: i,
          snippetId: 'listener-test',
          status: 'done',
          title,
          revealOnClick: false,
          params: [],
          summary: [['x', '1']],
          notes: [],
          tables: [],
          plots: [],
          canRerun: false,
          rerunLabel: 'Run again',
        };
        panel.show(view);
        assert.ok(panel.visible);
        await closeWebviewTabs('interpLessons.snippetResults', title);
        await until('the results panel disposed', () => !panel.visible);
      }
      assert.strictEqual(panel.subscriptionCount, 0, 'listeners left behind by five closed panels');
    } finally {
      panel.dispose();
    }
  });

  it('defect 8: a vscode:// lesson link with a malformed escape gets a message, not a URIError', async () => {
    const warnings = interceptWarnings();
    try {
      for (const link of ['/lesson/%E0%A4%A', '/lesson?id=%E0%A4%A']) {
        const before = warnings.shown.length;
        const uri = vscode.Uri.parse(`${vscode.env.uriScheme}://${EXTENSION_ID}${link}`);
        await vscode.commands.executeCommand('vscode.open', uri);
        const shown = await until(`a message for ${link}`, () => warnings.shown.slice(before)[0], 15_000);
        assert.match(shown.message, /does not lead to a lesson|was not found/, shown.message);
      }
    } finally {
      warnings.restore();
    }
  });

  it('defect 10: a render error on the glossary entry page is said on the page and logged, not thrown', async () => {
    const ext = extension();
    const log = memoryLog();
    const panel = new GlossaryEntryPanel(
      ext.extensionUri,
      () => builtinGlossary(),
      () => 'en',
      new LessonIndex(vscode.Uri.joinPath(ext.extensionUri, 'lessons')),
      log,
      {
        renderOnHost: () => {
          throw new Error('injected render failure');
        },
      },
    );
    try {
      assert.strictEqual(await panel.show('superposition'), false);
      assert.match(panel.html ?? '', /injected render failure/, 'the page says what went wrong');
      assert.ok(
        log.lines.some((l) => /^error .*superposition.*injected render failure/.test(l)),
        log.lines.join('\n'),
      );
    } finally {
      panel.dispose();
    }
  });
});

// One RenderService for the reader and the glossary entry page (issue 15): sharedRenderService gives one per
// activation (per Deps), and an entry page given a service renders with that service's limits.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { builtinGlossary, renderLesson } from '../../src/core';
import { GlossaryEntryPanel } from '../../src/features/glossary/entryPanel';
import { LessonIndex } from '../../src/features/glossary/lessonIndex';
import type { Deps, Log } from '../../src/features/shared/deps';
import { sharedRenderService } from '../../src/features/shared/render/sharedRenderService';
import { EXTENSION_ID, type ExtensionApi } from './helpers/api';

const quietLog: Log = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  recent: () => [],
  mark: () => 0,
  linesSince: () => [],
};

describe('Shared render service', function () {
  this.timeout(60_000);

  it('one service per activation: asked twice with the same Deps, the same one; other Deps, another', () => {
    const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
    assert.ok(ext);
    const context = { extensionUri: ext.extensionUri } as vscode.ExtensionContext;
    const deps = { log: quietLog } as Deps;
    const service = sharedRenderService(context, deps);
    assert.strictEqual(sharedRenderService(context, deps), service);
    assert.notStrictEqual(sharedRenderService(context, { log: quietLog } as Deps), service);
  });

  it("the glossary entry page renders with the given service's budget", async () => {
    const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
    assert.ok(ext);
    const context = { extensionUri: ext.extensionUri } as vscode.ExtensionContext;
    const service = sharedRenderService(context, { log: quietLog } as Deps);
    const budgets: number[] = [];
    const panel = new GlossaryEntryPanel(
      ext.extensionUri,
      () => builtinGlossary(),
      () => 'en',
      new LessonIndex(vscode.Uri.joinPath(ext.extensionUri, 'lessons')),
      quietLog,
      {
        renderService: service,
        renderOnHost: (markdown, budgetMs) => {
          budgets.push(budgetMs);
          return renderLesson(markdown, { budgetMs });
        },
      },
    );
    const restore = service.testing.setHostBudget(4321);
    try {
      assert.strictEqual(await panel.show('superposition'), true);
      assert.deepStrictEqual(budgets, [4321]);
      assert.strictEqual(panel.lastRender?.where, 'host');
      // The page's testing API is the shared service's: what a test sets there, every user of the service sees.
      assert.strictEqual(panel.testing, service.testing);
    } finally {
      restore();
      panel.dispose();
    }
  });

  it('the reader and the glossary entry page of the running extension use that one service', async () => {
    const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
    assert.ok(ext);
    const api = await ext.activate();
    // The reader's testing API spreads its service's: the same functions, so the same service.
    assert.strictEqual(api.lessons.reader.testing.setHostBudget, api.glossary.panel.testing.setHostBudget);
  });
});

// The extension as a user gets it: present, activates, registers what its package.json promises,
// and its tree lists the shipped lessons.
import * as assert from 'assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'interp-lessons.interp-lessons';

interface LessonTreeApi {
  getChildren(element?: unknown): vscode.ProviderResult<unknown[]>;
  getTreeItem(element: unknown): vscode.TreeItem | Thenable<vscode.TreeItem>;
}
interface ExtensionApi {
  lessons: { tree: LessonTreeApi };
}

async function activated(): Promise<vscode.Extension<ExtensionApi>> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed`);
  await ext.activate();
  return ext;
}

async function children(tree: LessonTreeApi, element?: unknown): Promise<unknown[]> {
  return (await tree.getChildren(element)) ?? [];
}

describe('Activation', () => {
  it('is present and activates when its view opens', async () => {
    const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    await vscode.commands.executeCommand('workbench.view.extension.interpLessons');
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
    assert.ok(ext.exports?.lessons?.tree, 'activate() returns the API the tests use (lessons.tree)');
  });

  it('is the copy the runner installed (the packaged .vsix in --vsix mode)', function () {
    // Set by test/host/run.mjs; other runners (@vscode/test-cli) do not, and nothing is checked there.
    const expected = process.env.INTERP_TEST_EXTENSION_PATH;
    if (!expected) this.skip();
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.strictEqual(ext?.extensionPath, expected);
  });

  it('registers every command declared in package.json', async () => {
    const ext = await activated();
    const declared: string[] = (ext.packageJSON.contributes?.commands ?? []).map((c: { command: string }) => c.command);
    assert.ok(declared.length > 0, 'package.json declares commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = declared.filter((id) => !registered.has(id));
    assert.deepStrictEqual(missing, [], `declared in package.json but not registered: ${missing.join(', ')}`);
  });

  it('shows the lessons in the tree', async () => {
    const { exports: api } = await activated();
    const tree = api.lessons.tree;
    // Generic on purpose (the tree's shape is still changing): the lessons are either the top-level
    // items or the children of top-level groups (e.g. a module). Count whichever level is larger.
    const top = await children(tree);
    let lessons = top;
    if (top.length < 5) {
      const nested = (await Promise.all(top.map((n) => children(tree, n)))).flat();
      if (nested.length > lessons.length) lessons = nested;
    }
    assert.ok(lessons.length >= 5, `expected the five lessons in the tree, got ${lessons.length}`);
    for (const node of lessons) {
      const item = await tree.getTreeItem(node);
      const label = typeof item.label === 'string' ? item.label : item.label?.label;
      assert.ok(label && label.trim().length > 0, 'every lesson has a visible label');
    }
  });
});

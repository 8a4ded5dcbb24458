// First contact: the Lessons view's welcome content for a course folder without lessons, and the
// walkthrough's contributions as the installed extension has them.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { Walkthroughs } from '../../src/constants';
import { extensionApi } from './helpers/lessons';
import { until } from './helpers/until';

const EXTENSION_ID = 'interp-lessons.interp-lessons';

describe('Onboarding', function () {
  this.timeout(120_000);
  let empty: string;

  before(() => {
    empty = fs.mkdtempSync(path.join(os.tmpdir(), 'il-empty-course-'));
    fs.writeFileSync(path.join(empty, 'README.md'), '# Not a lesson\n');
  });
  after(async () => {
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('courseFolder', undefined, vscode.ConfigurationTarget.Global);
    fs.rmSync(empty, { recursive: true, force: true });
  });

  it('an empty course folder leaves the Lessons tree empty and without a message, so its welcome shows', async () => {
    const { lessons } = await extensionApi();
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('courseFolder', empty, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.view.extension.interpLessons');
    assert.ok(lessons.treeView.description, 'the shipped lessons\' "n/m read" before');
    await until('the folder course', async () => (await lessons.courses.get()).kind === 'folder');
    assert.deepStrictEqual(await lessons.tree.getChildren(), []);
    // A message would hide the welcome content (VS Code shows it only for an empty tree without a message). The
    // view's description, cleared for a course without lessons, is set in the same step as the message.
    await until('the view described for the empty folder', () => lessons.treeView.description === undefined);
    assert.strictEqual(lessons.treeView.message, undefined);

    // Back to the shipped lessons: the tree fills again.
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('courseFolder', undefined, vscode.ConfigurationTarget.Global);
    await until('the shipped lessons', async () => (await lessons.tree.getChildren()).length > 0);
  });

  it('the installed manifest has the walkthrough, and its Markdown media exist', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const walkthrough = (
      ext.packageJSON.contributes.walkthroughs as { id: string; steps: { media: { markdown: string } }[] }[]
    ).find((w) => w.id === Walkthroughs.gettingStarted);
    assert.ok(walkthrough, 'walkthrough contributed');
    assert.strictEqual(walkthrough.steps.length, 4);
    for (const step of walkthrough.steps) {
      const uri = vscode.Uri.joinPath(ext.extensionUri, step.media.markdown);
      // In the installed copy the %key% placeholders are resolved to a path.
      assert.ok(!/%/.test(step.media.markdown), step.media.markdown);
      await vscode.workspace.fs.stat(uri);
    }
  });
});

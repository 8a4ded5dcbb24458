// Restricted mode: `node test/host/run.mjs --restricted --grep "Restricted mode"` turns workspace trust on
// and leaves the test folder untrusted. package.json declares `capabilities.untrustedWorkspaces.supported:
// "limited"`: the extension never executes anything from a workspace (lessons, glossary files and regression
// data are data), and the one thing it holds back there is reading a note's data file from outside the
// workspace. These tests hold the declaration to that: the extension runs, a workspace glossary file loads
// and hovers, a course folder in the workspace renders inert, a note's regression block computes (in-process
// arithmetic, no interpreter), and a data file outside the workspace is refused while one inside loads.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { RenderReport } from '../../src/core';
import { interceptWarnings } from './helpers/messages';
import { clickLens, regressionLenses } from './helpers/snippets';
import { until } from './helpers/until';
import { workspaceFolder, writeWorkspaceFile as write } from './helpers/workspace';
import { extensionApi as api } from './helpers/api';

if (process.env.INTERP_TEST_RESTRICTED === '1') {
  describe('Restricted mode', function () {
    this.timeout(120_000);
    after(async () => {
      const config = vscode.workspace.getConfiguration('interpLessons');
      await config.update('glossary.files', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('courseFolder', undefined, vscode.ConfigurationTarget.Workspace);
    });

    it('the workspace is untrusted and the extension is active in it', async () => {
      assert.strictEqual(vscode.workspace.isTrusted, false, 'the runner left the folder untrusted');
      const ext = vscode.extensions.getExtension('interp-lessons.interp-lessons');
      await api();
      assert.strictEqual(ext?.isActive, true);
    });

    it('a glossary file in the workspace still loads (it is data) and its term hovers in a note', async () => {
      const { glossary } = await api();
      await write(
        'restricted-glossary.json',
        JSON.stringify({
          version: 1,
          entries: [
            {
              id: 'quux-probe',
              terms: { en: ['quux probe'], vi: ['đầu dò quux'] },
              definition: { en: 'A made-up probe for the restricted-mode test.', vi: 'Một đầu dò bịa ra.' },
            },
          ],
        }),
      );
      await vscode.workspace
        .getConfiguration('interpLessons')
        .update('glossary.files', ['restricted-glossary.json'], vscode.ConfigurationTarget.Workspace);
      await until('the workspace entry', async () => {
        await glossary.service.ready();
        return glossary.service.glossary.byId.has('quux-probe');
      });
      const note = await write('restricted-note.md', '# Notes\n\nToday I trained a quux probe.\n');
      const doc = await vscode.workspace.openTextDocument(note);
      const at = doc.getText().indexOf('quux probe') + 2;
      const hovers =
        (await vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          note,
          doc.positionAt(at),
        )) ?? [];
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.match(
        text,
        /made\\?-up probe for the restricted\\?-mode test/,
        'the definition (markdown-escaped) is in the hover',
      );
    });

    it('a course folder in the workspace renders, and a script in it does not run', async () => {
      const { lessons } = await api();
      await write(
        'restricted-course/01-a.md',
        [
          '# A lesson in an untrusted folder',
          '',
          'Math still renders: $y = \\beta_0 + \\beta_1 x + \\epsilon$.',
          '',
          '<script>document.title = "pwned"</script>',
          '',
          '<img src=x onerror="document.title=\'pwned\'">',
          '',
          '[click](javascript:document.title=%22pwned%22)',
          '',
        ].join('\n'),
      );
      await vscode.workspace
        .getConfiguration('interpLessons')
        .update('courseFolder', 'restricted-course', vscode.ConfigurationTarget.Workspace);
      const course = await until('the workspace course', async () => {
        const c = await lessons.courses.get();
        return c.lessons.length === 1 ? c : undefined;
      });
      lessons.reader.lastRendered = undefined;
      await lessons.reader.show({ lessonId: course.lessons[0].id });
      const r = await until("the page's render report", () => lessons.reader.lastRendered);
      assert.strictEqual(r.katexCount, 1, 'the formula rendered');
      assert.strictEqual(r.cspViolations, 0, 'nothing even tried to run (the HTML is inert before the CSP sees it)');
    });

    it('a regression block in a note computes in the extension, as arithmetic', async () => {
      const { snippets } = await api();
      const note = await write(
        'restricted-regression.md',
        '```regression\ny ~ x\nx, y\n1, 2.1\n2, 3.9\n3, 6.2\n4, 7.8\n```\n',
      );
      const [lens] = await regressionLenses(note);
      assert.ok(lens?.command, 'the Run regression CodeLens is offered in restricted mode');
      const done = new Promise<RenderReport>((resolve) => {
        const sub = snippets.onDidRender((e) => {
          if (e.snippetId === 'regression' && e.status === 'done') {
            sub.dispose();
            resolve(e);
          }
        });
      });
      await clickLens(lens);
      const r = await done;
      assert.strictEqual(r.svgCount, 2);
      assert.match(snippets.lastMarkdown() ?? '', /y ~ x/);
    });

    it("a note's data file outside the workspace is refused with a message; one inside still loads", async () => {
      const { snippets } = await api();
      const csv = 'x,y\n1,2.1\n2,3.9\n3,6.2\n4,7.8\n';
      // The workspace is a folder of a throwaway sandbox: its parent is outside it.
      const outside = vscode.Uri.joinPath(workspaceFolder(), '..', 'restricted-outside.csv');
      await vscode.workspace.fs.writeFile(outside, new TextEncoder().encode(csv));
      await write('restricted-inside.csv', csv);
      const run = async (note: vscode.Uri): Promise<string> => {
        const rendered = new Promise<string>((resolve) => {
          const sub = snippets.onDidRender((e) => {
            if (e.snippetId === 'regression' && e.status === 'done') {
              sub.dispose();
              resolve('rendered');
            }
          });
        });
        const failed = new Promise<string>((resolve) => {
          const sub = snippets.onDidFail((f) => {
            sub.dispose();
            resolve(f.message);
          });
        });
        const [lens] = await regressionLenses(note);
        await clickLens(lens);
        return Promise.race([rendered, failed]);
      };
      const warnings = interceptWarnings(() => 'Read the File');
      try {
        const refused = `The regression was not run: ${outside.fsPath} is outside the workspace, and in Restricted Mode data files are read only from inside it.`;
        assert.strictEqual(
          await run(
            await write('restricted-outside-note.md', '```regression\ny ~ x\nfile: ../restricted-outside.csv\n```\n'),
          ),
          refused,
        );
        assert.deepStrictEqual(
          warnings.shown,
          [{ message: refused, modal: false, detail: undefined, items: ['Manage Workspace Trust'] }],
          'no dialog offers to read it',
        );
        assert.strictEqual(
          await run(
            await write('restricted-inside-note.md', '```regression\ny ~ x\nfile: restricted-inside.csv\n```\n'),
          ),
          'rendered',
        );
        assert.strictEqual(warnings.shown.length, 1, 'nothing asked for data inside the workspace');
      } finally {
        warnings.restore();
      }
    });
  });
}

// The glossary in a real VS Code: hovers in a user's note (definition, formula image, open-lesson
// link), user glossary files applied live, diagnostics for a broken one, the view, the entry page,
// and VS Code's own Markdown preview marking terms.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { measureEventLoop } from './helpers/eventLoop';
import { writeWorkspaceFile as writeFile } from './helpers/workspace';
import { glossaryApi as api } from './helpers/api';
import { acceptInputsUntil } from './helpers/snippets';
import { until } from './helpers/until';
import { GLOSSARY_NOTE_LINES, hoverText } from '../common/hover';

const USER_GLOSSARY = 'my-glossary.json';
const userEntry = (definition: string) =>
  JSON.stringify(
    {
      version: 1,
      entries: [
        {
          id: 'frobnicator',
          terms: { en: ['frobnicator'], vi: ['bộ xoay vặn'] },
          definition: { en: definition, vi: definition },
          explanation: { en: 'Made up for a test.' },
          related: ['superposition'],
        },
      ],
    },
    null,
    2,
  );

describe('Glossary', function () {
  this.timeout(60_000);
  let note: vscode.Uri;

  before(async () => {
    note = await writeFile(
      'glossary-note.md',
      [...GLOSSARY_NOTE_LINES, 'The frobnicator is mine. Superposition again.'].join('\n'),
    );
    await api();
  });

  after(async () => {
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('glossary.files', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('hovering a term in a markdown note gives the definition, a formula image and an open-lesson link', async () => {
    const text = await hoverText(note, 'linear probe', 8);
    assert.match(text, /\*\*linear probe\*\*/);
    assert.match(text, /đầu dò tuyến tính/, "the other language's term is shown");
    assert.match(
      text,
      /!\[[^\]]*\]\(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\)/,
      'formula rendered as an SVG data URI',
    );
    const link = /\[([^\]]+)\]\((command:interpLessons\._showLesson\?[^)]+)\)/.exec(text);
    assert.ok(link, text);
    const args = JSON.parse(decodeURIComponent(link[2].slice(link[2].indexOf('?') + 1)));
    assert.deepStrictEqual(args, [{ lessonId: 'theory-and-experiment', section: 'probes' }]);
    assert.match(link[1], /^Lesson \d+ § |^Bài \d+ § /);
  });

  it('the open-lesson link works: the command opens the reader', async () => {
    await vscode.commands.executeCommand('interpLessons._showLesson', {
      lessonId: 'theory-and-experiment',
      section: 'probes',
    });
    await until('the reader tab', async () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && /interpLessons\.reader/.test(t.input.viewType)),
    );
  });

  it('hovers Vietnamese in NFC and NFD, but not inside fenced code', async () => {
    assert.match(await hoverText(note, 'chồng chập', 2), /\*\*superposition\*\*|\*\*chồng chập\*\*/);
    assert.match(await hoverText(note, 'chồng chập'.normalize('NFD'), 2), /\*\*superposition\*\*|\*\*chồng chập\*\*/);
    assert.doesNotMatch(await hoverText(note, 'linear probe inside', 3), /linear probe\*\*/);
  });

  it('a user glossary file adds an entry, and edits apply live', async () => {
    const g = await api();
    const file = await writeFile(USER_GLOSSARY, userEntry('A first definition.'));
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('glossary.files', [USER_GLOSSARY], vscode.ConfigurationTarget.Workspace);
    await until('the user entry', async () => {
      await g.service.ready();
      return g.service.glossary.byId.has('frobnicator');
    });
    assert.match(await hoverText(note, 'frobnicator'), /A first definition\\?\./);
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(userEntry('A second definition.')));
    await until('the edited definition', async () =>
      /A second definition\\?\./.test(await hoverText(note, 'frobnicator')),
    );
    assert.ok(
      g.tree.getChildren().some((e) => e.id === 'frobnicator'),
      'the view lists the user entry',
    );
  });

  it('a malformed user file gives a diagnostic with its line, and the shipped glossary still hovers', async () => {
    const file = await writeFile(USER_GLOSSARY, '{\n  "version": 1,\n  "entries": [\n    { "id": "x", }\n  ]\n}\n');
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('glossary.files', [USER_GLOSSARY], vscode.ConfigurationTarget.Workspace);
    const diags = await until('a diagnostic', async () => {
      const d = vscode.languages.getDiagnostics(file);
      return d.length ? d : undefined;
    });
    assert.strictEqual(diags[0].range.start.line, 3);
    assert.match(diags[0].message, /Invalid JSON/);
    assert.strictEqual(diags[0].severity, vscode.DiagnosticSeverity.Error);
    assert.match(await hoverText(note, 'linear probe', 8), /\*\*linear probe\*\*/);
    await until(
      "the broken file's entries gone",
      async () => !/\*\*frobnicator/.test(await hoverText(note, 'frobnicator')),
    );
  });

  it('the view lists entries A–Z, filters, and opens an entry page', async () => {
    const g = await api();
    const all = g.tree.getChildren();
    assert.ok(all.length >= 20);
    g.tree.setFilter('probe');
    const some = g.tree.getChildren().map((e) => e.id);
    assert.ok(some.includes('linear-probe') && some.length < all.length, some.join());
    g.tree.setFilter('chong chap'); // Vietnamese typed without its marks
    assert.ok(g.tree.getChildren().some((e) => e.id === 'superposition'));
    g.tree.setFilter('');
    await vscode.commands.executeCommand('interpLessons._showTerm', { id: 'superposition' });
    assert.strictEqual(g.panel.shownId, 'superposition');
  });

  it("an entry from a glossary file with more math than the reader typesets stays light; past the host's budget it renders in a worker", async () => {
    const g = await api();
    // 30 distinct formulas of 2,000 characters: about a second of KaTeX for all; three fit in MAX_TYPESET_MATH_HTML.
    const heavy = Array.from({ length: 30 }, (_, i) => `$$\n${'\\sqrt{x}+'.repeat(220)}x_{${i}}\n$$`).join('\n\n');
    await writeFile(
      'heavy-glossary.json',
      JSON.stringify({
        version: 1,
        entries: [
          {
            id: 'heavy-entry',
            terms: { en: ['heavy entry'], vi: ['mục nặng'] },
            definition: { en: 'An entry with many long formulas.', vi: 'Một mục có nhiều công thức dài.' },
            explanation: { en: heavy, vi: heavy },
          },
        ],
      }),
    );
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('glossary.files', ['heavy-glossary.json'], vscode.ConfigurationTarget.Workspace);
    await until('the heavy entry', async () => {
      await g.service.ready();
      return g.service.glossary.byId.has('heavy-entry');
    });
    const { maxMs, probeMaxMs } = await measureEventLoop(async () => {
      await vscode.commands.executeCommand('interpLessons._showTerm', { id: 'heavy-entry' });
      await until('the heavy entry page', async () => g.panel.lastRender?.id === 'heavy-entry', 60_000);
    });
    assert.strictEqual(g.panel.lastRender?.untypesetFormulas, 27, 'three typeset, the rest shown as TeX with a note');
    assert.ok(
      maxMs < 1000 && probeMaxMs < 1000,
      `the extension host stalled ${Math.round(maxMs)} / ${Math.round(probeMaxMs)} ms`,
    );
    // An entry whose render outruns the host's budget (here lowered to nothing) is rendered in a worker, the same way.
    await vscode.commands.executeCommand('interpLessons._showTerm', { id: 'superposition' });
    await until('the superposition page', async () => g.panel.lastRender?.id === 'superposition');
    const restoreBudget = g.panel.testing.setHostBudget(0);
    try {
      await vscode.commands.executeCommand('interpLessons._showTerm', { id: 'heavy-entry' });
      await until('the heavy entry page again', async () => g.panel.lastRender?.id === 'heavy-entry', 60_000);
    } finally {
      restoreBudget();
    }
    assert.strictEqual(g.panel.lastRender?.where, 'worker');
    assert.strictEqual(g.panel.lastRender?.untypesetFormulas, 27);
    // A shipped entry still renders on the host.
    await vscode.commands.executeCommand('interpLessons._showTerm', { id: 'superposition' });
    await until('the superposition page', async () => g.panel.lastRender?.id === 'superposition');
    assert.strictEqual(g.panel.lastRender?.where, 'host');
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('glossary.files', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('Look Up Term finds a Vietnamese term typed without diacritics', async () => {
    const g = await api();
    await vscode.commands.executeCommand('interpLessons._showTerm', { id: 'linear-probe' });
    const uri = await writeFile('lookup-note.md', 'Hom nay: chong chap trong mo hinh.\n');
    const editor = await vscode.window.showTextDocument(uri);
    const at = editor.document.getText().indexOf('chong chap');
    editor.selection = new vscode.Selection(
      editor.document.positionAt(at),
      editor.document.positionAt(at + 'chong chap'.length),
    );
    const picked = vscode.commands.executeCommand('interpLessons.lookUpTerm');
    // The quick pick opens seeded with the selection; VS Code's own matcher alone would show nothing. Accepting
    // before it is open does nothing, so accept until the command returns (a wrong entry fails below).
    await acceptInputsUntil(Promise.resolve(picked));
    await picked;
    await until('the entry page', async () => g.panel.shownId === 'superposition');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Insert Definition as Note adds a blockquote with a lesson link, undone in one step', async () => {
    const doc = await vscode.workspace.openTextDocument(note);
    const editor = await vscode.window.showTextDocument(doc);
    const before = doc.getText();
    const at = doc.positionAt(before.indexOf('linear probe') + 3);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('interpLessons.insertDefinition');
    const after = doc.getText();
    assert.match(
      after,
      /\n> \*\*(linear probe|đầu dò tuyến tính)\*\* \((đầu dò tuyến tính|linear probe)\): .+\n>\n> .+ \[(Lesson|Bài) \d+ § [^\]]+\]\([a-z-]+:\/\/interp-lessons\.interp-lessons\/lesson\/theory-and-experiment#probes\)\n/,
    );
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), before);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it("VS Code's Markdown preview marks terms through markdown.markdownItPlugins", async function () {
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', 'A linear probe.');
    if (typeof html !== 'string') this.skip();
    assert.match(html, /<abbr class="il-term" data-term="linear-probe" title="[^"]+">linear probe<\/abbr>/);
  });
});

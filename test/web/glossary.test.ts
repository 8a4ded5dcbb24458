// Glossary hovers in the learner's own markdown note, in the web worker extension host (issue 20): the note is
// written into the workspace through workspace.fs (a vscode-remote: folder here, a virtual one on github.dev).
import * as vscode from 'vscode';
import { glossaryApi } from '../integration/helpers/api';
import { until } from '../integration/helpers/until';
import * as assert from '../common/assert';
import { GLOSSARY_NOTE_LINES, hoverText } from '../common/hover';
import { writeText } from '../common/workspace';

const NOTE = GLOSSARY_NOTE_LINES.join('\n');

describe('Web journeys: glossary hovers in a note', function () {
  this.timeout(60_000);
  let note: vscode.Uri;
  const written: vscode.Uri[] = [];

  before(async () => {
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('language', 'en', vscode.ConfigurationTarget.Global);
    note = await writeText('web-glossary-note.md', NOTE);
    await (await glossaryApi()).service.ready();
  });
  after(async () => {
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('language', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('glossary.files', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of [note, ...written]) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  it('an English term: the definition, the Vietnamese term, the formula image and the link to its lesson', async () => {
    const text = await hoverText(note, 'linear probe', 8);
    assert.match(text, /\*\*linear probe\*\*/);
    assert.match(text, /đầu dò tuyến tính/, "the other language's term");
    assert.match(text, /!\[[^\]]*\]\(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\)/, 'the formula as an SVG image');
    const link = /\[([^\]]+)\]\((command:interpLessons\._showLesson\?[^)]+)\)/.exec(text);
    assert.ok(link, text);
    assert.deepStrictEqual(JSON.parse(decodeURIComponent(link[2].slice(link[2].indexOf('?') + 1))), [
      { lessonId: 'theory-and-experiment', section: 'probes' },
    ]);
  });

  it('a Vietnamese term in NFC and in NFD gives its entry; nothing inside fenced code', async () => {
    assert.match(await hoverText(note, 'chồng chập', 2), /\*\*superposition\*\*/);
    assert.match(await hoverText(note, 'chồng chập'.normalize('NFD'), 2), /\*\*superposition\*\*/);
    assert.doesNotMatch(await hoverText(note, 'linear probe inside', 3), /linear probe\*\*/);
  });

  it('in Vietnamese, the hover is in Vietnamese', async () => {
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('language', 'vi', vscode.ConfigurationTarget.Global);
    const text = await until('the hover in Vietnamese', async () => {
      const t = await hoverText(note, 'chồng chập', 2);
      return /\*\*chồng chập\*\*/.test(t) ? t : undefined;
    });
    assert.match(text, /superposition/, 'the English term beside it');
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('language', 'en', vscode.ConfigurationTarget.Global);
  });

  it('a glossary file of my own in the workspace adds a term, and an edit to it applies live', async () => {
    const g = await glossaryApi();
    const entry = (definition: string) =>
      JSON.stringify({
        version: 1,
        entries: [
          { id: 'web-widget', terms: { en: ['widgetron'], vi: ['máy widget'] }, definition: { en: definition } },
        ],
      });
    const file = await writeText('web-glossary.json', entry('Defined in my workspace.'));
    written.push(file);
    const own = await writeText('web-glossary-own-note.md', 'The widgetron is mine.\n');
    written.push(own);
    await vscode.workspace
      .getConfiguration('interpLessons')
      .update('glossary.files', ['web-glossary.json'], vscode.ConfigurationTarget.Workspace);
    await until('my entry', async () => {
      await g.service.ready();
      return g.service.glossary.byId.has('web-widget');
    });
    assert.match(await hoverText(own, 'widgetron', 2), /Defined in my workspace/);
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(entry('Edited while open.')));
    await until('the edited definition', async () => /Edited while open/.test(await hoverText(own, 'widgetron', 2)));
    assert.ok(
      g.tree.getChildren().some((e) => e.id === 'web-widget'),
      'the Glossary view lists it',
    );
  });

  it('the Glossary view filters without diacritics and opens the entry page', async () => {
    const g = await glossaryApi();
    g.tree.setFilter('chong chap');
    assert.ok(g.tree.getChildren().some((e) => e.id === 'superposition'));
    g.tree.setFilter('');
    await vscode.commands.executeCommand('interpLessons._showTerm', { id: 'superposition' });
    assert.strictEqual(g.panel.shownId, 'superposition');
  });
});

import * as vscode from 'vscode';
import {
  canonicalTerm,
  localized,
  termAt,
  type Glossary,
  type GlossaryEntry,
  type GlossaryLanguage,
} from '../../core/activation';
import { Commands } from '../../constants';
import { commandTable, type Command } from '../shared/commands';
import type { Deps } from '../shared/deps';
import type { ui } from '../shared/ui';
import { GLOSSARY_COMMANDS } from './commandIds';
import type { GlossaryEntryPanel } from './entryPanel';
import { foldForSearch, type GlossaryTree } from './glossaryTree';
import type { TermLocator } from './hoverProvider';
import { contentLabels } from './labels';
import type { LessonIndex } from './lessonIndex';
import type { LessonLinkTarget } from '../shared/lessonLink';

/** What the glossary commands act on. */
export interface GlossaryCommandDeps {
  deps: Deps;
  glossary: () => Glossary;
  language: () => GlossaryLanguage;
  lessons: LessonIndex;
  locator: TermLocator;
  tree: GlossaryTree;
  panel: GlossaryEntryPanel;
  /** The extension's one `ui` (shared/ui.ts), passed in: this module loads in a piece with its own copy of it. */
  ui: typeof ui;
}

/** The glossary feature's command table (ids in commandIds.ts). */
export function glossaryCommands(c: GlossaryCommandDeps): Command[] {
  const { glossary, language, tree, panel } = c;
  return commandTable(GLOSSARY_COMMANDS, {
    [Commands.showTermInternal]: async (arg?: { id?: unknown }) => {
      if (typeof arg?.id === 'string' && (await panel.show(arg.id))) return;
      const entry = await pickEntry(glossary(), language(), '');
      if (entry) await panel.show(entry.id);
    },
    [Commands.lookUpTerm]: async () => {
      const entry = await pickEntry(glossary(), language(), lookupSeed(glossary(), vscode.window.activeTextEditor));
      if (entry) await panel.show(entry.id);
    },
    [Commands.insertDefinition]: () => insertDefinition(c),
    [Commands.filterGlossary]: async () => {
      const text = await vscode.window.showInputBox({
        prompt: vscode.l10n.t('Show glossary entries containing'),
        value: tree.filterText,
      });
      if (text !== undefined) tree.setFilter(text);
    },
    [Commands.clearGlossaryFilter]: () => tree.setFilter(''),
  });
}

/** Insert Definition as Note: the term under the cursor (else one picked) as a blockquote after the line. */
async function insertDefinition({
  deps,
  glossary,
  language,
  lessons,
  locator,
  ui,
}: GlossaryCommandDeps): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a markdown file to insert a definition note.'));
    return;
  }
  const hit = locator.locate(glossary(), editor.document, editor.selection.active);
  const id = hit?.id ?? (await pickEntry(glossary(), language(), lookupSeed(glossary(), editor)))?.id;
  const entry = id ? glossary().byId.get(id) : undefined;
  if (!entry) return;
  // The edit is all or nothing; when VS Code refuses it (the document changed meanwhile, or is read-only) say so.
  if (!(await insertDefinitionNote(editor, entry, language(), lessons, deps.lessonLink))) {
    deps.log.warn(
      `Insert Definition as Note: the edit to ${editor.document.uri.toString(true)} was refused; nothing was inserted`,
    );
    void ui.showWarningMessage(
      vscode.l10n.t(
        'The definition note could not be inserted: the file changed or is read-only. Nothing was changed.',
      ),
    );
  }
}

interface EntryPick extends vscode.QuickPickItem {
  entry: GlossaryEntry;
  /** Every term of both languages, folded: what a query typed without diacritics is matched against. */
  folded: string;
}

/** Text to start a lookup with: the selection, else the glossary term or word under the cursor. */
export function lookupSeed(glossary: Glossary, editor: vscode.TextEditor | undefined): string {
  if (!editor) return '';
  const sel = editor.selection;
  if (!sel.isEmpty) return editor.document.getText(sel).trim().slice(0, 100);
  const line = editor.document.lineAt(sel.active.line).text;
  const hit = termAt(glossary, line, sel.active.character) ?? termAt(glossary, line, sel.active.character - 1);
  if (hit) return hit.text;
  const word = editor.document.getWordRangeAtPosition(sel.active, /[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}-]*/u);
  return word ? editor.document.getText(word) : '';
}

/** QuickPick over every entry; items match on terms of both languages and aliases (description). */
export async function pickEntry(
  glossary: Glossary,
  language: GlossaryLanguage,
  seed: string,
): Promise<GlossaryEntry | undefined> {
  const other: GlossaryLanguage = language === 'en' ? 'vi' : 'en';
  const collator = new Intl.Collator(language, { sensitivity: 'base' });
  const items: EntryPick[] = glossary.entries
    .map((entry) => ({
      entry,
      label: canonicalTerm(entry, language),
      description: [...new Set([...(entry.terms[language] ?? []).slice(1), ...(entry.terms[other] ?? [])])]
        .filter((t) => t !== canonicalTerm(entry, language))
        .join(' · '),
      detail: localized(entry.definition, language),
      folded: Object.values(entry.terms)
        .flatMap((list) => list ?? [])
        .map(foldForSearch)
        .join('\n'),
    }))
    .sort((a, b) => collator.compare(a.label, b.label));
  const qp = vscode.window.createQuickPick<EntryPick>();
  qp.matchOnDescription = true;
  qp.matchOnDetail = false;
  qp.placeholder = vscode.l10n.t('Look up a term (English or Vietnamese)');
  // VS Code's own matching needs the diacritics ("chong chap" finds nothing); entries whose folded terms
  // contain the folded query are shown anyway (alwaysShow), so Vietnamese typed without marks works.
  const filter = (value: string) => {
    const q = foldForSearch(value.trim());
    qp.items = items.map((item) => ({ ...item, alwaysShow: q.length >= 2 && item.folded.includes(q) }));
  };
  filter(seed);
  qp.value = seed;
  qp.onDidChangeValue(filter);
  return new Promise((resolve) => {
    qp.onDidAccept(() => {
      resolve(qp.selectedItems[0]?.entry);
      qp.hide();
    });
    qp.onDidHide(() => {
      resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}

/** The blockquote "Insert Definition as Note" writes. */
export async function definitionNote(
  entry: GlossaryEntry,
  language: GlossaryLanguage,
  lessons: LessonIndex,
  lessonLink: (target: LessonLinkTarget) => string,
): Promise<string> {
  const other = entry.terms[language === 'en' ? 'vi' : 'en']?.[0];
  const term = canonicalTerm(entry, language);
  let line = `> **${term}**${other && other !== term ? ` (${other})` : ''}: ${localized(entry.definition, language)}`;
  if (entry.introducedIn) {
    const info = (await lessons.lessons(language)).get(entry.introducedIn.lesson);
    const L = contentLabels(language);
    const label = info
      ? L.lessonSection(info.order, info.sections.get(entry.introducedIn.section) ?? entry.introducedIn.section)
      : entry.introducedIn.lesson;
    line += `\n>\n> ${L.introducedIn} [${label}](${lessonLink({ lessonId: entry.introducedIn.lesson, section: entry.introducedIn.section })})`;
  }
  return line;
}

/**
 * Inserts the note after the cursor's line, as one undoable edit. False when nothing was inserted: VS Code
 * refused the edit (the document changed meanwhile), or reported success on a read-only editor but left the
 * document as it was (measured in VS Code 1.139: `TextEditor.edit` resolves true there).
 */
export async function insertDefinitionNote(
  editor: vscode.TextEditor,
  entry: GlossaryEntry,
  language: GlossaryLanguage,
  lessons: LessonIndex,
  lessonLink: (target: LessonLinkTarget) => string,
): Promise<boolean> {
  const note = await definitionNote(entry, language, lessons, lessonLink);
  const doc = editor.document;
  const line = doc.lineAt(editor.selection.active.line);
  const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  const before = line.isEmptyOrWhitespace ? '' : eol + eol;
  const text = before + note.replace(/\n/g, eol) + eol;
  const version = doc.version;
  return (await editor.edit((b) => b.insert(line.range.end, text))) && doc.version !== version;
}

import * as vscode from 'vscode';
import {
  canonicalTerm,
  localized,
  normalizeWord,
  type Glossary,
  type GlossaryEntry,
  type GlossaryLanguage,
} from '../../core/activation';
import { Commands, ContextKeys } from '../../constants';

/** Fold for filtering and sorting: case, diacritics and normal form do not matter. */
export function foldForSearch(text: string): string {
  return normalizeWord(text).normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd');
}

/** The glossary view: entries A–Z by their term in the reader's language, optionally filtered. */
export class GlossaryTree implements vscode.TreeDataProvider<GlossaryEntry>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private filter = '';
  view: vscode.TreeView<GlossaryEntry> | undefined;

  constructor(
    private readonly glossary: () => Glossary,
    private readonly language: () => GlossaryLanguage,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  get filterText(): string {
    return this.filter;
  }

  setFilter(text: string): void {
    this.filter = text.trim();
    void vscode.commands.executeCommand('setContext', ContextKeys.glossaryFiltered, this.filter.length > 0);
    if (this.view) this.view.description = this.filter ? vscode.l10n.t('Filter: {0}', this.filter) : undefined;
    this.changed.fire();
  }

  getChildren(element?: GlossaryEntry): GlossaryEntry[] {
    if (element) return [];
    const lang = this.language();
    const f = foldForSearch(this.filter);
    const entries = this.glossary().entries.filter(
      (e) =>
        !f ||
        Object.values(e.terms).some((list) => list?.some((t) => foldForSearch(t).includes(f))) ||
        foldForSearch(localized(e.definition, lang)).includes(f),
    );
    const collator = new Intl.Collator(lang, { sensitivity: 'base' });
    return entries.sort((a, b) => collator.compare(canonicalTerm(a, lang), canonicalTerm(b, lang)));
  }

  getTreeItem(entry: GlossaryEntry): vscode.TreeItem {
    const lang = this.language();
    const other = entry.terms[lang === 'en' ? 'vi' : 'en']?.[0];
    const item = new vscode.TreeItem(canonicalTerm(entry, lang), vscode.TreeItemCollapsibleState.None);
    item.id = entry.id;
    item.description = other && other !== item.label ? other : undefined;
    item.tooltip = localized(entry.definition, lang);
    item.iconPath = new vscode.ThemeIcon(
      entry.source && entry.source !== 'lessons/glossary.json' ? 'account' : 'symbol-key',
    );
    item.contextValue = 'glossaryEntry';
    item.command = {
      command: Commands.showTermInternal,
      title: vscode.l10n.t('Open Glossary Entry'),
      arguments: [{ id: entry.id }],
    };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

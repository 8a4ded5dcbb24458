import * as vscode from 'vscode';
import {
  canonicalTerm,
  commandUri,
  glossaryHoverMarkdown,
  isInCodeBlock,
  markdownCodeBlocks,
  termAt,
  FormulaImages,
  type Glossary,
  type GlossaryEntry,
  type GlossaryLanguage,
  type LineRange,
  type TermMatch,
} from '../../core/activation';
import { Commands } from '../../constants';
import { contentLabels } from './labels';
import type { LessonIndex } from './lessonIndex';

/** The commands hover links may run; nothing else is trusted. */
export const HOVER_COMMANDS = [Commands.showLesson, Commands.showTermInternal];

/** Formula colour for an <img> that cannot inherit the editor's text colour. */
export function formulaColor(kind: vscode.ColorThemeKind): string {
  return kind === vscode.ColorThemeKind.Light || kind === vscode.ColorThemeKind.HighContrastLight
    ? '#1f1f1f'
    : '#e8e8e8';
}

/** The term under a position of a document: skips fenced code in markdown, inline code spans too. */
export class TermLocator {
  private blocks = new WeakMap<vscode.TextDocument, { version: number; ranges: LineRange[] }>();

  locate(glossary: Glossary, document: vscode.TextDocument, position: vscode.Position): TermMatch | undefined {
    const markdown = document.languageId === 'markdown';
    if (markdown && isInCodeBlock(this.codeBlocks(document), position.line)) return undefined;
    return termAt(glossary, document.lineAt(position.line).text, position.character, { codeSpans: markdown });
  }

  private codeBlocks(document: vscode.TextDocument): LineRange[] {
    const cached = this.blocks.get(document);
    if (cached && cached.version === document.version) return cached.ranges;
    const ranges = markdownCodeBlocks(document.getText());
    this.blocks.set(document, { version: document.version, ranges });
    return ranges;
  }
}

export interface HoverDeps {
  glossary: () => Glossary;
  language: () => GlossaryLanguage;
  lessons: LessonIndex;
  formulas: () => FormulaImages;
  locator: TermLocator;
}

/** Markdown of an entry's hover, with its lesson link resolved to "Lesson N § Section". */
export async function entryHover(
  entry: GlossaryEntry,
  d: HoverDeps,
  withOpenEntry: boolean,
): Promise<vscode.MarkdownString> {
  const language = d.language();
  const glossary = d.glossary();
  const L = contentLabels(language);
  let lesson: { label: string; uri: string } | undefined;
  if (entry.introducedIn) {
    const info = (await d.lessons.lessons(language)).get(entry.introducedIn.lesson);
    const section = info?.sections.get(entry.introducedIn.section);
    const label = info
      ? L.lessonSection(info.order, section ?? entry.introducedIn.section)
      : `${entry.introducedIn.lesson} § ${entry.introducedIn.section}`;
    lesson = {
      label,
      uri: commandUri(Commands.showLesson, {
        lessonId: entry.introducedIn.lesson,
        section: entry.introducedIn.section,
      }),
    };
  }
  const related = entry.related
    .map((id) => glossary.byId.get(id))
    .filter((e): e is GlossaryEntry => !!e)
    .map((e) => ({ label: canonicalTerm(e, language), uri: commandUri(Commands.showTermInternal, { id: e.id }) }));
  const value = glossaryHoverMarkdown(entry, {
    language,
    formulaImage: entry.formula
      ? d.formulas().uri(entry.formula, formulaColor(vscode.window.activeColorTheme.kind))
      : undefined,
    lesson,
    related,
    labels: {
      introducedIn: L.introducedIn,
      related: L.related,
      formula: L.formula,
      notInLessons: L.notInLessons,
      openEntry: withOpenEntry
        ? { label: L.openEntry, uri: commandUri(Commands.showTermInternal, { id: entry.id }) }
        : undefined,
    },
  });
  const md = new vscode.MarkdownString(value);
  md.isTrusted = { enabledCommands: HOVER_COMMANDS };
  md.supportThemeIcons = false;
  md.supportHtml = false;
  return md;
}

/** Hovers with a glossary definition over terms in prose (markdown, plain text, or the configured languages). */
export class GlossaryHoverProvider implements vscode.HoverProvider {
  constructor(private readonly d: HoverDeps) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const glossary = this.d.glossary();
    const hit = this.d.locator.locate(glossary, document, position);
    if (!hit) return undefined;
    const entry = glossary.byId.get(hit.id);
    if (!entry) return undefined;
    const md = await entryHover(entry, this.d, true);
    return new vscode.Hover(md, new vscode.Range(position.line, hit.start, position.line, hit.end));
  }
}

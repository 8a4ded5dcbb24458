import * as vscode from 'vscode';
import type MarkdownIt from 'markdown-it';
import { glossaryMarkdownItPlugin, type GlossaryMarkOptions } from '../../core/activation';
import { Views } from '../../constants';
import { registerCommands } from '../shared/commands';
import { sharedRenderService } from '../shared/render/sharedRenderService';
import type { Deps } from '../shared/deps';
import { formulaImages } from './formulaBundle';
import { glossaryCommands } from './commands';
import { GlossaryEntryPanel } from './entryPanel';
import { GlossaryService } from './glossaryService';
import { GlossaryTree } from './glossaryTree';
import { GlossaryHoverProvider, TermLocator } from './hoverProvider';
import { LessonIndex } from './lessonIndex';
import { onDidChangeSettings, setting } from '../shared/settings';

function hoverSelector(): vscode.DocumentSelector {
  const list = setting('glossary.languages').filter((l) => l);
  // `*` means every language; schemes are not limited (untitled notes, remote files, virtual file systems).
  return list.includes('*') ? [{ pattern: '**' }, { scheme: 'untitled' }] : list.map((language) => ({ language }));
}

/** The glossary: hovers, the view, the entry page, look-up and note commands, and the preview plugin. */
export function register(context: vscode.ExtensionContext, deps: Deps) {
  const service = new GlossaryService(deps.log);
  const glossary = () => service.glossary;
  const language = () => deps.language();
  const lessons = new LessonIndex(deps.lessonsUri);
  const locator = new TermLocator();
  const hoverDeps = { glossary, language, lessons, formulas: formulaImages, locator };
  const hover = new GlossaryHoverProvider(hoverDeps);
  const tree = new GlossaryTree(glossary, language);
  const view = vscode.window.createTreeView(Views.glossary, { treeDataProvider: tree, showCollapseAll: false });
  tree.view = view;
  const panel = new GlossaryEntryPanel(context.extensionUri, glossary, language, lessons, deps.log, {
    renderService: sharedRenderService(context, deps),
  });

  let hoverRegistration: vscode.Disposable | undefined;
  const registerHover = () => {
    hoverRegistration?.dispose();
    hoverRegistration = setting('glossary.enabled')
      ? vscode.languages.registerHoverProvider(hoverSelector(), hover)
      : undefined;
  };
  registerHover();

  context.subscriptions.push(
    service,
    tree,
    view,
    panel,
    { dispose: () => hoverRegistration?.dispose() },
    service.onDidChange(() => tree.refresh()),
    onDidChangeSettings((change) => {
      if (change.affects('glossary.enabled', 'glossary.languages')) registerHover();
      if (change.affects('language')) tree.refresh();
    }),
    registerCommands(glossaryCommands({ deps, glossary, language, lessons, locator, tree, panel })),
    // Links written by Insert Definition as Note (vscode://interp-lessons.interp-lessons/lesson?id=…) are
    // handled by the lessons feature's URI handler: an extension has one.
  );

  /** Options for the lesson reader's renderer (first occurrence per section by default). */
  const readerMarking = (): GlossaryMarkOptions | undefined => {
    const mode = setting('glossary.markInLessons');
    if (mode === 'off') return undefined;
    return { glossary: glossary(), language: language(), firstOnly: mode === 'all' ? 'all' : 'section' };
  };

  /** `markdown.markdownItPlugins`: VS Code's own preview gets the same term tooltips (attributes only). */
  const extendMarkdownIt = (md: MarkdownIt): MarkdownIt => {
    glossaryMarkdownItPlugin(md, {
      resolve: () =>
        setting('glossary.markdownPreview') && setting('glossary.enabled')
          ? { glossary: glossary(), language: language(), firstOnly: 'section' }
          : undefined,
    });
    return md;
  };

  return { service, hover, tree, panel, readerMarking, extendMarkdownIt };
}

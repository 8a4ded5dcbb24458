import * as vscode from 'vscode';
import type MarkdownIt from 'markdown-it';
import { glossaryMarkdownItPlugin, type Glossary, type GlossaryMarkOptions } from '../../core/activation';
import { Views } from '../../constants';
import { registerCommands } from '../shared/commands';
import { sharedRenderService } from '../shared/render/sharedRenderService';
import type { Deps, LessonLanguage } from '../shared/deps';
import { formulaImages } from './formulaBundle';
import { GLOSSARY_COMMANDS } from './commandIds';
import type * as EntryBody from './entryBody';
import { GlossaryService } from './glossaryService';
import { GlossaryTree } from './glossaryTree';
import { GlossaryHoverProvider, TermLocator } from './hoverProvider';
import { LessonIndex } from './lessonIndex';
import { onDidChangeSettings, setting } from '../shared/settings';
import { ui } from '../shared/ui';

// The entry page and the commands load on first use: dist/lazy-glossary-entry.js (esbuild.js).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadEntryBody = () => require('./entryBody') as typeof EntryBody;

function hoverSelector(): vscode.DocumentSelector {
  const list = setting('glossary.languages').filter((l) => l);
  // `*` means every language; schemes are not limited (untitled notes, remote files, virtual file systems).
  return list.includes('*') ? [{ pattern: '**' }, { scheme: 'untitled' }] : list.map((language) => ({ language }));
}

/**
 * The glossary: hovers, the view, the entry page, look-up and note commands, and the preview plugin. The entry page
 * and the commands' bodies load on the first command (or read of `panel`).
 */
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
  const entry = lazyEntry(context, deps, { glossary, language, lessons, locator, tree });
  const hoverRegistration = registerHover(hover);

  context.subscriptions.push(
    service,
    tree,
    view,
    hoverRegistration,
    service.onDidChange(() => tree.refresh()),
    onDidChangeSettings((change) => {
      if (change.affects('glossary.enabled', 'glossary.languages')) hoverRegistration.update();
      if (change.affects('language')) tree.refresh();
    }),
    registerCommands(
      GLOSSARY_COMMANDS.map((id) => ({
        id,
        run: (...args: never[]) =>
          entry()
            .commands.find((c) => c.id === id)!
            .run(...args),
      })),
    ),
    // Links written by Insert Definition as Note (vscode://interp-lessons.interp-lessons/lesson?id=…) are
    // handled by the lessons feature's URI handler: an extension has one.
  );

  return {
    service,
    hover,
    tree,
    /** The entry page (reading it loads the page and the commands). */
    get panel() {
      return entry().panel;
    },
    readerMarking: readerMarkingFor(glossary, language),
    extendMarkdownIt: markdownItExtension(glossary, language),
  };
}

type EntryInputs = Pick<
  Parameters<typeof EntryBody.createGlossaryEntryBody>[2],
  'glossary' | 'language' | 'lessons' | 'locator' | 'tree'
>;

/** The entry page and the commands' bodies, loaded on first use. */
function lazyEntry(
  context: vscode.ExtensionContext,
  deps: Deps,
  inputs: EntryInputs,
): () => EntryBody.GlossaryEntryBody {
  let body: EntryBody.GlossaryEntryBody | undefined;
  return () =>
    (body ??= loadEntryBody().createGlossaryEntryBody(context, deps, {
      ...inputs,
      renderService: sharedRenderService(context, deps),
      ui,
    }));
}

/** The hover provider, registered while `glossary.enabled` is on; `update` follows the settings. */
function registerHover(hover: GlossaryHoverProvider): vscode.Disposable & { update(): void } {
  let registration: vscode.Disposable | undefined;
  const update = () => {
    registration?.dispose();
    registration = setting('glossary.enabled')
      ? vscode.languages.registerHoverProvider(hoverSelector(), hover)
      : undefined;
  };
  update();
  return { update, dispose: () => registration?.dispose() };
}

/** Options for the lesson reader's renderer (first occurrence per section by default). */
function readerMarkingFor(
  glossary: () => Glossary,
  language: () => LessonLanguage,
): () => GlossaryMarkOptions | undefined {
  return () => {
    const mode = setting('glossary.markInLessons');
    if (mode === 'off') return undefined;
    return { glossary: glossary(), language: language(), firstOnly: mode === 'all' ? 'all' : 'section' };
  };
}

/** `markdown.markdownItPlugins`: VS Code's own preview gets the same term tooltips (attributes only). */
function markdownItExtension(glossary: () => Glossary, language: () => LessonLanguage): (md: MarkdownIt) => MarkdownIt {
  return (md) => {
    glossaryMarkdownItPlugin(md, {
      resolve: () =>
        setting('glossary.markdownPreview') && setting('glossary.enabled')
          ? { glossary: glossary(), language: language(), firstOnly: 'section' }
          : undefined,
    });
    return md;
  };
}

// The glossary's entry page and its commands (look up, insert a definition, filter the view). register.ts loads
// them on the first command or the first call that needs the page (dist/lazy-glossary-entry.js, esbuild.js LAZY).
import type * as vscode from 'vscode';
import type { Glossary, GlossaryLanguage } from '../../core/activation';
import type { Command } from '../shared/commands';
import type { Deps } from '../shared/deps';
import type { RenderService } from '../shared/render/renderService';
import { glossaryCommands, type GlossaryCommandDeps } from './commands';
import { GlossaryEntryPanel } from './entryPanel';
import type { GlossaryTree } from './glossaryTree';
import type { TermLocator } from './hoverProvider';
import type { LessonIndex } from './lessonIndex';

/** What the body takes from activation: the feature's parts made there, and the extension's `ui`. */
export interface GlossaryEntryHost {
  glossary: () => Glossary;
  language: () => GlossaryLanguage;
  lessons: LessonIndex;
  locator: TermLocator;
  tree: GlossaryTree;
  renderService: RenderService;
  ui: GlossaryCommandDeps['ui'];
}

export interface GlossaryEntryBody {
  readonly panel: GlossaryEntryPanel;
  /** The command table, run by register.ts's shells. */
  readonly commands: readonly Command[];
}

export function createGlossaryEntryBody(
  context: vscode.ExtensionContext,
  deps: Deps,
  host: GlossaryEntryHost,
): GlossaryEntryBody {
  const panel = new GlossaryEntryPanel(context.extensionUri, host.glossary, host.language, host.lessons, deps.log, {
    renderService: host.renderService,
  });
  context.subscriptions.push(panel);
  return { panel, commands: glossaryCommands({ deps, ...host, panel }) };
}

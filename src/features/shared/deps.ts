import * as vscode from 'vscode';

/** Lesson language: the setting `interpLessons.language`, with `auto` following VS Code's display language. */
export type LessonLanguage = 'vi' | 'en';

/** A log line in the "Interp Lessons" output channel. */
export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** Services shared by the features; built once in extension.ts and passed to every register(). */
export interface Deps {
  readonly log: Log;
  readonly output: vscode.LogOutputChannel;
  /** Folder of the shipped lessons (lessons/ inside the extension). */
  readonly lessonsUri: vscode.Uri;
  /** The language lessons and glossary are shown in, resolved from settings now. */
  language(): LessonLanguage;
}

export function createDeps(context: vscode.ExtensionContext): Deps {
  const output = vscode.window.createOutputChannel('Interp Lessons', { log: true });
  context.subscriptions.push(output);
  const log: Log = {
    info: (m) => output.info(m),
    warn: (m) => output.warn(m),
    error: (m, e) => output.error(e === undefined ? m : `${m}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`),
  };
  return {
    log,
    output,
    lessonsUri: vscode.Uri.joinPath(context.extensionUri, 'lessons'),
    language: () => resolveLanguage(vscode.workspace.getConfiguration('interpLessons').get<string>('language', 'auto'), vscode.env.language),
  };
}

export function resolveLanguage(setting: string | undefined, displayLanguage: string): LessonLanguage {
  if (setting === 'vi' || setting === 'en') return setting;
  return displayLanguage.toLowerCase().startsWith('vi') ? 'vi' : 'en';
}

import * as vscode from 'vscode';
import { formatLessonLink, type LessonLinkTarget } from './lessonLink';
import { setting } from './settings';
import { AnnotationBridge } from './annotationBridge';

/** Lesson language: the setting `interpLessons.language`, with `auto` following VS Code's display language. */
export type LessonLanguage = 'vi' | 'en';

/** A log line in the "Interp Lessons" output channel. */
export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
  /** The last lines written (level and message), newest last: what the integration tests read. */
  recent(): readonly string[];
  /** How many lines were ever written: a mark for linesSince (recent() keeps only the last ones). */
  mark(): number;
  /** The lines written after `mark()` returned `since` that are still kept. */
  linesSince(since: number): readonly string[];
}

/** How many recent log lines are kept in memory. */
const RECENT_LINES = 200;

/** Services shared by the features; built once in extension.ts and passed to every register(). */
export interface Deps {
  readonly log: Log;
  readonly output: vscode.LogOutputChannel;
  /** Folder of the shipped lessons (lessons/ inside the extension). */
  readonly lessonsUri: vscode.Uri;
  /** The language lessons and glossary are shown in, resolved from settings now. */
  language(): LessonLanguage;
  /** The link that opens a lesson (and section) in the reader, for Copy Link and notes. */
  lessonLink(target: LessonLinkTarget): string;
  /** Where the reader and the annotations feature meet (neither imports the other). */
  readonly annotations: AnnotationBridge;
}

export function createDeps(context: vscode.ExtensionContext): Deps {
  const output = vscode.window.createOutputChannel('Interp Lessons', { log: true });
  context.subscriptions.push(output);
  const recent: string[] = [];
  let written = 0;
  const keep = (level: string, m: string) => {
    written++;
    recent.push(`${level} ${m}`);
    if (recent.length > RECENT_LINES) recent.splice(0, recent.length - RECENT_LINES);
  };
  const log: Log = {
    info: (m) => {
      keep('info', m);
      output.info(m);
    },
    warn: (m) => {
      keep('warn', m);
      output.warn(m);
    },
    error: (m, e) => {
      const line = e === undefined ? m : `${m}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`;
      keep('error', line);
      output.error(line);
    },
    recent: () => recent,
    mark: () => written,
    linesSince: (since) => recent.slice(Math.max(0, recent.length - (written - since))),
  };
  const annotations = new AnnotationBridge();
  context.subscriptions.push(annotations);
  return {
    log,
    output,
    annotations,
    lessonsUri: vscode.Uri.joinPath(context.extensionUri, 'lessons'),
    lessonLink: (target) => formatLessonLink(vscode.env.uriScheme, context.extension.id, target),
    language: () => resolveLanguage(setting('language'), vscode.env.language),
  };
}

export function resolveLanguage(setting: string | undefined, displayLanguage: string): LessonLanguage {
  if (setting === 'vi' || setting === 'en') return setting;
  return displayLanguage.toLowerCase().startsWith('vi') ? 'vi' : 'en';
}

// Export Lesson with Notes… (one standalone HTML file, core's buildExportDocument) and Copy Notes as Markdown.
// VS Code's side only: which lesson, KaTeX's files from media/katex/, the save dialog, the clipboard.
import * as vscode from 'vscode';
import {
  buildExportDocument,
  bytesToBase64,
  notesAsMarkdown,
  plainNote,
  type ExportAnnotation,
  type ExportLabels,
} from '../../core/activation';
import type { AnnotatableLesson, LessonRef, ReaderHost } from '../shared/annotationBridge';
import type { Log } from '../shared/deps';
import { errorMessage } from '../shared/errors';
import { renderNote } from './noteHtml';
import { refKey } from './notesPaths';
import { readNotesText } from './notesText';
import type { AnnotationStore } from './store';
import { readShippedDirectory } from '../shared/platform/shippedFiles.node';

export interface ExportDeps {
  store: AnnotationStore;
  host: () => ReaderHost | undefined;
  /** The extension's folder: media/katex/ holds KaTeX's CSS and woff2 fonts (copied there by the build). */
  extensionUri: vscode.Uri;
  log: Log;
}

/** A lesson exported: the page and what it holds. */
export interface LessonExport {
  title: string;
  html: string;
  /** Annotations drawn in the text, and orphans listed at the end. */
  marked: number;
  orphans: number;
}

/** The lesson on the page now when it is `ref`, else the lesson loaded (rendered, cached) by the reader's host. */
async function lessonOf(deps: ExportDeps, ref: LessonRef): Promise<AnnotatableLesson | undefined> {
  const host = deps.host();
  const current = host?.current();
  return current && refKey(current) === refKey(ref) ? current : host?.load(ref);
}

/** The export of one lesson with its annotations now; undefined when the lesson cannot be loaded. */
export async function buildLessonExport(deps: ExportDeps, ref: LessonRef): Promise<LessonExport | undefined> {
  const lesson = await lessonOf(deps, ref);
  if (!lesson) return undefined;
  const [anchored, katex, lessonCss] = await Promise.all([
    deps.store.anchored(ref),
    katexAssets(deps.extensionUri),
    readText(vscode.Uri.joinPath(deps.extensionUri, 'media', 'reader.css')),
  ]);
  const annotations: ExportAnnotation[] = anchored.map(({ entry, range }) => ({
    id: entry.id,
    color: entry.color,
    range,
    exact: entry.exact,
    note: entry.note,
  }));
  const marked = annotations.filter((a) => a.range).length;
  const labels: ExportLabels = {
    orphans: vscode.l10n.t('Notes whose passage changed'),
    orphansHint: vscode.l10n.t('These passages are no longer in the lesson as it is now; the notes are kept here.'),
    subtitle: vscode.l10n.t(
      'Exported from Interp Lessons on {0} · {1} highlights and notes',
      new Date().toISOString().slice(0, 10),
      annotations.length,
    ),
  };
  const html = buildExportDocument({
    lang: lesson.language,
    title: lesson.title,
    bodyHtml: lesson.bodyHtml(),
    annotations,
    katexCss: katex.css,
    lessonCss,
    fonts: katex.fonts,
    labels,
    renderNote: (md) => exportedNote(md, deps.log),
  });
  return { title: lesson.title, html, marked, orphans: annotations.length - marked };
}

/** A note as the reader shows it (noteHtml.ts: the lessons' renderer and rules), or as text when that fails. */
function exportedNote(markdown: string, log: Log): string {
  try {
    return renderNote(markdown);
  } catch (e) {
    log.warn(`Export: a note was exported as text (${errorMessage(e)})`);
    return plainNote(markdown);
  }
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** katex.min.css and every woff2 font beside it, base64 (the export inlines them as data: URLs). */
async function katexAssets(extensionUri: vscode.Uri): Promise<{ css: string; fonts: Map<string, string> }> {
  const dir = vscode.Uri.joinPath(extensionUri, 'media', 'katex');
  const css = await readText(vscode.Uri.joinPath(dir, 'katex.min.css'));
  const fontsDir = vscode.Uri.joinPath(dir, 'fonts');
  const names = (await readShippedDirectory(fontsDir))
    .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.woff2'))
    .map(([name]) => name);
  const fonts = new Map<string, string>();
  await Promise.all(
    names.map(async (name) => {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(fontsDir, name));
      fonts.set(name, bytesToBase64(bytes));
    }),
  );
  return { css, fonts };
}

/** A file name from a lesson title: letters, digits and a few marks kept (Vietnamese too), at most 80. */
export function exportFileName(title: string, language: string): string {
  const base = title
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}\- _.,()]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80)
    .replace(/[ .]+$/, '');
  return `${base || 'lesson'} (${language}).html`;
}

/**
 * Export Lesson with Notes…: builds the page, asks where to save it (the workspace folder by default) and
 * writes it. The saved file's URI, or undefined when cancelled or nothing could be exported.
 */
export async function exportLessonWithNotes(
  deps: ExportDeps,
  ref: LessonRef,
  pickTarget: (defaultUri: vscode.Uri | undefined) => Thenable<vscode.Uri | undefined> = saveDialog,
): Promise<vscode.Uri | undefined> {
  const built = await buildLessonExport(deps, ref);
  if (!built) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This lesson could not be loaded, so it cannot be exported.'));
    return undefined;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = exportFileName(built.title, ref.language);
  const target = await pickTarget(folder ? vscode.Uri.joinPath(folder, name) : undefined);
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(built.html));
  deps.log.info(
    `Export: ${ref.lessonId} (${ref.language}) with ${built.marked} highlights and ${built.orphans} orphans to ${target.toString(true)}`,
  );
  const open = vscode.l10n.t('Open');
  void vscode.window
    .showInformationMessage(
      vscode.l10n.t('Exported “{0}” to {1}.', built.title, target.fsPath || target.toString(true)),
      open,
    )
    .then((choice) => choice === open && vscode.env.openExternal(target));
  return target;
}

function saveDialog(defaultUri: vscode.Uri | undefined): Thenable<vscode.Uri | undefined> {
  return vscode.window.showSaveDialog({
    defaultUri,
    filters: { [vscode.l10n.t('Web page')]: ['html'] },
    saveLabel: vscode.l10n.t('Export'),
    title: vscode.l10n.t('Export Lesson with Notes'),
  });
}

/** Copy Notes as Markdown: the lesson's notes file without its anchor lines, to the clipboard. How many entries. */
export async function copyNotesAsMarkdown(deps: ExportDeps, ref: LessonRef): Promise<number> {
  const notes = await deps.store.forLesson(ref);
  const text = notes.entries.length ? await readNotesText(notes.uri) : undefined;
  if (text === undefined) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This lesson has no highlights or notes yet.'));
    return 0;
  }
  await vscode.env.clipboard.writeText(notesAsMarkdown(text));
  const n = notes.entries.length;
  void vscode.window.showInformationMessage(
    n === 1
      ? vscode.l10n.t('Copied 1 highlight or note as Markdown.')
      : vscode.l10n.t('Copied {0} highlights and notes as Markdown.', n),
  );
  return n;
}

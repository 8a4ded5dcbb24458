// Set-up and clean-up shared by the annotations suites: a lesson shown in English, and everything undone after.
import * as vscode from 'vscode';
import type { PageRange } from '../../../src/core/page/annotationMessages';
import type { AnnotatableLesson } from '../../../src/features/shared/annotationBridge';
import { extensionApi, type ExtensionApi } from './api';
import { showAndWait } from './lessons';
import { nextEvent, until } from './until';

/** Shows `lessonId` in English and waits for the page's first annotations drawing (every show gets one). */
export async function showLessonForAnnotations(
  lessonId: string,
): Promise<{ api: ExtensionApi; lesson: AnnotatableLesson; notes: vscode.Uri }> {
  await vscode.workspace.getConfiguration('interpLessons').update('language', 'en', vscode.ConfigurationTarget.Global);
  const api = await extensionApi();
  const drawn = nextEvent(api.annotations.onDidDraw, (r) => r.lesson.lessonId === lessonId, 'the first drawing');
  await showAndWait(api.lessons, lessonId);
  await drawn;
  const lesson = await until('the lesson as annotations see it', () => {
    const l = api.annotations.shownLesson();
    return l?.lessonId === lessonId ? l : undefined;
  });
  return { api, lesson, notes: api.annotations.store.notesUri(lesson) };
}

/** Closes the editors, deletes `notes` (a file, or a folder with what is in it) and puts the language back. */
export async function forgetAnnotations(notes: vscode.Uri | undefined): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  if (notes)
    await vscode.workspace.fs.delete(notes, { recursive: true }).then(
      () => undefined,
      () => undefined,
    );
  await vscode.workspace
    .getConfiguration('interpLessons')
    .update('language', undefined, vscode.ConfigurationTarget.Global);
}

/** A range of `length` characters of the lesson's plain text starting at the first word after `from`. */
export function rangeAt(lesson: AnnotatableLesson, from: number, length = 40): PageRange {
  const text = lesson.plainText();
  const start = text.slice(from).search(/\w/) + from;
  const end = Math.min(text.length, start + length);
  return { start, end, exact: text.slice(start, end), section: lesson.sections[0]?.id };
}

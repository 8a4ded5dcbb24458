// What the reader says when a lesson cannot be shown as asked, and what it logs about a render: the
// messages (localised), the log lines and the notifications, apart from the reader's coordination.
import * as vscode from 'vscode';
import {
  MAX_FORMATTED_INLINE_CHARS,
  MAX_TABLE_ROWS,
  mathLimitText,
  type CourseLesson,
  type RenderedLesson,
} from '../../core/activation';
import type { Log } from '../shared/deps';
import { errorMessage } from '../shared/errors';
import type { ui as sharedUi } from '../shared/ui';
import type { LoadedCourse } from './courseService';

/** The extension's `ui` (tests replace its methods): passed in, since a lazily loaded bundle has its own copy. */
export type Ui = typeof sharedUi;

/** The lesson and its text, or why there is none (already said in a notification). */
export function lessonToShow(
  course: LoadedCourse,
  lessonId: string,
  ui: Ui,
): { lesson: CourseLesson; text: string } | { problem: string } {
  const lesson = course.pages.find((l) => l.id === lessonId);
  if (!lesson) {
    const problem = vscode.l10n.t('Lesson "{0}" was not found in {1}.', lessonId, course.root.toString(true));
    void ui.showWarningMessage(problem);
    return { problem };
  }
  const text = course.texts.get(lesson.path);
  if (text === undefined) {
    const why = course.problems.find((p) => p.startsWith(`${lesson.path}:`)) ?? lesson.path;
    const problem = vscode.l10n.t('Cannot show the lesson: {0}', why);
    void vscode.window.showErrorMessage(problem);
    return { problem };
  }
  return { lesson, text };
}

/** Math errors, formulas past the limits and text shown unformatted, in the log. */
export function logRenderNotes(log: Log, lesson: CourseLesson, rendered: RenderedLesson): void {
  for (const err of rendered.mathErrors)
    log.warn(`${lesson.path}:${err.line}: math error: ${err.message} in ${err.tex}`);
  const untypeset = rendered.untypesetMath;
  if (untypeset)
    log.warn(
      `${lesson.path}:${untypeset.line}: ${untypeset.formulas} formula(s) from here on shown as TeX source: the lesson's math passed ${mathLimitText(untypeset.limit)} (Typeset All Formulas typesets them)`,
    );
  for (const u of rendered.unformatted ?? [])
    log.warn(
      u.kind === 'text'
        ? `${lesson.path}:${u.line}: ${u.size} characters in one block (limit ${MAX_FORMATTED_INLINE_CHARS}): shown as written, without formatting`
        : `${lesson.path}:${u.line}: a table's ${u.size} rows past the first ${MAX_TABLE_ROWS}: shown as written`,
    );
}

/**
 * A RenderFailure's reason ('timeout', 'cancelled', 'error'). Not `instanceof`: the reader is a lazily loaded
 * bundle with its own copy of the class, and the shared render service, made at activation, throws the other.
 */
export function renderFailureReason(e: unknown): string | undefined {
  const reason = e instanceof Error ? (e as { reason?: unknown }).reason : undefined;
  return typeof reason === 'string' ? reason : undefined;
}

function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

/** Typesetting every formula did not finish: a log line and a warning (the lesson is shown with the limit again). */
export function reportTypesetAllFailure(log: Log, ui: Ui, lesson: CourseLesson, e: unknown, timeoutMs: number): void {
  const why =
    renderFailureReason(e) === 'timeout' ? vscode.l10n.t('stopped after {0} s', seconds(timeoutMs)) : errorMessage(e);
  log.warn(`${lesson.path}: typesetting every formula did not finish (${why}); shown with the math limit again`);
  void ui.showWarningMessage(
    vscode.l10n.t(
      'Typesetting every formula of {0} did not finish ({1}): it is shown with the first formulas typeset, the rest as TeX.',
      lesson.path,
      why,
    ),
  );
}

/** A lesson that could not be rendered: a log line, a notification, and the message for the page. */
export function reportRenderFailure(
  log: Log,
  lesson: CourseLesson,
  text: string,
  e: unknown,
  timeoutMs: number,
): { reason: 'timeout' | 'error'; message: string } {
  const timeout = renderFailureReason(e) === 'timeout';
  const message = timeout
    ? vscode.l10n.t(
        '{0} is too big to show: rendering it took longer than {1} s and was stopped ({2} MB). Split it into smaller lessons.',
        lesson.path,
        seconds(timeoutMs),
        (text.length / 1024 / 1024).toFixed(1),
      )
    : vscode.l10n.t('Cannot render {0}: {1}', lesson.path, errorMessage(e));
  log.error(`render ${lesson.path}${timeout ? ` stopped after ${timeoutMs} ms` : ''}`, timeout ? undefined : e);
  void vscode.window.showErrorMessage(message);
  return { reason: timeout ? 'timeout' : 'error', message };
}

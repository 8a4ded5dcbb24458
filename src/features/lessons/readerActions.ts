import * as vscode from 'vscode';
import { resolveLessonLink } from '../../core/activation';
import { isExternalHref } from '../shared/links';
import type { Log } from '../shared/deps';
import type { Ui } from './readerNotices';
import type { CourseService } from './courseService';
import type { LessonRenderer } from './lessonRender';
import type { LessonTarget } from './reader';
import type { ReaderView } from './readerView';

/** What the reader's user actions need of it. */
export interface ReaderActionContext {
  log: Log;
  /** The extension's `ui` (tests replace its methods). */
  ui: Ui;
  courses: CourseService;
  renders: LessonRenderer;
  view(): ReaderView | undefined;
  show(target: LessonTarget, opts?: { reveal?: boolean }): Promise<boolean>;
  scrollTo(section: string): void;
}

/** Follows a link clicked in the page: another lesson (and section), or an external https page. */
export async function followLessonLink(ctx: ReaderActionContext, href: string): Promise<void> {
  if (isExternalHref(href)) return void (await vscode.env.openExternal(vscode.Uri.parse(href, true)));
  const from = ctx.view()?.current;
  if (!from) return;
  const target = resolveLessonLink(from.path, href, (await ctx.courses.get(from.language)).pages);
  if (!ctx.view()) return;
  if (!target)
    void ctx.ui.showWarningMessage(vscode.l10n.t('This link does not lead to a lesson in this course: {0}', href));
  else if (target.lesson.id === from.lessonId && target.section) ctx.scrollTo(target.section);
  else await ctx.show({ lessonId: target.lesson.id, section: target.section, language: from.language });
}

/**
 * Typesets every formula of the lesson in the reader, past the math limits (the banner's button and the
 * Typeset All Formulas command), in the worker; remembered for that lesson until the window closes.
 * True when the lesson is now shown with every formula typeset.
 */
export async function typesetAllMath(ctx: ReaderActionContext): Promise<boolean> {
  const shown = ctx.view()?.current;
  const untypeset = ctx.view()?.untypeset;
  if (!shown) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a lesson first.'));
    return false;
  }
  if (!untypeset) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Every formula in this lesson is already typeset.'));
    return false;
  }
  ctx.renders.typesetAllOf(untypeset.key);
  ctx.log.info(`${shown.path}: typesetting all formulas (${untypeset.formulas} were shown as TeX source)`);
  const shownAgain = await ctx.show({ lessonId: shown.lessonId, language: shown.language }, { reveal: false });
  return shownAgain && ctx.view()?.untypeset === undefined;
}

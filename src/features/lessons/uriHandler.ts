import * as vscode from 'vscode';
import { safeDecodeURIComponent } from '../../core/activation';
import type { Log } from '../shared/deps';
import { runAndLog } from '../shared/errors';
import { ui } from '../shared/ui';
import type { LessonTarget } from './reader';

/**
 * The extension's one URI handler: vscode://interp-lessons.interp-lessons/lesson/<id>#<section> (Copy Link) or
 * /lesson?id=…&section=… (notes) opens the lesson; a link that names no lesson is refused with a message.
 */
export function lessonUriHandler(log: Log, show: (target: LessonTarget) => Promise<unknown>): vscode.UriHandler {
  return {
    handleUri: (uri) => {
      const m = /^\/lesson\/([^/]+)$/.exec(uri.path);
      const q = new URLSearchParams(uri.query);
      // A crafted link may hold a malformed escape: refused with a message (URLSearchParams turns one into U+FFFD).
      const lessonId = m ? safeDecodeURIComponent(m[1]) : uri.path === '/lesson' ? q.get('id') : null;
      const section = (m ? uri.fragment : q.get('section')) || undefined;
      if (lessonId && lessonId.length <= 300 && !lessonId.includes('\uFFFD'))
        runAndLog(log, `open ${uri.toString(true)}`, show({ lessonId, section }));
      else if (lessonId !== null) {
        log.warn(`lesson link refused: ${uri.toString(true)} does not name a lesson`);
        void ui.showWarningMessage(
          vscode.l10n.t('This link does not lead to a lesson in this course: {0}', uri.toString(true)),
        );
      }
    },
  };
}

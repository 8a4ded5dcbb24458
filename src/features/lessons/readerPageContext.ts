import type { ProgressStore } from '../../core/activation';
import type { Deps } from '../shared/deps';
import type { LessonReader } from './reader';
import type { PageContext, ReaderEventHub } from './readerMessages';
import type { QuizPage, ReaderQuizzes } from './readerQuizzes';
import type { ReaderView, ShownLesson } from './readerView';
import type { ScrollStore } from './scrollStore';
import type { StateWrites } from './stateWrites';

/** What the page's messages need of the reader, whichever of its pages they come from. */
export interface ReaderPageSources {
  deps: Deps;
  events: ReaderEventHub;
  scroll: ScrollStore;
  stateWrites: StateWrites;
  progress: ProgressStore;
  quizzes: ReaderQuizzes | undefined;
  reader: Pick<LessonReader, 'show' | 'followLink'>;
}

/** What the messages of `view`'s page act on (readerMessages.ts routes them). */
export function readerPageContext(view: ReaderView, r: ReaderPageSources): PageContext {
  const again = (current: ShownLesson) => ({ lessonId: current.lessonId, language: current.language });
  return {
    log: r.deps.log,
    panel: view.panel,
    events: r.events,
    current: () => view.current,
    shownLessonId: () => view.shownLessonId,
    language: () => view.current?.language ?? r.deps.language(),
    showAgain: () => void (view.current && r.reader.show(again(view.current), { reveal: false })),
    scrolled: (lessonId, ratio) => r.scroll.set(lessonId, ratio),
    markRead: (lessonId) => r.stateWrites.run(lessonId, () => r.progress.set(lessonId, 'read')),
    open: (lessonId) => r.reader.show({ lessonId, language: view.current?.language }),
    followLink: (href) => r.reader.followLink(href),
    displayed: () => view.annotatable && r.deps.annotations.lessonShown(view.annotatable),
    annotationMessage: (m) => {
      const lesson = view.annotatable;
      if (lesson && lesson.lessonId === m.lessonId) r.deps.annotations.pageMessage(lesson, m);
    },
    quizShown: () => r.quizzes?.shown(quizPage(view)),
    quizMessage: (m) => r.quizzes?.pageMessage(quizPage(view), m),
  };
}

/** The page as the questions see it: a shown lesson (not a notice) and where to post. */
export function quizPage(view: ReaderView): QuizPage {
  return { postMessage: (m) => view.panel.postMessage(m), shownLessonId: () => view.current?.lessonId };
}

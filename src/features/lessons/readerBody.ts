// The lessons feature's body: the reader (panel, renders, page messages, scroll positions, the page's questions)
// and what only it uses (page builders, labels, the snippet catalogue for the Run buttons). register.ts loads it
// on the first show, panel revive, link or annotation reveal (dist/lazy-lessons-reader.js, esbuild.js LAZY), so
// activation carries none of it. A piece has its own copies of modules: what has state comes in as arguments.
import type * as vscode from 'vscode';
import { SNIPPETS, type GlossaryMarkOptions, type ProgressStore } from '../../core/activation';
import type { Deps } from '../shared/deps';
import type { RenderService } from '../shared/render/renderService';
import type { CourseService } from './courseService';
import type { QuizStore } from './quizStore';
import { LessonReader } from './reader';
import { ReaderQuizzes } from './readerQuizzes';
import type { Ui } from './readerNotices';
import type { StateWrites } from './stateWrites';

/** What the reader needs from activation: the feature's services and stores, made there. */
export interface ReaderHostServices {
  courses: CourseService;
  progress: ProgressStore;
  quizzes: QuizStore;
  stateWrites: StateWrites;
  glossaryMarking: () => GlossaryMarkOptions | undefined;
  renderService: RenderService;
  ui: Ui;
}

/** The reader, made once by register.ts; the caller pushes it onto `context.subscriptions`. */
export function createReader(context: vscode.ExtensionContext, deps: Deps, s: ReaderHostServices): LessonReader {
  // The snippets a lesson's Run button may start: the catalogue's (core keeps it equal to what can run).
  const runnable = new Set(SNIPPETS.map((x) => x.id));
  return new LessonReader(
    context,
    deps,
    s.courses,
    s.progress,
    () => runnable,
    s.glossaryMarking,
    s.stateWrites,
    s.renderService,
    s.ui,
    new ReaderQuizzes(s.quizzes, deps.log),
  );
}

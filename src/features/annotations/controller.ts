// The reader's annotations, host side: draws a shown lesson's entries on its page (and again whenever its notes
// file changes), and turns the page's annotation messages into edits of the notes file.
import * as vscode from 'vscode';
import type {
  Annotation,
  AnnotationPageMessage,
  HighlightColor,
  PageAnnotationsMessage,
  PageRange,
} from '../../core/activation';
import type { AnnotatableLesson, AnnotationBridge, LessonRef } from '../shared/annotationBridge';
import { runAndLog } from '../shared/errors';
import { annotate, onAnnotation, type AnnotateContext, type AnnotateResult } from './annotate';
import type { EditOutcome } from './edits';
import { annotationLabels } from './labels';
import { refKey } from './notesPaths';
import { anchorEntries } from './store';

/** The page drew an 'annotations' message; `createdMs` is the time from a create request to seeing it drawn. */
export interface DrawReport {
  lesson: LessonRef;
  seq: number;
  drawn: number;
  notDrawn: readonly string[];
  ms: number;
  createdMs?: number;
}

/** A selection the page reported last, for the commands that act on it. */
export interface ReaderSelection {
  lesson: AnnotatableLesson;
  range: PageRange;
}

export interface ControllerOptions extends AnnotateContext {
  bridge: AnnotationBridge;
  renderNote(markdown: string): string;
  /** The page drew what was posted (made at activation, so tests can wait on it before the controller exists). */
  drawn: vscode.EventEmitter<DrawReport>;
  /** An 'annotations' message went to the page. */
  posted: vscode.EventEmitter<PostedAnnotations>;
}

/** An 'annotations' message posted to the page about a lesson. */
export interface PostedAnnotations {
  lesson: LessonRef;
  message: PageAnnotationsMessage;
}

/** A lesson's drawing in progress and whether its notes changed meanwhile (then it draws once more). */
interface Drawing {
  lesson: AnnotatableLesson;
  again: boolean;
  done: Promise<void>;
}

export class AnnotationController implements vscode.Disposable {
  private seq = 0;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly selections = new Map<string, ReaderSelection>();
  private readonly drawing = new Map<string, Drawing>();
  /** Annotations created and not yet seen drawn: id → when the page asked for them. */
  private readonly creating = new Map<string, number>();
  /** Posts that carry a new annotation: seq → when it was asked for. */
  private readonly creatingSeq = new Map<number, number>();
  /** Annotations being written, per lesson: drawn before their notes file has them. */
  private readonly pending = new Map<string, Annotation[]>();
  /** What was last posted per lesson (items and text length): a notes file saved unchanged is not drawn again. */
  private readonly posted = new Map<string, string>();

  constructor(private readonly c: ControllerOptions) {
    this.subscriptions.push(
      c.store.onDidChange((ref) => {
        const shown = c.bridge.host?.current();
        if (shown && (!ref || refKey(ref) === refKey(shown)))
          runAndLog(c.deps.log, 'redraw the annotations of the lesson', () => this.refresh(shown));
      }),
    );
  }

  /**
   * The reader shows `lesson` (the bridge's onDidShowLesson, which register.ts subscribes to at activation and
   * forwards here: the controller is made on the first such event or page message).
   */
  showLesson(lesson: AnnotatableLesson): void {
    this.c.store.remember(lesson);
    // A page that displays a lesson has drawn nothing yet: it gets a post even when nothing changed.
    this.posted.delete(refKey(lesson));
    runAndLog(this.c.deps.log, 'draw the annotations of the lesson', () => this.refresh(lesson));
  }

  /** The page's last selection in `lesson` (default: the lesson the reader shows), if it still has one. */
  lastSelection(lesson?: LessonRef): ReaderSelection | undefined {
    const ref = lesson ?? this.c.bridge.host?.current();
    return ref && this.selections.get(refKey(ref));
  }

  /** One annotation message of the page about `lesson` (the bridge's event; tests call it directly). */
  async handle(
    lesson: AnnotatableLesson,
    message: AnnotationPageMessage,
  ): Promise<AnnotateResult | EditOutcome | void> {
    switch (message.type) {
      case 'selection':
        if (message.range) this.selections.set(refKey(lesson), { lesson, range: message.range });
        else this.selections.delete(refKey(lesson));
        return;
      case 'annotate':
        return this.create(lesson, message.action, message.range, message.color);
      case 'annotation':
        return onAnnotation(this.c, lesson, message.id, message.action, message.color);
      case 'annotationsDrawn':
        return this.drawn(lesson, message);
    }
  }

  /** Highlight, note or quote a range; the time to its drawing is measured from here. */
  async create(
    lesson: AnnotatableLesson,
    action: 'highlight' | 'note' | 'quote',
    range: PageRange,
    color?: HighlightColor,
  ): Promise<AnnotateResult> {
    const asked = performance.now();
    const key = refKey(lesson);
    const willCreate = (a: Annotation) => {
      this.creating.set(a.id, asked);
      // Drawn before the notes file is written and saved (the page verified the range; the host checked it):
      // the later post from the file is the same and is not sent again. A failed write takes it away.
      this.pending.set(key, [...(this.pending.get(key) ?? []), a]);
      runAndLog(this.c.deps.log, 'draw the new annotation', () => this.refresh(lesson));
    };
    let result: AnnotateResult | undefined;
    try {
      result = await annotate({ ...this.c, willCreate }, lesson, action, range, color);
    } finally {
      const left = (this.pending.get(key) ?? []).filter((a) => a.id !== result?.id);
      if (left.length) this.pending.set(key, left);
      else this.pending.delete(key);
      if (result?.id && result.outcome !== 'done') this.creating.delete(result.id);
    }
    if (result.id) await this.refresh(lesson);
    return result;
  }

  /** Draws the lesson's annotations; calls while one is drawing make it draw once more, not once each. */
  refresh(lesson: AnnotatableLesson): Promise<void> {
    const key = refKey(lesson);
    const running = this.drawing.get(key);
    if (running) {
      running.again = true;
      running.lesson = lesson;
      return running.done;
    }
    const d: Drawing = { lesson, again: true, done: Promise.resolve() };
    d.done = (async () => {
      try {
        while (d.again) {
          d.again = false;
          await this.draw(d.lesson);
        }
      } finally {
        this.drawing.delete(key);
      }
    })();
    this.drawing.set(key, d);
    return d.done;
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }

  private async draw(lesson: AnnotatableLesson): Promise<void> {
    const notes = await this.c.store.forLesson(lesson);
    const text = lesson.plainText();
    const written = new Set(notes.entries.map((e) => e.id));
    const placed = [
      ...anchorEntries(notes.entries, text),
      ...(this.pending.get(refKey(lesson)) ?? [])
        .filter((a) => !written.has(a.id))
        .map((a) => ({ entry: a, range: { start: a.start, end: a.end } })),
    ];
    const items = placed
      .flatMap(({ entry, range }) =>
        range
          ? [
              {
                id: entry.id,
                color: entry.color,
                start: range.start,
                end: range.end,
                noteHtml: this.noteHtml(entry.note),
              },
            ]
          : [],
      )
      .sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : 1));
    const signature = JSON.stringify([text.length, items]);
    if (this.posted.get(refKey(lesson)) === signature) return;
    const seq = ++this.seq;
    const message: PageAnnotationsMessage = {
      type: 'annotations',
      lessonId: lesson.lessonId,
      seq,
      textLength: text.length,
      items,
      labels: annotationLabels(),
    };
    for (const item of items) {
      const asked = this.creating.get(item.id);
      if (asked === undefined) continue;
      this.creating.delete(item.id);
      this.creatingSeq.set(seq, asked);
    }
    if (!this.c.bridge.host?.post(lesson, message)) return;
    this.posted.set(refKey(lesson), signature);
    this.c.posted.fire({ lesson, message });
  }

  private noteHtml(note: string): string {
    try {
      return this.c.renderNote(note);
    } catch (e) {
      this.c.deps.log.error('Annotations: a note could not be rendered', e);
      return '';
    }
  }

  private drawn(lesson: AnnotatableLesson, m: Extract<AnnotationPageMessage, { type: 'annotationsDrawn' }>): void {
    let createdMs: number | undefined;
    for (const [seq, asked] of this.creatingSeq) {
      if (seq > m.seq) continue;
      this.creatingSeq.delete(seq);
      createdMs = performance.now() - asked;
    }
    if (createdMs !== undefined)
      this.c.deps.log.info(`Annotations: creating a highlight to seeing it took ${createdMs.toFixed(1)} ms`);
    if (m.notDrawn.length)
      this.c.deps.log.warn(
        `Annotations: the page could not draw ${m.notDrawn.length} of ${lesson.lessonId}'s highlights`,
      );
    this.c.drawn.fire({ lesson, seq: m.seq, drawn: m.drawn, notDrawn: m.notDrawn, ms: m.ms, createdMs });
  }
}

import * as vscode from 'vscode';
import {
  readQuizState,
  setAsideKey,
  storedQuizState,
  withQuizAnswer,
  withoutLessonAnswers,
  type QuizAnswerRecord,
  type QuizAnswers,
  type QuizPageMessage,
} from '../../core/activation';
import { StateKeys } from '../../constants';
import type { Log } from '../shared/deps';
import { ui } from '../shared/ui';

/** The slice of globalState the store uses (keys() to find a free set-aside key). */
export type QuizMemento = Pick<vscode.Memento, 'get' | 'update' | 'keys'>;

/**
 * Answers to checked questions in globalState (key `interpLessons.quiz`, synced like reading progress), by lesson
 * id and question id: the same in both languages. Writes go one after another, each over what is stored then. A
 * stored record this version cannot read, whole or in part, is moved to a key of its own
 * (`interpLessons.quiz.setAside.<time>`) before anything is written: never dropped, said in a warning and the log.
 */
export class QuizStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  /** A lesson's answers changed (its id), or possibly every lesson's (undefined). */
  readonly onDidChange = this.changed.event;
  private writes: Promise<unknown> = Promise.resolve();
  private settingAside: unknown;

  constructor(
    readonly memento: QuizMemento,
    private readonly log: Log,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every answer this version reads now; a part it cannot read is being set aside meanwhile. */
  answers(): QuizAnswers {
    const raw = this.memento.get<unknown>(StateKeys.quiz);
    const read = readQuizState(raw);
    if (read.setAside && this.settingAside !== raw) {
      this.settingAside = raw;
      this.enqueue(() => this.setAside());
    }
    return read.answers;
  }

  /** One lesson's answers by question id. */
  lesson(lessonId: string): Record<string, QuizAnswerRecord> {
    return this.answers()[lessonId] ?? {};
  }

  /** Records what the page sent (already validated): an answer, or a Reset of the lesson. */
  apply(m: QuizPageMessage): Promise<void> {
    this.answers();
    return this.enqueue(async () => {
      const answers = this.answers();
      const next =
        m.type === 'quizReset'
          ? withoutLessonAnswers(answers, m.lessonId)
          : withQuizAnswer(answers, m.lessonId, m.quizId, {
              state: m.state,
              ...(m.answer === undefined ? {} : { answer: m.answer }),
              at: this.now(),
            });
      await this.memento.update(StateKeys.quiz, storedQuizState(next));
      this.changed.fire(m.lessonId);
    });
  }

  /** The keys records were set aside under, oldest first. */
  setAsideKeys(): string[] {
    return this.memento
      .keys()
      .filter((k) => k.startsWith(`${StateKeys.quizSetAside}.`))
      .sort();
  }

  /** Resolves when the writes asked for so far are done. */
  settled(): Promise<void> {
    return this.writes.then(() => undefined);
  }

  private enqueue<T>(work: () => PromiseLike<T>): Promise<T> {
    const run = this.writes.then(work, work);
    this.writes = run.catch((e: unknown) => this.log.error('quiz answers: a write failed', e));
    return run;
  }

  /** Moves what cannot be read to a key of its own and keeps the rest. Re-reads: the value may have changed. */
  private async setAside(): Promise<void> {
    const read = readQuizState(this.memento.get<unknown>(StateKeys.quiz));
    if (!read.setAside) return;
    const taken = new Set(this.memento.keys());
    const now = this.now();
    const key = setAsideKey(StateKeys.quizSetAside, now, (k) => taken.has(k));
    const { reason, value } = read.setAside;
    try {
      await this.memento.update(key, { setAsideAt: new Date(now).toISOString(), reason, value });
      await this.memento.update(StateKeys.quiz, storedQuizState(read.answers));
    } catch (e) {
      this.log.error(`quiz answers: could not set aside ${reason}`, e);
      return;
    }
    this.log.warn(`quiz answers: ${reason}; moved to the key ${key}, the other answers are kept`);
    void ui.showWarningMessage(
      vscode.l10n.t('Some saved answers to questions could not be read. They were kept under {0} (see the log).', key),
    );
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

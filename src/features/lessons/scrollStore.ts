import * as vscode from 'vscode';
import type { KeyValueStore } from '../../core/activation';
import { StateKeys } from '../../constants';
import type { StateWrites } from './stateWrites';

/** How long after a scroll report the positions are written (one write for a burst of scrolling). */
const SAVE_DELAY_MS = 1000;

/**
 * Each lesson's scroll position (0–1), kept for the session and saved through StateWrites a second after
 * the last report. A write that fails keeps what was stored and this session's positions (the reader still
 * returns to them); StateWrites logs it once per run of failures and warns once per session.
 */
export class ScrollStore implements vscode.Disposable {
  private readonly positions: Record<string, number>;
  private saveTimer: NodeJS.Timeout | undefined;

  constructor(
    private storage: KeyValueStore,
    private readonly stateWrites: StateWrites,
  ) {
    this.positions = { ...(storage.get<Record<string, number>>(StateKeys.scroll) ?? {}) };
  }

  get(lessonId: string): number | undefined {
    return this.positions[lessonId];
  }

  /** Records a position, saved shortly (restored panels set theirs without a save). */
  set(lessonId: string, ratio: number, options: { save?: boolean } = {}): void {
    this.positions[lessonId] = ratio;
    if (options.save !== false) this.scheduleSave();
  }

  /** For tests: wraps the storage (a write-fault test makes every update fail); returns the restore. */
  replaceStorage(wrap: (real: KeyValueStore) => KeyValueStore): () => void {
    const real = this.storage;
    this.storage = wrap(real);
    return () => {
      this.storage = real;
    };
  }

  private scheduleSave(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.save();
    }, SAVE_DELAY_MS);
  }

  /** Every lesson's position in one update. */
  private save(): Promise<boolean> {
    return this.stateWrites.run(vscode.l10n.t('scroll positions'), () =>
      this.storage.update(StateKeys.scroll, { ...this.positions }),
    );
  }

  /** Writes a pending save now. */
  dispose(): void {
    if (!this.saveTimer) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    void this.save();
  }
}

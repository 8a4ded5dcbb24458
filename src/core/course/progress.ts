/** Reading state of one lesson. */
export type LessonProgress = 'unread' | 'inProgress' | 'read';

/** The slice of VS Code's Memento that the store needs (a Map in tests). */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

type ProgressRecord = Record<string, { state: LessonProgress; updated: number }>;

/**
 * Reading progress by lesson id (the same in every language). The whole record is written in one
 * `update`, so a failure never leaves it half-written (a failed write rejects and changes nothing); unknown or
 * corrupt stored values read as unread and are kept, never overwritten by a later write.
 */
export class ProgressStore {
  private readonly listeners = new Set<() => void>();
  constructor(
    private readonly store: KeyValueStore,
    private readonly key: string,
  ) {}

  private read(): ProgressRecord {
    const raw = this.store.get<unknown>(this.key);
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
    const out: ProgressRecord = {};
    for (const [id, v] of Object.entries(raw as Record<string, unknown>)) {
      const state = (v as { state?: unknown })?.state;
      if (state === 'inProgress' || state === 'read')
        out[id] = { state, updated: Number((v as { updated?: unknown }).updated) || 0 };
    }
    return out;
  }

  get(lessonId: string): LessonProgress {
    return this.read()[lessonId]?.state ?? 'unread';
  }

  /** Counts lessons read among `lessonIds`. */
  countRead(lessonIds: readonly string[]): number {
    const r = this.read();
    return lessonIds.filter((id) => r[id]?.state === 'read').length;
  }

  /** Opening a lesson marks it in progress, never downgrading a read lesson. */
  async markOpened(lessonId: string): Promise<void> {
    if (this.get(lessonId) === 'unread') await this.set(lessonId, 'inProgress');
  }

  async set(lessonId: string, state: LessonProgress): Promise<void> {
    if (this.get(lessonId) === state) return;
    // Written over what is stored, not over what this version understands: entries it cannot read stay.
    const raw = this.store.get<unknown>(this.key);
    if (raw !== undefined && (raw === null || typeof raw !== 'object' || Array.isArray(raw))) {
      throw new Error('the stored reading progress is not in a form this version reads; it was left as it is');
    }
    const next: Record<string, unknown> = { ...(raw as Record<string, unknown> | undefined) };
    if (state === 'unread') delete next[lessonId];
    else next[lessonId] = { state, updated: Date.now() };
    await this.store.update(this.key, next);
    this.fire();
  }

  async reset(): Promise<void> {
    await this.store.update(this.key, undefined);
    this.fire();
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private fire(): void {
    for (const l of [...this.listeners]) l();
  }
}

import { StateKeys } from '../../constants';

/** The slice of VS Code's globalState Memento that Settings Sync registration needs (a spy in tests). */
export interface SyncableMemento {
  setKeysForSync(keys: readonly string[]): void;
}

/**
 * Which learner state follows the user to other machines through Settings Sync. Every StateKeys entry is
 * listed, so a new key cannot be added without a decision. Reading progress syncs. Scroll positions stay
 * on the machine: they depend on the window and font size, and they are rewritten every second while
 * someone scrolls.
 */
const SYNCS: Record<keyof typeof StateKeys, boolean> = {
  progress: true,
  scroll: false,
  // Review schedules follow the user like progress; a record set aside stays where it was found, for the user to see.
  review: true,
  reviewSetAside: false,
  // Answers to checked questions are progress too; a record set aside stays on the machine where it was found.
  quiz: true,
  quizSetAside: false,
};

/** The globalState keys that sync across machines. */
export function syncedStateKeys(): string[] {
  return (Object.keys(SYNCS) as (keyof typeof StateKeys)[]).filter((k) => SYNCS[k]).map((k) => StateKeys[k]);
}

/** Registers the learner state that syncs with the memento (VS Code's globalState) and returns those keys. */
export function registerSyncedState(memento: SyncableMemento): string[] {
  const keys = syncedStateKeys();
  memento.setKeysForSync(keys);
  return keys;
}

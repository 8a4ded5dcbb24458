import * as vscode from 'vscode';
import { dueCards, reviewCards, type Glossary, type ProgressStore, type ReviewCard } from '../../core/activation';
import { Commands } from '../../constants';
import { commandTable, registerCommands } from '../shared/commands';
import type { Deps } from '../shared/deps';
import { onDidChangeSettings } from '../shared/settings';
import { REVIEW_COMMANDS } from './commandIds';
import { DueReminders } from './reminders';
import type * as Panel from './reviewPanel';
import { ReviewStore } from './reviewStore';

// The review page loads on the first Review Terms: dist/lazy-review-panel.js (esbuild.js).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadPanel = () => require('./reviewPanel') as typeof Panel;

/** What the review feature needs from the others (passed in by extension.ts; no feature imports another). */
export interface ReviewInputs {
  glossary(): Glossary;
  onDidChangeGlossary: vscode.Event<unknown>;
  progress: ProgressStore;
  /** The Glossary view, for the badge. */
  glossaryView(): vscode.TreeView<unknown> | undefined;
}

/** Spaced review of the glossary terms of lessons read: Review Terms, its page, the due-card reminders. */
export function register(context: vscode.ExtensionContext, deps: Deps, inputs: ReviewInputs) {
  let now = () => Date.now();
  const clock = () => now();
  const store = new ReviewStore(context.globalState, deps.log, clock);
  const cards = (): ReviewCard[] => reviewCards(inputs.glossary(), (id) => inputs.progress.get(id) === 'read');
  const reminders = new DueReminders({
    cards,
    schedules: () => store.schedules(),
    now: clock,
    view: inputs.glossaryView,
  });
  const panel = lazyPanel(context, deps, { glossary: inputs.glossary, cards, store, now: clock });
  const refresh = () => reminders.refresh();
  context.subscriptions.push(...subscriptions(store, reminders, inputs, refresh, panel));
  refresh();

  return {
    store,
    reminders,
    /** The review page (reading it loads the page's code). */
    get panel() {
      return panel();
    },
    /** The cards of the lessons read now, and those due now. */
    cards,
    dueCards: () => dueCards(cards(), store.schedules(), clock()),
    /** Tests: the feature's clock (returns the function that puts the real one back). */
    setClock(fn: () => number): () => void {
      now = fn;
      refresh();
      return () => {
        now = () => Date.now();
        refresh();
      };
    },
  };
}

/** The review page, made on the first Review Terms (or read of the API's `panel`). */
function lazyPanel(
  context: vscode.ExtensionContext,
  deps: Deps,
  parts: Pick<Panel.ReviewPanelDeps, 'glossary' | 'cards' | 'store' | 'now'>,
): () => Panel.ReviewPanel {
  let shown: Panel.ReviewPanel | undefined;
  return () => {
    if (shown) return shown;
    shown = new (loadPanel().ReviewPanel)({
      extensionUri: context.extensionUri,
      glossary: parts.glossary,
      language: () => deps.language(),
      cards: parts.cards,
      store: parts.store,
      now: parts.now,
      log: deps.log,
    });
    context.subscriptions.push(shown);
    return shown;
  };
}

/** The store, the reminders, what makes the reminders count again, and Review Terms. */
function subscriptions(
  store: ReviewStore,
  reminders: DueReminders,
  inputs: ReviewInputs,
  refresh: () => void,
  panel: () => Panel.ReviewPanel,
): vscode.Disposable[] {
  return [
    store,
    reminders,
    store.onDidChange(refresh),
    inputs.progress.onDidChange(refresh),
    inputs.onDidChangeGlossary(refresh),
    onDidChangeSettings((change) => {
      if (change.affects('review.reminders')) refresh();
    }),
    // Coming back to the window: schedules Settings Sync brought meanwhile, or a timer that slept with the machine.
    vscode.window.onDidChangeWindowState((state) => {
      if (state.focused) refresh();
    }),
    registerCommands(commandTable(REVIEW_COMMANDS, { [Commands.reviewTerms]: () => panel().show() })),
  ];
}

export type ReviewApi = ReturnType<typeof register>;

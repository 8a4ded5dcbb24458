import * as vscode from 'vscode';
import {
  buildPageShell,
  cardFaces,
  cardKey,
  createNonce,
  dueCards,
  escapeHtml,
  formatInterval,
  HOST_RENDER_BUDGET_MS,
  moveInlineStyles,
  nextDueTime,
  parseReviewPageMessage,
  previewIntervals,
  reviewCardHtml,
  reviewDoneHtml,
  type Glossary,
  type GlossaryLanguage,
  type ReviewCard,
  type ReviewGrade,
} from '../../core/activation';
import { WebviewTypes } from '../../constants';
import type { Log } from '../shared/deps';
import { runAndLog } from '../shared/errors';
import { loadRenderer } from '../shared/render/renderer';
import { cardLabels, intervalLabels, pageLabels } from './labels';
import type { ReviewStore } from './reviewStore';

export interface ReviewPanelDeps {
  extensionUri: vscode.Uri;
  glossary(): Glossary;
  language(): GlossaryLanguage;
  cards(): ReviewCard[];
  store: ReviewStore;
  now(): number;
  log: Log;
}

/** What the page says it shows: a card (`key`), its answer or not; `done` for the screen after the last card. */
export interface ReviewShown {
  key: string | 'done';
  answer: boolean;
}

/**
 * The Review Terms page: one webview panel showing the first due card, then the next after each grade, then the
 * done screen. The page gets each card as HTML (faces rendered by the reader's renderer, math typeset) in a
 * message, so keyboard focus stays in the page from card to card.
 */
export class ReviewPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private subscriptions: vscode.Disposable[] = [];
  /** The page has said `ready` (until then a card would be lost: the page asks for one when it is ready). */
  private ready = false;
  /** The card on the page now. */
  current: ReviewCard | undefined;
  private readonly shownEmitter = new vscode.EventEmitter<ReviewShown>();
  /** Fires when the page reports what it shows (tests wait on it). */
  readonly onDidShow = this.shownEmitter.event;

  constructor(private readonly deps: ReviewPanelDeps) {}

  get isOpen(): boolean {
    return !!this.panel;
  }

  /** Opens (or reveals) the page at the first card due now. */
  show(): void {
    if (!this.panel) {
      this.panel = this.createPanel(); // its page asks for the card when it is ready
      return;
    }
    this.panel.reveal(undefined, false);
    this.next();
  }

  private createPanel(): vscode.WebviewPanel {
    const media = vscode.Uri.joinPath(this.deps.extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel(
      WebviewTypes.review,
      vscode.l10n.t('Review Terms'),
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      { enableScripts: true, localResourceRoots: [media] },
    );
    panel.iconPath = {
      light: vscode.Uri.joinPath(media, 'icons', 'glossary.svg'),
      dark: vscode.Uri.joinPath(media, 'icons', 'glossary.svg'),
    };
    const webview = panel.webview;
    webview.html = buildPageShell({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'review.js')).toString(),
      styleUris: ['katex/katex.min.css', 'reader.css', 'review.css'].map((p) =>
        webview.asWebviewUri(vscode.Uri.joinPath(media, ...p.split('/'))).toString(),
      ),
      lang: this.deps.language(),
      title: panel.title,
      config: {},
      body: '<main class="il-lesson il-review" aria-live="polite"></main>',
    });
    this.ready = false;
    const subscriptions = (this.subscriptions = [webview.onDidReceiveMessage((m: unknown) => this.onMessage(m))]);
    subscriptions.push(
      panel.onDidDispose(() => {
        if (this.panel === panel) this.panel = this.current = undefined;
        for (const d of subscriptions) d.dispose();
      }),
    );
    return panel;
  }

  /** Puts the first due card on the page, or the done screen. */
  private next(): void {
    const now = this.deps.now();
    const cards = this.deps.cards();
    const schedules = this.deps.store.schedules();
    const due = dueCards(cards, schedules, now);
    const card = due.find((c) => this.deps.glossary().byId.has(c.termId));
    this.current = card;
    if (!card) {
      this.post(this.doneHtml(cards.length, nextDueTime(cards, schedules, now)));
      return;
    }
    const entry = this.deps.glossary().byId.get(card.termId)!;
    const language = this.deps.language();
    const faces = cardFaces(entry, card.direction, language, cardLabels());
    const days = previewIntervals(schedules[card.termId]?.[card.direction], now);
    const labels = intervalLabels();
    const interval = (g: ReviewGrade) => formatInterval(days[g], labels);
    const html = reviewCardHtml(
      {
        key: cardKey(card),
        prompt: faces.prompt,
        frontHtml: this.render(faces.front),
        backHtml: this.render(faces.back),
        intervals: { 1: interval(1), 2: interval(2), 3: interval(3), 4: interval(4) },
        remaining: due.length,
      },
      pageLabels(),
    );
    this.post(html);
  }

  private doneHtml(cardCount: number, nextDue: number | undefined): string {
    if (!cardCount)
      return reviewDoneHtml(
        vscode.l10n.t('No terms to review yet'),
        vscode.l10n.t(
          'Cards come from the glossary terms of the lessons you have read. Read a lesson to the end first.',
        ),
      );
    const next = nextDue
      ? vscode.l10n.t('Next card due: {0}', new Date(nextDue).toLocaleString(vscode.env.language))
      : undefined;
    return reviewDoneHtml(vscode.l10n.t('All caught up'), vscode.l10n.t('No card is due now.'), next);
  }

  /** A face's markdown as HTML (inline styles moved for the CSP); on failure, its text, and a log line. */
  private render(markdown: string): string {
    try {
      return moveInlineStyles(loadRenderer().renderLesson(markdown, { budgetMs: HOST_RENDER_BUDGET_MS }).html);
    } catch (e) {
      this.deps.log.error('review card could not be rendered', e);
      return `<p>${escapeHtml(markdown)}</p>`;
    }
  }

  private post(html: string): void {
    if (this.ready) void this.panel?.webview.postMessage({ type: 'show', html });
  }

  private onMessage(m: unknown): void {
    const msg = parseReviewPageMessage(m);
    if (msg?.type === 'ready') {
      // A new page, or one hidden and shown again (loaded afresh): it gets the card due now.
      this.ready = true;
      this.next();
    } else if (msg?.type === 'shown') {
      this.shownEmitter.fire({ key: msg.key, answer: msg.answer });
    } else if (msg?.type === 'grade') {
      const card = this.current;
      // A grade for a card no longer on the page (a double press) is dropped.
      if (!card || cardKey(card) !== msg.key) return;
      this.current = undefined;
      runAndLog(this.deps.log, `review: grade ${msg.key}`, async () => {
        await this.deps.store.grade(card, msg.grade);
        if (this.panel) this.next();
      });
    }
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.subscriptions) d.dispose();
    this.shownEmitter.dispose();
  }
}

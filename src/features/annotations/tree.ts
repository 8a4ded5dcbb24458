// The Annotations view: the user's highlights and notes, lesson → section → annotation, orphans apart. It reads
// through the AnnotationStore and re-reads only the lesson whose notes file changed (debounced while typing).
import * as vscode from 'vscode';
import type { LessonRef, ReaderHost, RevealTarget } from '../shared/annotationBridge';
import type { Log } from '../shared/deps';
import { refKey } from './notesPaths';
import { AnnotationViewCommands, AnnotationsViewIds } from './viewCommandIds';
import type { AnnotationStore, LessonNotes } from './store';
import {
  COLOR_THEME_IDS,
  firstLine,
  lessonChildren,
  lessonNodes,
  shortQuote,
  type AnnotationNode,
  type LessonAnnotations,
} from './treeModel';

/** How long the view waits after a notes file changes before reading it again (typing in the file). */
export const REFRESH_DEBOUNCE_MS = 300;

export interface AnnotationsTreeOptions {
  store: AnnotationStore;
  host: () => ReaderHost | undefined;
  log: Log;
  /** The locale lesson titles are sorted in. */
  locale: () => string;
}

export class AnnotationsTree implements vscode.TreeDataProvider<AnnotationNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<AnnotationNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private lessons: Map<string, LessonAnnotations> | undefined;
  private loading: Promise<Map<string, LessonAnnotations>> | undefined;
  /** Lessons to read again (undefined in the set: all of them), gathered while the debounce runs. */
  private readonly stale = new Set<LessonRef | undefined>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private filter = '';
  private readonly subscription: vscode.Disposable;
  view: vscode.TreeView<AnnotationNode> | undefined;

  constructor(private readonly options: AnnotationsTreeOptions) {
    this.subscription = options.store.onDidChange((ref) => this.markStale(ref));
  }

  get filterText(): string {
    return this.filter;
  }

  setFilter(text: string): void {
    this.filter = text.trim();
    void vscode.commands.executeCommand('setContext', AnnotationsViewIds.filteredContext, this.filter.length > 0);
    this.changed.fire(undefined);
  }

  /** Everything read again now (tests, and after the notes folder moved). */
  refresh(): void {
    this.lessons = undefined;
    this.loading = undefined;
    this.changed.fire(undefined);
  }

  /** The lessons as read (loading them the first time); what the commands look lessons up in. */
  async snapshot(): Promise<ReadonlyMap<string, LessonAnnotations>> {
    if (this.lessons) return this.lessons;
    this.loading ??= this.loadAll();
    const loading = this.loading;
    const lessons = await loading;
    if (this.loading === loading) this.lessons = lessons;
    return lessons;
  }

  async getChildren(node?: AnnotationNode): Promise<AnnotationNode[]> {
    if (node?.kind === 'lesson')
      return lessonChildren(node.lesson, this.filter, vscode.l10n.t('Before the first section'));
    if (node?.kind === 'section' || node?.kind === 'orphans') return node.items;
    if (node) return [];
    const lessons = await this.snapshot();
    const nodes = lessonNodes(lessons.values(), this.filter, this.options.locale());
    this.showState(lessons.size, nodes.length);
    return nodes;
  }

  getTreeItem(node: AnnotationNode): vscode.TreeItem {
    switch (node.kind) {
      case 'lesson':
        return lessonItem(node.lesson, node.shown);
      case 'section': {
        const item = new vscode.TreeItem(node.title, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `${node.lesson.key}#${node.id ?? ''}`;
        item.iconPath = new vscode.ThemeIcon('symbol-string');
        item.description = String(node.items.length);
        item.contextValue = 'annotationSection';
        return item;
      }
      case 'orphans':
        return orphansItem(node.lesson, node.items.length);
      case 'annotation':
        return annotationItem(node.lesson, node.entry, node.orphan);
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscription.dispose();
    this.changed.dispose();
  }

  /** The view's description (the filter) and message (nothing matches), and the welcome's context key. */
  private showState(total: number, shown: number): void {
    void vscode.commands.executeCommand('setContext', AnnotationsViewIds.emptyContext, total === 0);
    if (!this.view) return;
    this.view.description = this.filter ? vscode.l10n.t('Filter: {0}', this.filter) : undefined;
    this.view.message =
      this.filter && total > 0 && shown === 0
        ? vscode.l10n.t('No highlight or note matches “{0}”.', this.filter)
        : undefined;
  }

  private markStale(ref: LessonRef | undefined): void {
    this.stale.add(ref);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.reloadStale(), REFRESH_DEBOUNCE_MS);
  }

  /** Reads again only the lessons whose notes changed (everything when one change could not be placed). */
  private async reloadStale(): Promise<void> {
    this.timer = undefined;
    const refs = [...this.stale];
    this.stale.clear();
    if (!this.lessons || refs.includes(undefined)) return this.refresh();
    const lessons = this.lessons;
    try {
      for (const ref of refs as LessonRef[]) {
        const lesson = await this.loadLesson(await this.options.store.forLesson(ref));
        if (lesson && lesson.anchored.length) lessons.set(lesson.key, lesson);
        else lessons.delete(refKey(ref));
      }
    } catch (e) {
      this.options.log.error('Annotations view: could not read a notes file again', e);
    }
    if (this.lessons === lessons) this.changed.fire(undefined);
  }

  private async loadAll(): Promise<Map<string, LessonAnnotations>> {
    const out = new Map<string, LessonAnnotations>();
    let all: LessonNotes[] = [];
    try {
      all = await this.options.store.all();
    } catch (e) {
      this.options.log.error('Annotations view: could not list the notes files', e);
    }
    for (const notes of all) {
      if (!notes.entries.length) continue;
      const lesson = await this.loadLesson(notes);
      if (lesson) out.set(lesson.key, lesson);
    }
    return out;
  }

  /** One lesson's entries anchored on its text now, with its title and headings (when it can be loaded). */
  private async loadLesson(notes: LessonNotes): Promise<LessonAnnotations | undefined> {
    try {
      const [anchored, lesson] = await Promise.all([
        this.options.store.anchored(notes.ref),
        this.options.host()?.load(notes.ref),
      ]);
      return {
        ref: notes.ref,
        key: refKey(notes.ref),
        title: lesson?.title ?? notes.ref.lessonId,
        sections: lesson?.sections ?? [],
        anchored,
        readOnly: notes.readOnly,
      };
    } catch (e) {
      this.options.log.error(`Annotations view: could not read the notes of ${notes.ref.lessonId}`, e);
      return undefined;
    }
  }
}

function lessonItem(lesson: LessonAnnotations, shown: number): vscode.TreeItem {
  const item = new vscode.TreeItem(lesson.title, vscode.TreeItemCollapsibleState.Expanded);
  item.id = lesson.key;
  item.iconPath = new vscode.ThemeIcon('book');
  item.description = `${lesson.ref.language}${lesson.ref.course === 'folder' ? ` · ${vscode.l10n.t('course folder')}` : ''} · ${shown}`;
  item.tooltip = vscode.l10n.t('{0} highlights and notes', lesson.anchored.length);
  item.contextValue = 'annotationLesson';
  return item;
}

function orphansItem(lesson: LessonAnnotations, count: number): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Orphaned'), vscode.TreeItemCollapsibleState.Expanded);
  item.id = `${lesson.key}#orphans`;
  item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  item.description = String(count);
  item.tooltip = vscode.l10n.t(
    'The passages these were made on are no longer in the lesson (it changed). They are kept in the notes file.',
  );
  item.contextValue = 'annotationOrphans';
  return item;
}

function annotationItem(
  lesson: LessonAnnotations,
  entry: LessonAnnotations['anchored'][number]['entry'],
  orphan: boolean,
) {
  const item = new vscode.TreeItem(shortQuote(entry.exact), vscode.TreeItemCollapsibleState.None);
  item.id = `${lesson.key}@${entry.id}`;
  item.description = firstLine(entry.note) || undefined;
  const color = new vscode.ThemeColor(COLOR_THEME_IDS[entry.color]);
  item.iconPath = new vscode.ThemeIcon(orphan ? 'circle-outline' : 'circle-filled', color);
  item.tooltip = annotationTooltip(entry.exact, entry.note, orphan);
  item.contextValue = lesson.readOnly ? 'annotation.readOnly' : 'annotation';
  const target: RevealTarget = orphan
    ? { ...refOf(lesson.ref), section: entry.section }
    : { ...refOf(lesson.ref), annotationId: entry.id };
  item.command = {
    command: AnnotationViewCommands.revealAnnotationInternal,
    title: vscode.l10n.t('Show in Lesson'),
    arguments: [target],
  };
  return item;
}

function refOf(ref: LessonRef): LessonRef {
  return { lessonId: ref.lessonId, language: ref.language, course: ref.course };
}

/**
 * The quote as a block quote and the note below it, as text: a note's markdown could hold an image, which a
 * hover would fetch (nothing from the network).
 */
function annotationTooltip(exact: string, note: string, orphan: boolean): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendMarkdown(
    exact
      .split(/\r?\n/)
      .map((l) => `> ${escapeMarkdown(l)}`)
      .join('\n'),
  );
  if (note.trim()) md.appendMarkdown('\n\n').appendText(note);
  if (orphan)
    md.appendMarkdown('\n\n---\n\n$(warning) ').appendText(
      vscode.l10n.t('This passage is no longer in the lesson: it changed. The note is kept in your notes file.'),
    );
  return md;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

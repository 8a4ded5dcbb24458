import * as vscode from 'vscode';
import {
  answeredCount,
  quizIdsInText,
  type CourseLesson,
  type Heading,
  type LessonProgress,
  type ProgressStore,
} from '../../core/activation';
import { Commands } from '../../constants';
import type { AnnotationCounts } from '../shared/annotationBridge';
import type { CourseService, LoadedCourse } from './courseService';

export type LessonNode =
  | { kind: 'module'; path: string }
  | { kind: 'lesson'; lessonId: string }
  | { kind: 'section'; lessonId: string; sectionId: string };

/** Each lesson's number of annotations, and when they change (the AnnotationBridge in Deps gives both). */
export interface LessonAnnotationCounts extends AnnotationCounts {
  readonly onDidChangeCounts: vscode.Event<void>;
}

/** Each lesson's answered questions, and when they change (features/lessons/quizStore.ts). */
export interface LessonQuizAnswers {
  lesson(lessonId: string): Record<string, unknown>;
  readonly onDidChange: vscode.Event<unknown>;
}

const PROGRESS_ICONS: Record<LessonProgress, vscode.ThemeIcon> = {
  unread: new vscode.ThemeIcon('circle-large-outline'),
  inProgress: new vscode.ThemeIcon('eye', new vscode.ThemeColor('charts.yellow')),
  read: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('charts.green')),
};

/**
 * Module → lessons → sections (H2, with H3 under their H2). Nodes are small keyed objects, cached so
 * that `reveal` and `getParent` see the same instances; labels come from the loaded course.
 */
export class LessonTreeProvider implements vscode.TreeDataProvider<LessonNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<LessonNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private course: LoadedCourse | undefined;
  private readonly nodes = new Map<string, LessonNode>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Question ids by lesson path, with the text they were read from. */
  private readonly quizIds = new Map<string, { text: string; ids: string[] }>();

  constructor(
    private readonly courses: CourseService,
    private readonly progress: ProgressStore,
    private readonly annotations?: LessonAnnotationCounts,
    private readonly quizzes?: LessonQuizAnswers,
  ) {
    this.subscriptions.push(
      this.changed,
      courses.onDidChange(() => this.refresh()),
      progress.onDidChange(() => this.changed.fire(undefined)),
    );
    if (annotations) this.subscriptions.push(annotations.onDidChangeCounts(() => this.changed.fire(undefined)));
    if (quizzes) this.subscriptions.push(quizzes.onDidChange(() => this.changed.fire(undefined)));
  }

  refresh(): void {
    this.course = undefined;
    this.changed.fire(undefined);
  }

  private node(key: string, make: () => LessonNode): LessonNode {
    let n = this.nodes.get(key);
    if (!n) {
      n = make();
      this.nodes.set(key, n);
    }
    return n;
  }

  lessonNode(lessonId: string): LessonNode {
    return this.node(`l:${lessonId}`, () => ({ kind: 'lesson', lessonId }));
  }

  moduleNode(path: string): LessonNode {
    return this.node(`m:${path}`, () => ({ kind: 'module', path }));
  }

  sectionNode(lessonId: string, sectionId: string): LessonNode {
    return this.node(`s:${lessonId}#${sectionId}`, () => ({ kind: 'section', lessonId, sectionId }));
  }

  private async loaded(): Promise<LoadedCourse> {
    this.course ??= await this.courses.get();
    return this.course;
  }

  private find(lessonId: string): CourseLesson | undefined {
    return this.course?.lessons.find((l) => l.id === lessonId);
  }

  async getChildren(element?: LessonNode): Promise<LessonNode[]> {
    const course = await this.loaded();
    // No lessons: no nodes, so that the view shows its welcome content (or message).
    if (!element) return course.lessons.length ? course.modules.map((m) => this.moduleNode(m.path)) : [];
    if (element.kind === 'module')
      return (course.modules.find((m) => m.path === element.path)?.lessons ?? []).map((l) => this.lessonNode(l.id));
    const lesson = this.find(element.lessonId);
    if (!lesson) return [];
    const sections = lesson.sections;
    if (element.kind === 'lesson') {
      // H2s, plus any H3 that comes before the first H2.
      const firstH2 = sections.findIndex((s) => s.level === 2);
      return sections
        .filter((s, i) => s.level === 2 || firstH2 < 0 || i < firstH2)
        .map((s) => this.sectionNode(lesson.id, s.id));
    }
    const i = sections.findIndex((s) => s.id === element.sectionId);
    if (i < 0 || sections[i].level !== 2) return [];
    const out: LessonNode[] = [];
    for (let j = i + 1; j < sections.length && sections[j].level > 2; j++)
      out.push(this.sectionNode(lesson.id, sections[j].id));
    return out;
  }

  getParent(element: LessonNode): LessonNode | undefined {
    if (element.kind === 'module') return undefined;
    if (element.kind === 'lesson') {
      const module = this.course?.modules.find((m) => m.lessons.some((l) => l.id === element.lessonId));
      return module ? this.moduleNode(module.path) : undefined;
    }
    const lesson = this.find(element.lessonId);
    const sections = lesson?.sections ?? [];
    const i = sections.findIndex((s) => s.id === element.sectionId);
    if (i >= 0 && sections[i].level === 3) {
      for (let j = i - 1; j >= 0; j--)
        if (sections[j].level === 2) return this.sectionNode(element.lessonId, sections[j].id);
    }
    return this.lessonNode(element.lessonId);
  }

  getTreeItem(element: LessonNode): vscode.TreeItem {
    if (element.kind === 'module') return this.moduleItem(element.path);
    if (element.kind === 'lesson') return this.lessonItem(element.lessonId);
    return this.sectionItem(element.lessonId, element.sectionId);
  }

  private moduleItem(path: string): vscode.TreeItem {
    const module = this.course?.modules.find((m) => m.path === path);
    const single = (this.course?.modules.length ?? 0) <= 1;
    const item = new vscode.TreeItem(
      module?.title ?? path,
      single ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = `module:${this.course?.kind}:${path}`;
    item.iconPath = new vscode.ThemeIcon('mortar-board');
    item.contextValue = 'module';
    if (module) {
      const ids = module.lessons.map((l) => l.id);
      item.description = vscode.l10n.t('{0}/{1} read', this.progress.countRead(ids), ids.length);
    }
    if (module?.indexPath) {
      item.command = {
        command: Commands.showLesson,
        title: vscode.l10n.t('Open Module'),
        arguments: [{ lessonId: module.indexPath.replace(/\.md$/i, '') }],
      };
    }
    return item;
  }

  /** The reading state is the icon (and the spoken label); the description adds minutes and notes. */
  private lessonItem(lessonId: string): vscode.TreeItem {
    const lesson = this.find(lessonId);
    const state = this.progress.get(lessonId);
    const item = new vscode.TreeItem(
      lesson ? `${lesson.order}. ${lesson.title}` : lessonId,
      vscode.TreeItemCollapsibleState.Collapsed,
    );
    const notes = this.notesCount(lessonId);
    const questions = this.questionsAnswered(lesson);
    item.id = `lesson:${lessonId}`;
    item.description =
      [lesson?.minutes ? vscode.l10n.t('{0} min', lesson.minutes) : '', notes, questions?.short]
        .filter(Boolean)
        .join(' · ') || undefined;
    item.iconPath = PROGRESS_ICONS[state];
    item.contextValue = `lesson.${state}`;
    item.accessibilityInformation = {
      label: [item.label as string, progressLabel(state), notes, questions?.spoken].filter(Boolean).join(', '),
    };
    item.command = {
      command: Commands.showLesson,
      title: vscode.l10n.t('Open Lesson'),
      arguments: [{ lessonId }],
    };
    return item;
  }

  /** "3 notes" for a lesson with annotations in the course's language, else nothing. */
  private notesCount(lessonId: string): string {
    if (!this.course || !this.annotations) return '';
    const n = this.annotations.count({ lessonId, language: this.course.language, course: this.course.kind });
    return n <= 0 ? '' : n === 1 ? vscode.l10n.t('1 note') : vscode.l10n.t('{0} notes', n);
  }

  /** "3/4 ✓" (spoken "3 of 4 questions answered") for a lesson with checked questions, else undefined. */
  private questionsAnswered(lesson: CourseLesson | undefined): { short: string; spoken: string } | undefined {
    const text = lesson && this.quizzes && this.course?.texts.get(lesson.path);
    if (!lesson || !text) return undefined;
    let cached = this.quizIds.get(lesson.path);
    if (cached?.text !== text) this.quizIds.set(lesson.path, (cached = { text, ids: quizIdsInText(text) }));
    if (!cached.ids.length) return undefined;
    const answered = answeredCount(this.quizzes?.lesson(lesson.id), cached.ids);
    return {
      short: vscode.l10n.t('{0}/{1} ✓', answered, cached.ids.length),
      spoken: vscode.l10n.t('{0} of {1} questions answered', answered, cached.ids.length),
    };
  }

  private sectionItem(lessonId: string, sectionId: string): vscode.TreeItem {
    const lesson = this.find(lessonId);
    const section: Heading | undefined = lesson?.sections.find((s) => s.id === sectionId);
    const item = new vscode.TreeItem(
      section?.text ?? sectionId,
      lesson && section && hasSubsections(lesson.sections, section)
        ? vscode.TreeItemCollapsibleState.Collapsed
        : vscode.TreeItemCollapsibleState.None,
    );
    item.id = `section:${lessonId}#${sectionId}`;
    item.contextValue = 'section';
    item.iconPath = new vscode.ThemeIcon(section?.level === 3 ? 'dash' : 'bookmark');
    item.command = {
      command: Commands.showLesson,
      title: vscode.l10n.t('Open Section'),
      arguments: [{ lessonId, section: sectionId }],
    };
    return item;
  }

  /** Tooltips are built only when the user hovers. */
  resolveTreeItem(item: vscode.TreeItem, element: LessonNode): vscode.TreeItem {
    if (element.kind !== 'lesson') return item;
    const lesson = this.find(element.lessonId);
    if (!lesson) return item;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${escapeMd(lesson.title)}**\n\n`);
    if (lesson.summary) md.appendMarkdown(`${escapeMd(lesson.summary)}\n\n`);
    if (lesson.objectives?.length) {
      md.appendMarkdown(`${escapeMd(vscode.l10n.t('You will be able to:'))}\n\n`);
      for (const o of lesson.objectives) md.appendMarkdown(`- ${escapeMd(o)}\n`);
      md.appendMarkdown('\n');
    }
    const facts = [
      lesson.minutes ? vscode.l10n.t('{0} min', lesson.minutes) : '',
      lesson.difficulty ? difficultyLabel(lesson.difficulty) : '',
      progressLabel(this.progress.get(lesson.id)),
    ].filter(Boolean);
    md.appendMarkdown(`$(clock) ${escapeMd(facts.join(' · '))}`);
    item.tooltip = md;
    return item;
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }
}

/** An H2 directly followed by H3s has children (the H3s up to the next H2). */
function hasSubsections(sections: readonly Heading[], section: Heading): boolean {
  const at = sections.indexOf(section);
  return section.level === 2 && sections[at + 1]?.level === 3;
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>$]/g, '\\$&');
}

export function progressLabel(state: LessonProgress): string {
  return state === 'read'
    ? vscode.l10n.t('read')
    : state === 'inProgress'
      ? vscode.l10n.t('in progress')
      : vscode.l10n.t('unread');
}

function difficultyLabel(d: string): string {
  return d === 'beginner'
    ? vscode.l10n.t('beginner')
    : d === 'intermediate'
      ? vscode.l10n.t('intermediate')
      : vscode.l10n.t('advanced');
}

import * as vscode from 'vscode';
import { indexLessonText, searchSections, type SearchableSection } from '../../core/activation';
import type { LessonLanguage } from '../shared/deps';
import type { SettingValues } from '../shared/settings';
import type { CourseService, LoadedCourse } from './courseService';
import type { LessonTarget } from './reader';

type TargetItem = vscode.QuickPickItem & { target?: LessonTarget };

/** Open Lesson…: every lesson and section of both languages, the reader's language first. */
export async function pickLesson(courses: CourseService, language: LessonLanguage): Promise<LessonTarget | undefined> {
  const languages: LessonLanguage[] = language === 'vi' ? ['vi', 'en'] : ['en', 'vi'];
  const items: TargetItem[] = [];
  for (const lang of languages) {
    const course = await courses.get(lang);
    items.push({ label: lang === 'vi' ? 'Tiếng Việt' : 'English', kind: vscode.QuickPickItemKind.Separator });
    for (const l of course.lessons) {
      items.push({
        label: `$(book) ${l.order}. ${l.title}`,
        description: l.minutes ? vscode.l10n.t('{0} min', l.minutes) : undefined,
        detail: l.summary,
        target: { lessonId: l.id, language: lang },
      });
      for (const s of l.sections) {
        items.push({
          label: `${s.level === 3 ? '\u2003\u2003' : '\u2003'}$(symbol-string) ${s.text}`,
          description: `${l.order}. ${l.title}`,
          target: { lessonId: l.id, section: s.id, language: lang },
        });
      }
    }
  }
  const pick = await vscode.window.showQuickPick(items, {
    placeHolder: vscode.l10n.t('Open a lesson or section (titles and headings in both languages)'),
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return pick?.target;
}

/** One search index per loaded course (a reload makes a new course object). */
const searchIndexes = new WeakMap<LoadedCourse, SearchableSection[]>();

function searchIndexOf(course: LoadedCourse): SearchableSection[] {
  let sections = searchIndexes.get(course);
  if (!sections) {
    sections = course.lessons.flatMap((l) =>
      indexLessonText(
        l.id,
        course.kind === 'shipped' ? `${l.order}. ${l.title}` : l.title,
        course.texts.get(l.path) ?? '',
      ),
    );
    searchIndexes.set(course, sections);
  }
  return sections;
}

/** Search Lessons…: the full text of one language's lessons, searched as the user types. */
export async function searchLessons(courses: CourseService, lang: LessonLanguage): Promise<LessonTarget | undefined> {
  const index = searchIndexOf(await courses.get(lang));
  const qp = vscode.window.createQuickPick<TargetItem>();
  qp.placeholder = vscode.l10n.t('Search the text of all lessons');
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  const update = () => {
    qp.items = searchSections(index, qp.value).map((h) => ({
      label: h.section.heading,
      description: h.section.lessonTitle,
      detail: h.excerpt,
      alwaysShow: true,
      target: { lessonId: h.section.lessonId, section: h.section.sectionId, language: lang },
    }));
  };
  const done = new Promise<TargetItem | undefined>((resolve) => {
    qp.onDidChangeValue(update);
    qp.onDidAccept(() => resolve(qp.selectedItems[0]));
    qp.onDidHide(() => resolve(undefined));
  });
  qp.show();
  const pick = await done;
  qp.dispose();
  return pick?.target;
}

/** Switch Lesson Language: the value for `interpLessons.language`, or undefined when dismissed. */
export async function pickLessonLanguage(): Promise<SettingValues['language'] | undefined> {
  const items: { label: string; value: SettingValues['language'] }[] = [
    { label: 'Tiếng Việt', value: 'vi' },
    { label: 'English', value: 'en' },
    { label: vscode.l10n.t("Follow VS Code's display language"), value: 'auto' },
  ];
  return (await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('Language of the lessons') }))?.value;
}

import type { GlossaryLanguage } from '../../core/activation';

/**
 * Words inside glossary content (hover, entry page, inserted note) follow the lesson language
 * (`interpLessons.language`), like the definitions they surround: "Introduced in Lesson 4 § Probes"
 * must not come out half English, half Vietnamese. vscode.l10n follows VS Code's display language, so
 * these few strings live here; the UI around them (commands, messages, pickers) uses vscode.l10n.
 */
export interface ContentLabels {
  introducedIn: string;
  lessonSection: (order: number, section: string) => string;
  lessonTitle: (order: number, title: string) => string;
  related: string;
  formula: string;
  notInLessons: string;
  openEntry: string;
  aliases: string;
  usedIn: string;
  relatedTerms: string;
  reference: string;
  notInLessonsHeading: string;
  notUsed: string;
  times: (n: number) => string;
}

const LABELS: Record<GlossaryLanguage, ContentLabels> = {
  en: {
    introducedIn: 'Introduced in',
    lessonSection: (n, s) => `Lesson ${n} § ${s}`,
    lessonTitle: (n, t) => `Lesson ${n}: ${t}`,
    related: 'Related:',
    formula: 'Formula',
    notInLessons: 'Not in the lessons:',
    openEntry: 'Open in glossary',
    aliases: 'Also:',
    usedIn: 'Where the lessons use it',
    relatedTerms: 'Related terms',
    reference: 'Reference',
    notInLessonsHeading: 'Not in the lessons',
    notUsed: 'No lesson uses this term.',
    times: (n) => `${n}×`,
  },
  vi: {
    introducedIn: 'Được giới thiệu ở',
    lessonSection: (n, s) => `Bài ${n} § ${s}`,
    lessonTitle: (n, t) => `Bài ${n}: ${t}`,
    related: 'Liên quan:',
    formula: 'Công thức',
    notInLessons: 'Không có trong các bài:',
    openEntry: 'Mở trong bảng thuật ngữ',
    aliases: 'Còn gọi là:',
    usedIn: 'Các bài dùng thuật ngữ này',
    relatedTerms: 'Thuật ngữ liên quan',
    reference: 'Tài liệu tham khảo',
    notInLessonsHeading: 'Không có trong các bài',
    notUsed: 'Chưa bài nào dùng thuật ngữ này.',
    times: (n) => `${n} lần`,
  },
};

export function contentLabels(language: GlossaryLanguage): ContentLabels {
  return LABELS[language];
}

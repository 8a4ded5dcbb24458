// The shipped lessons and their figures as the extension host reads them (CourseService.figuresFor for the
// shipped course: references resolved against `lessons/`, files from `lessons/figures/`), for the content check
// and the browser's theme screenshots.
import * as fs from 'fs';
import * as path from 'path';
import { figureReferences, resolveFigurePath, type FigureFile } from '../../../src/core';

export const LESSONS_DIR = path.resolve(__dirname, '..', '..', '..', 'lessons');
export const LESSON_LANGUAGES = ['en', 'vi'] as const;
export type LessonLanguage = (typeof LESSON_LANGUAGES)[number];

export interface ShippedLesson {
  language: LessonLanguage;
  file: string;
  markdown: string;
  /** Every figure reference, resolved against lessons/ and read (or why not). */
  figures: Record<string, FigureFile>;
  /** Where each reference resolved, relative to lessons/ (missing when refused). */
  paths: Record<string, string>;
}

export function shippedLessons(): ShippedLesson[] {
  const out: ShippedLesson[] = [];
  for (const language of LESSON_LANGUAGES) {
    for (const file of fs
      .readdirSync(path.join(LESSONS_DIR, language))
      .filter((f) => f.endsWith('.md'))
      .sort()) {
      const markdown = fs.readFileSync(path.join(LESSONS_DIR, language, file), 'utf8');
      const figures: Record<string, FigureFile> = {};
      const paths: Record<string, string> = {};
      for (const src of figureReferences(markdown)) {
        const r = resolveFigurePath(`${language}/${file}`, src);
        if ('problem' in r) {
          figures[src] = r;
          continue;
        }
        paths[src] = r.path;
        const full = path.join(LESSONS_DIR, ...r.path.split('/'));
        figures[src] = fs.existsSync(full) ? { svg: fs.readFileSync(full, 'utf8') } : { problem: 'missing' };
      }
      out.push({ language, file, markdown, figures, paths });
    }
  }
  return out;
}

/** RenderOptions.figures for a lesson. */
export function figuresOf(lesson: ShippedLesson): (src: string) => FigureFile | undefined {
  return (src) => (Object.hasOwn(lesson.figures, src) ? lesson.figures[src] : undefined);
}

import type { LessonsApi } from '../../../src/features/lessons/register';
import type { ReaderEvents } from '../../../src/features/lessons/reader';

export { extensionApi } from './api';

/** The reader page's next "rendered" report for a lesson. */
export function nextRender(lessons: LessonsApi, lessonId: string, ms = 180_000): Promise<ReaderEvents['rendered']> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`no render report for ${lessonId} within ${ms} ms`));
    }, ms);
    const sub = lessons.reader.onDidRender((e) => {
      if (e.lessonId === lessonId) {
        clearTimeout(timer);
        sub.dispose();
        resolve(e);
      }
    });
  });
}

/** Opens a lesson in the reader and waits for the page's report of it (the open must succeed). */
export async function showAndWait(lessons: LessonsApi, lessonId: string): Promise<ReaderEvents['rendered']> {
  const rendered = nextRender(lessons, lessonId);
  if (!(await lessons.reader.show({ lessonId }))) throw new Error(`the reader did not show ${lessonId}`);
  return rendered;
}

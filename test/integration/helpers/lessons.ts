import type { LessonsApi } from '../../../src/features/lessons/register';
import type { ReaderEvents } from '../../../src/features/lessons/reader';

import { until, waitFor } from './until';

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

/** The lesson's line in the Lessons tree (description | accessibility label), once it matches `pattern`. */
export async function treeSays(lessons: LessonsApi, lessonId: string, pattern: RegExp): Promise<string> {
  await lessons.tree.getChildren();
  return until(`the tree's description of ${lessonId} to match ${pattern}`, () => {
    const item = lessons.tree.getTreeItem(lessons.tree.lessonNode(lessonId));
    const said = `${String(item.description)} | ${item.accessibilityInformation?.label ?? ''}`;
    return pattern.test(said) ? said : undefined;
  });
}

/** Waits for the tree to show one module, a course folder named `folderName`, and returns its lessons' labels. */
export async function courseFolderTitles(lessons: LessonsApi, folderName: string): Promise<string[]> {
  const modules = await waitFor(async () => {
    const m = await lessons.tree.getChildren();
    return m.length === 1 && String(lessons.tree.getTreeItem(m[0]).label).includes(folderName) ? m : undefined;
  }, 'the course folder in the tree');
  const items = await lessons.tree.getChildren(modules[0]);
  return items.map((n) => String(lessons.tree.getTreeItem(n).label));
}

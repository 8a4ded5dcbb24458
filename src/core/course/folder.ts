import { splitAeroBlocks } from './aero';
import { parseCourse, type CourseLesson } from './parseCourse';
import { scanHeadings } from './headings';

export interface CourseModule {
  /** Folder relative to the course root ('' for the root itself). */
  path: string;
  title: string;
  /** The module's index.md, if any (opened when the module is clicked). */
  indexPath?: string;
  lessons: CourseLesson[];
}

export interface CourseFolder {
  modules: CourseModule[];
  /** Every lesson of every module, in reading order. */
  lessons: CourseLesson[];
  problems: string[];
}

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

function titleFromIndex(text: string): string | undefined {
  const { body, navigation } = splitAeroBlocks(text);
  const h1 =
    scanHeadings(body).find((h) => h.level === 1) ??
    (navigation ? scanHeadings(navigation).find((h) => h.level === 1) : undefined);
  return h1?.text.replace(/^[^\p{L}\p{N}]+/u, '').trim() || undefined;
}

/**
 * A course folder as modules: each folder holding an index.md or lessons is a module, titled by its
 * index.md's first heading (else the folder name); lessons ordered as parseCourse orders them.
 * Lesson ids are their paths (unique across modules); Aero navigation blocks do not give sections.
 */
export function parseCourseFolder(files: { path: string; text: string }[]): CourseFolder {
  const byDir = new Map<string, { path: string; text: string }[]>();
  for (const f of files) {
    const path = f.path.replace(/\\/g, '/').replace(/^\.\//, '');
    if (!/\.md$/i.test(path)) continue;
    const d = dirOf(path);
    if (!byDir.has(d)) byDir.set(d, []);
    byDir.get(d)!.push({ path, text: f.text });
  }
  const modules: CourseModule[] = [];
  const problems: string[] = [];
  for (const [dir, list] of [...byDir.entries()].sort((a, b) =>
    a[0].localeCompare(b[0], undefined, { numeric: true }),
  )) {
    const index = list.find((f) => /(^|\/)index\.md$/i.test(f.path));
    const course = parseCourse(list.map((f) => ({ path: f.path, text: splitAeroBlocks(f.text).body })));
    problems.push(...course.problems);
    if (!index && course.lessons.length === 0) continue;
    for (const l of course.lessons) l.id = l.path.replace(/\.md$/i, '');
    modules.push({
      path: dir,
      title: (index && titleFromIndex(index.text)) ?? (dir.split('/').pop() || dir || 'Course'),
      indexPath: index?.path,
      lessons: course.lessons,
    });
  }
  return { modules, lessons: modules.flatMap((m) => m.lessons), problems };
}

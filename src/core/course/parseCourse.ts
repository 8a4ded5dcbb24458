import { parseFrontMatter, type LessonMeta } from './frontMatter';
import { scanHeadings, type Heading } from './headings';

export interface CourseLesson extends LessonMeta {
  id: string;
  /** Path relative to the course root, with forward slashes. */
  path: string;
  title: string;
  order: number;
  /** H2 and H3 headings: the lesson's sections. */
  sections: Heading[];
  problems: string[];
}

export interface Course {
  lessons: CourseLesson[];
  problems: string[];
}

/** Lesson number from a file name such as `03-concepts.md` or `aero_llm_03_concepts.md`. */
function numberFromName(name: string): number | undefined {
  const m = /(?:^|[\s_-])(\d{1,3})(?=[\s_-]|\.md$)/i.exec(name) ?? /^(\d{1,3})/.exec(name);
  return m ? Number(m[1]) : undefined;
}

function stem(path: string): string {
  return (path.split('/').pop() ?? path).replace(/\.md$/i, '');
}

/**
 * The lessons of one course folder, in reading order. Titles come from front matter or the first H1;
 * order from front matter, the file name's number, then the path. Bad files are reported, not thrown.
 */
export function parseCourse(files: { path: string; text: string }[]): Course {
  const problems: string[] = [];
  const seen = new Set<string>();
  const lessons: CourseLesson[] = [];
  for (const file of files) {
    const path = file.path.replace(/\\/g, '/').replace(/^\.\//, '');
    if (!/\.md$/i.test(path) || /(^|\/)(readme|index)\.md$/i.test(path)) continue;
    const fm = parseFrontMatter(file.text);
    const headings = scanHeadings(fm.body);
    const h1 = headings.find((h) => h.level === 1);
    let id = fm.meta.id ?? stem(path).replace(/^\d+[_-]/, '');
    if (seen.has(id)) {
      problems.push(`${path}: duplicate lesson id "${id}"`);
      id = `${id}~${lessons.length}`;
    }
    seen.add(id);
    lessons.push({
      ...fm.meta,
      id,
      path,
      title: fm.meta.title ?? h1?.text ?? stem(path),
      order: fm.meta.order ?? numberFromName(path.split('/').pop() ?? path) ?? Number.MAX_SAFE_INTEGER,
      sections: headings.filter((h) => h.level === 2 || h.level === 3),
      problems: fm.problems.map((p) => `${path}: ${p}`),
    });
  }
  lessons.sort((a, b) => a.order - b.order || a.path.localeCompare(b.path));
  return { lessons, problems };
}

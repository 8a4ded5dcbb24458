export { parseCourse } from './parseCourse';
export type { Course, CourseLesson } from './parseCourse';
export { parseFrontMatter } from './frontMatter';
export type { LessonMeta, FrontMatterResult } from './frontMatter';
export { scanHeadings } from './headings';
export type { Heading } from './headings';

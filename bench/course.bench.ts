// A whole course (issue 8): a synthetic course of 1,000 lessons in 30 modules, Aero-style, built from the
// original Module 15 files so the text, math and navigation blocks are realistic.
import * as fs from 'fs';
import * as path from 'path';
import {
  indexLessonText,
  parseCourseFolder,
  renderLesson,
  searchSections,
  splitAeroBlocks,
  type SearchableSection,
} from '../src/core';
import { cpuMs, type Figure } from './timing';

const FIXTURE = path.join(__dirname, '..', 'test', 'fixtures', 'aero-module15');

export function syntheticCourse(lessons = 1000, modules = 30): { path: string; text: string }[] {
  const originals = fs
    .readdirSync(FIXTURE)
    .filter((f) => /^aero_llm_\d+/.test(f))
    .sort()
    .map((f) => fs.readFileSync(path.join(FIXTURE, f), 'utf8'));
  const index = fs.readFileSync(path.join(FIXTURE, 'index.md'), 'utf8');
  const files: { path: string; text: string }[] = [];
  const perModule = Math.ceil(lessons / modules);
  for (let m = 0; m < modules; m++) {
    const dir = `${String(m + 1).padStart(2, '0')}_module_${m + 1}`;
    files.push({ path: `${dir}/index.md`, text: index.replace('15_interpretability', dir) });
    for (let i = 0; i < perModule && files.length - (m + 1) < lessons; i++) {
      const n = String(i + 1).padStart(2, '0');
      const text = originals[(m + i) % originals.length].replace(/^# (.*)$/m, `# $1 (${dir} ${n})`);
      files.push({ path: `${dir}/aero_llm_${n}_lesson_${m}_${i}.md`, text });
    }
  }
  return files;
}

export async function run(): Promise<Record<string, Figure>> {
  const files = syntheticCourse();
  const lessonCount = files.filter((f) => !f.path.endsWith('index.md')).length;
  const bytes = files.reduce((s, f) => s + f.text.length, 0);
  const out: Record<string, Figure> = {};

  const tree = cpuMs(() => parseCourseFolder(files), 5, 1);
  const lines = cpuMs(() => files.reduce((s, f) => s + f.text.split('\n').length, 0), 5, 1);
  out.treeBuild1000 = {
    value: +tree.toFixed(1),
    unit: `ms CPU (${lessonCount} lessons, ${(bytes / 1e6).toFixed(1)} MB of text)`,
    baseline: { name: 'splitting every file into lines', value: +lines.toFixed(1) },
    ratio: +(tree / lines).toFixed(1),
    note: 'parseCourseFolder: modules, front matter, Aero blocks, headings; reading the files is not included',
  };

  out.parseCourseFolder1000 = {
    value: +tree.toFixed(1),
    unit: `ms CPU (${lessonCount} lessons, median of 5 after a warm-up)`,
    baseline: { name: 'splitting every file into lines', value: +lines.toFixed(1) },
    ratio: +(tree / lines).toFixed(1),
    budget: `≤ 150 ms: ${tree <= 150 ? 'met' : 'not met'}`,
    note: 'the same measurement as treeBuild1000, with its budget (issue 15)',
  };

  const course = parseCourseFolder(files);
  const texts = new Map(files.map((f) => [f.path, f.text]));
  let sections: SearchableSection[] = [];
  const build = cpuMs(
    () => {
      sections = course.lessons.flatMap((l) => indexLessonText(l.id, l.title, texts.get(l.path) ?? ''));
    },
    3,
    1,
  );
  // What the Search Lessons command does on its first search of a course: build the index, then search.
  const firstSearch = cpuMs(
    () => {
      const index = course.lessons.flatMap((l) => indexLessonText(l.id, l.title, texts.get(l.path) ?? ''));
      searchSections(index, 'đặc trưng');
    },
    3,
    1,
  );
  out.searchIndexFirstSearch1000 = {
    value: +firstSearch.toFixed(1),
    unit: 'ms CPU (index built on the first search, plus that search)',
    baseline: { name: 'splitting every file into lines', value: +lines.toFixed(1) },
    ratio: +(firstSearch / lines).toFixed(1),
    budget: `≤ 300 ms: ${firstSearch <= 300 ? 'met' : 'not met'}`,
  };
  const queries = ['đặc trưng', 'superposition', 'ablation nhân quả', 'không tồn tại xyz'];
  const search = cpuMs(() => queries.forEach((q) => searchSections(sections, q)), 10, 2) / queries.length;
  const naive =
    cpuMs(() => queries.forEach((q) => files.filter((f) => f.text.toLowerCase().includes(q))), 10, 2) / queries.length;
  out.searchIndexBuild1000 = {
    value: +build.toFixed(1),
    unit: 'ms CPU (once per course load)',
    baseline: { name: 'splitting every file into lines', value: +lines.toFixed(1) },
    ratio: +(build / lines).toFixed(1),
  };
  out.search1000 = {
    value: +search.toFixed(2),
    unit: 'ms CPU per query',
    baseline: { name: 'lower-casing every file and String.includes', value: +naive.toFixed(2) },
    ratio: +(search / naive).toFixed(2),
    note: `${sections.length} sections; every query word must occur; results ranked`,
  };

  const lesson = course.lessons[Math.floor(course.lessons.length / 2)];
  const text = texts.get(lesson.path) ?? '';
  const open = cpuMs(() => renderLesson(text), 10, 2);
  const strip = cpuMs(() => splitAeroBlocks(text), 10, 2);
  out.openLessonIn1000 = {
    value: +open.toFixed(2),
    unit: 'ms CPU (render one lesson of the 1,000)',
    baseline: { name: 'taking its Aero blocks out', value: +strip.toFixed(3) },
    ratio: +(open / Math.max(strip, 0.001)).toFixed(0),
    note: 'rendering does not depend on the course size; the tree and search above are the course-size costs',
  };
  return out;
}

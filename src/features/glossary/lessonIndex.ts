import * as vscode from 'vscode';
import { findTerms, parseCourse, type Glossary, type GlossaryLanguage } from '../../core/activation';
import { readShippedDirectory } from '../shared/platform/shippedFiles.node';

export interface LessonInfo {
  id: string;
  order: number;
  title: string;
  sections: Map<string, string>;
  /** Lesson body, for "where each lesson uses it". */
  text: string;
}

/** Titles and section titles of the shipped lessons per language, read once through workspace.fs. */
export class LessonIndex {
  private readonly byLanguage = new Map<GlossaryLanguage, Promise<Map<string, LessonInfo>>>();

  constructor(private readonly lessonsUri: vscode.Uri) {}

  lessons(language: GlossaryLanguage): Promise<Map<string, LessonInfo>> {
    let p = this.byLanguage.get(language);
    if (!p) this.byLanguage.set(language, (p = this.load(language)));
    return p;
  }

  private async load(language: GlossaryLanguage): Promise<Map<string, LessonInfo>> {
    const dir = vscode.Uri.joinPath(this.lessonsUri, language);
    const files: { path: string; text: string }[] = [];
    try {
      for (const [name, type] of await readShippedDirectory(dir)) {
        if (type !== vscode.FileType.File || !name.endsWith('.md')) continue;
        const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, name));
        files.push({ path: name, text: new TextDecoder('utf-8').decode(bytes) });
      }
    } catch {
      return new Map();
    }
    const out = new Map<string, LessonInfo>();
    const texts = new Map(files.map((f) => [f.path, f.text]));
    for (const l of parseCourse(files).lessons) {
      out.set(l.id, {
        id: l.id,
        order: l.order,
        title: l.title,
        sections: new Map(l.sections.map((s) => [s.id, s.text])),
        text: texts.get(l.path) ?? '',
      });
    }
    return out;
  }

  /** Lessons whose text uses the entry's terms (either language's terms), with a count, in lesson order. */
  async usages(
    glossary: Glossary,
    id: string,
    language: GlossaryLanguage,
  ): Promise<{ lesson: LessonInfo; count: number; firstSection?: string }[]> {
    const lessons = [...(await this.lessons(language)).values()].sort((a, b) => a.order - b.order);
    const out: { lesson: LessonInfo; count: number; firstSection?: string }[] = [];
    for (const lesson of lessons) {
      let count = 0;
      let firstSection: string | undefined;
      let section: string | undefined;
      let fence = false;
      for (const line of lesson.text.split('\n')) {
        if (/^\s*(```|~~~)/.test(line)) fence = !fence;
        if (fence) continue;
        const h = /^#{2,3}\s.*\{#([\w.:-]+)\}\s*$/.exec(line);
        if (h) {
          section = h[1];
          continue;
        }
        const n = findTerms(glossary, line).filter((m) => m.id === id).length;
        if (n && !firstSection) firstSection = section;
        count += n;
      }
      if (count) out.push({ lesson, count, firstSection });
    }
    return out;
  }
}

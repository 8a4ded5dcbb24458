import * as vscode from 'vscode';
import { figureReferences, MAX_FIGURE_BYTES, resolveFigurePath, type FigureFile } from '../../core/activation';
import type { Deps } from '../shared/deps';
import type { LoadedCourse } from './courseService';

/** The figure files of a course's lessons, read once per loaded course (CourseService.figuresFor). */
export class FigureReads {
  /** Figure reads per loaded course (a changed file loads the course again, so a new map). */
  private readonly reads = new WeakMap<LoadedCourse, Map<string, Promise<FigureFile>>>();

  constructor(private readonly deps: Pick<Deps, 'lessonsUri'>) {}

  /**
   * The figure files a lesson's text references (core's figureReferences), read for the renderer
   * (RenderOptions.figures), by reference as written. Only from the folder of the lessons being read: the shipped
   * `lessons/` folder (both languages reach `lessons/figures/` as `../figures/x.svg`) or the course folder itself;
   * never above it (core's resolveFigurePath), never through a symbolic link, at most MAX_FIGURE_BYTES each.
   */
  async figuresFor(course: LoadedCourse, lessonPath: string, text: string): Promise<Record<string, FigureFile>> {
    const [root, prefix] =
      course.kind === 'shipped' ? [this.deps.lessonsUri, `${course.language}/`] : [course.root, ''];
    let cache = this.reads.get(course);
    if (!cache) this.reads.set(course, (cache = new Map()));
    const out: Record<string, FigureFile> = {};
    for (const src of figureReferences(text)) {
      const resolved = resolveFigurePath(prefix + lessonPath, src);
      if ('problem' in resolved) {
        out[src] = resolved;
        continue;
      }
      let read = cache.get(resolved.path);
      if (!read) cache.set(resolved.path, (read = readFigure(root, resolved.path)));
      out[src] = await read;
    }
    return out;
  }
}

/** One figure under `root` (a path resolveFigurePath allowed): no symbolic link on the way, at most MAX_FIGURE_BYTES. */
async function readFigure(root: vscode.Uri, path: string): Promise<FigureFile> {
  const segments = path.split('/');
  let uri = root;
  try {
    for (let i = 0; i < segments.length; i++) {
      uri = vscode.Uri.joinPath(uri, segments[i]);
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type & vscode.FileType.SymbolicLink) return { problem: 'symlink' };
      if (i === segments.length - 1 && !(stat.type & vscode.FileType.File)) return { problem: 'missing' };
      if (i === segments.length - 1 && stat.size > MAX_FIGURE_BYTES) return { problem: 'tooLarge' };
    }
    const bytes = await vscode.workspace.fs.readFile(uri);
    if (bytes.byteLength > MAX_FIGURE_BYTES) return { problem: 'tooLarge' };
    return { svg: new TextDecoder().decode(bytes) };
  } catch {
    return { problem: 'missing' };
  }
}

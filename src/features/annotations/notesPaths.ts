// Where a lesson's notes file lies under the notes folder, and back: which lesson a notes file is about. Pure (no
// vscode), so unit-tested with Windows-like and odd names.
import type { LessonLanguage } from '../shared/deps';
import type { LessonRef } from '../shared/annotationBridge';

const LANGUAGES: readonly LessonLanguage[] = ['vi', 'en'];

/** What decides a lesson's notes path: its course, language, course folder name and path in its course. */
export interface NotesPlace {
  course: LessonRef['course'];
  language: LessonLanguage;
  /** The course folder's own name (course-folder lessons only). */
  courseFolderName?: string;
  /** The lesson's path relative to its course root (either slash). */
  path: string;
}

/** Characters Windows, macOS or Linux refuse in a file name, and control characters. */
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[<>:"|?*\\/\u0000-\u001f\u007f]/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/**
 * One path segment as a file name every system accepts (notes folders are synced between them): unsafe
 * characters become `_`, trailing dots and spaces are dropped, device names get a leading `_`, `.`/`..`/empty
 * become `_`.
 */
export function safeSegment(name: string): string {
  let s = name
    .normalize('NFC')
    .replace(UNSAFE_CHARS, '_')
    .replace(/[. ]+$/, '');
  if (s === '' || s === '.' || s === '..') s = '_';
  if (WINDOWS_DEVICE.test(s)) s = `_${s}`;
  return s;
}

/**
 * The first folder under the notes folder: the language for shipped lessons; for a course folder, its name (a
 * course folder named like a language folder gets ` (course)`, so its notes never mix with the shipped ones).
 */
export function courseSegment(place: Pick<NotesPlace, 'course' | 'language' | 'courseFolderName'>): string {
  if (place.course === 'shipped') return place.language;
  const name = safeSegment(place.courseFolderName?.trim() || 'course');
  return isLanguageSegment(name) ? `${name} (course)` : name;
}

function isLanguageSegment(name: string): boolean {
  return (LANGUAGES as readonly string[]).includes(name.toLowerCase());
}

/** The notes file's path under the notes folder, as segments: `<language or course name>/<lesson path…>`. */
export function notesSegments(place: NotesPlace): string[] {
  const parts = place.path
    .split(/[\\/]+/)
    .filter((p) => p !== '' && p !== '.')
    .map(safeSegment);
  if (parts.length === 0) parts.push('_');
  const last = parts.length - 1;
  if (!/\.md$/i.test(parts[last])) parts[last] += '.md';
  return [courseSegment(place), ...parts];
}

/** The last segment of a course folder setting (an absolute or relative path, or a URI), for its notes folder. */
export function folderName(pathOrUri: string): string | undefined {
  const withoutQuery = pathOrUri.replace(/[?#].*$/, '');
  const parts = withoutQuery.split(/[\\/]+/).filter((p) => p !== '' && !/^[a-z][\w+.-]*:$/i.test(p));
  const last = parts[parts.length - 1];
  if (!last) return undefined;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * The lesson id a notes file names: in its opening comment, else in its links (`…://<extension id>/lesson/<id>`, or
 * the older `/lesson?id=<id>`), the header's link coming first. Any URI scheme: the same notes are read by VS Code, Insiders or another build.
 */
export function lessonIdInText(text: string, extensionId: string): string | undefined {
  const declared = declaredLessonId(text);
  if (declared) return declared;
  const ext = extensionId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`://${ext}/lesson(?:/([^\\s#?)>\\]]+)|\\?id=([^\\s&#)>\\]]+))`, 'i').exec(text);
  const raw = m?.[1] ?? m?.[2];
  if (!raw) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The lesson id in the comment a new notes file opens with (`<!-- interp-lessons notes v1 {"lesson":…}`). */
function declaredLessonId(text: string): string | undefined {
  const m = /<!-- interp-lessons notes v\d+ (\{[^\n]*?\})/.exec(text.slice(0, 4096));
  if (!m) return undefined;
  try {
    const about = JSON.parse(m[1]) as { lesson?: unknown };
    return typeof about.lesson === 'string' && about.lesson ? about.lesson : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Which lesson a notes file is about, from its segments under the notes folder (`vi/01-x.md`, `My course/a/b.md`)
 * and its text: the lesson id from its links, else from the path (a course-folder lesson's id is its path without
 * `.md`; a shipped lesson's, its file name's stem). Undefined for a file of another course folder than `courseName`
 * (notes of a course not open now) or anything that is not a `.md` file in a course folder.
 */
export function refFromNotesPath(
  segments: readonly string[],
  text: string,
  options: { extensionId: string; courseFolderName?: string; language: LessonLanguage },
): LessonRef | undefined {
  if (segments.length < 2 || !/\.md$/i.test(segments[segments.length - 1])) return undefined;
  const [first, ...rest] = segments;
  const fromPath = rest.join('/').replace(/\.md$/i, '');
  const linked = lessonIdInText(text, options.extensionId);
  if ((LANGUAGES as readonly string[]).includes(first)) {
    const stem = rest[rest.length - 1].replace(/\.md$/i, '');
    return { lessonId: linked ?? stem, language: first as LessonLanguage, course: 'shipped' };
  }
  if (options.courseFolderName === undefined) return undefined;
  if (
    first !==
    courseSegment({ course: 'folder', language: options.language, courseFolderName: options.courseFolderName })
  )
    return undefined;
  return { lessonId: linked ?? fromPath, language: options.language, course: 'folder' };
}

/** One key per lesson notes file: a course-folder lesson's notes are the same file in either language. */
export function refKey(ref: LessonRef): string {
  return ref.course === 'shipped' ? `shipped/${ref.language}/${ref.lessonId}` : `folder/${ref.lessonId}`;
}

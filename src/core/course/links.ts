import { safeDecodeURIComponent } from '../text/decode';

/** A lesson as far as link resolution needs it. */
export interface LinkTarget {
  id: string;
  /** Path relative to the course root, forward slashes. */
  path: string;
}

/** Loose file-name key: case, spaces/underscores/hyphens and punctuation do not matter. */
export function looseName(name: string): string {
  return decodeSafe(name)
    .normalize('NFC')
    .toLowerCase()
    .replace(/\.md$/, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Decoded, or as written when it is not valid percent-encoding (a file may be named `100%.md`). */
function decodeSafe(s: string): string {
  return safeDecodeURIComponent(s) ?? s;
}

function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

function joinPath(base: string, rel: string): string | undefined {
  const parts = base ? base.split('/') : [];
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

/**
 * Resolves a relative link from one lesson to another (`./02-x.md#sec`, `../vi/02-x.md`, `02-x.md`).
 * An exact path match wins; otherwise a loose match on the file name (the original course's footers
 * differ from file names by case, spaces vs underscores and punctuation). Returns undefined if none.
 */
export function resolveLessonLink<T extends LinkTarget>(
  fromPath: string,
  href: string,
  lessons: readonly T[],
): { lesson: T; section?: string } | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return undefined;
  const hash = href.indexOf('#');
  const pathPart = hash < 0 ? href : href.slice(0, hash);
  const section = hash < 0 ? undefined : decodeSafe(href.slice(hash + 1)) || undefined;
  const from = lessons.find((l) => l.path === fromPath);
  if (pathPart === '') return from ? { lesson: from, section } : undefined;
  const clean = decodeSafe(pathPart.split('?')[0]);
  const target = joinPath(dirname(fromPath), clean);
  if (target !== undefined) {
    const exact = lessons.find((l) => l.path === target);
    if (exact) return { lesson: exact, section };
  }
  const key = looseName(clean.split('/').pop() ?? clean);
  if (!key) return undefined;
  const loose = lessons.filter((l) => looseName(l.path.split('/').pop() ?? l.path) === key);
  if (loose.length === 0) return undefined;
  // Prefer the candidate in the same folder as the linking lesson.
  const best = loose.find((l) => dirname(l.path) === dirname(fromPath)) ?? loose[0];
  return { lesson: best, section };
}

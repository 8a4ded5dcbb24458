/** Where a file or folder is: a URI's scheme, authority and slash-separated path (already decoded). */
export interface PathLocation {
  scheme: string;
  authority: string;
  path: string;
}

/**
 * The path with `.` and `..` segments resolved and repeated or trailing slashes dropped
 * (`/a/./b//../c/` → `/a/c`); `..` never climbs above the root, as on a file system.
 */
export function normalizeSlashPath(path: string): string {
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') out.pop();
    else out.push(segment);
  }
  return `/${out.join('/')}`;
}

/**
 * Whether `target` is one of `folders` or inside one, after resolving `.` and `..` in both: the same scheme
 * and authority, and the folder's path a whole-segment prefix (`/ws` holds `/ws/a.csv`, not `/ws-old/a.csv`).
 * `ignoreCase` compares paths as a case-insensitive file system would (Windows, macOS).
 */
export function isInsideFolders(
  target: PathLocation,
  folders: readonly PathLocation[],
  options: { ignoreCase?: boolean } = {},
): boolean {
  const fold = (p: string) => (options.ignoreCase ? p.toLowerCase() : p);
  const path = fold(normalizeSlashPath(target.path));
  return folders.some((f) => {
    if (
      f.scheme.toLowerCase() !== target.scheme.toLowerCase() ||
      f.authority.toLowerCase() !== target.authority.toLowerCase()
    )
      return false;
    const folder = fold(normalizeSlashPath(f.path));
    return folder === '/' || path === folder || path.startsWith(`${folder}/`);
  });
}

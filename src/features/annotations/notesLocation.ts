// Where notes files live: `interpLessons.notes.folder` in the first workspace folder, else (no folder open) the
// extension's global storage, which is not synced. Every read and write goes through vscode.workspace.fs, so
// virtual workspaces work too.
import * as vscode from 'vscode';
import { SETTING_DEFAULTS } from '../shared/settingsSchema';
import { setting } from '../shared/settings';
import { ignoresCase } from '../shared/platform/files.node';
import { notesSegments, type NotesPlace } from './notesPaths';

/** A notes folder: where it is and whether it is the workspace's (synced with it) or this machine's. */
export interface NotesRoot {
  uri: vscode.Uri;
  kind: 'workspace' | 'global';
}

/** The folder segments of `interpLessons.notes.folder`, or undefined when it leaves the workspace folder. */
export function folderSetting(value: string): string[] | undefined {
  const trimmed = value.trim() || SETTING_DEFAULTS['notes.folder'];
  if (/^([a-z][a-z0-9+.-]*:|[\\/])/i.test(trimmed)) return undefined;
  const parts = trimmed.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.includes('..')) return undefined;
  return parts;
}

export class NotesLocation {
  constructor(
    private readonly globalStorage: vscode.Uri,
    private readonly warn: (message: string) => void,
  ) {}

  /** The global-storage notes folder (used with no folder open, and the source of Move Notes into Workspace). */
  get globalRoot(): NotesRoot {
    return { uri: vscode.Uri.joinPath(this.globalStorage, 'notes'), kind: 'global' };
  }

  /** The workspace notes folder, when a folder is open. */
  get workspaceRoot(): NotesRoot | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return undefined;
    const raw = setting('notes.folder', folder.uri);
    let parts = folderSetting(raw);
    if (!parts) {
      // An absolute path or `..` would write notes outside the workspace the user trusts with them.
      this.warn(`interpLessons.notes.folder "${raw}" is not a path inside the workspace folder; using the default`);
      parts = folderSetting(SETTING_DEFAULTS['notes.folder'])!;
    }
    return { uri: vscode.Uri.joinPath(folder.uri, ...parts), kind: 'workspace' };
  }

  /** Where new notes go now. */
  get active(): NotesRoot {
    return this.workspaceRoot ?? this.globalRoot;
  }

  /** Every notes folder to read: the active one, and global storage too while notes remain there. */
  get all(): NotesRoot[] {
    const ws = this.workspaceRoot;
    return ws ? [ws, this.globalRoot] : [this.globalRoot];
  }

  /** A lesson's notes file in the active notes folder. */
  uriFor(place: NotesPlace, root = this.active): vscode.Uri {
    return vscode.Uri.joinPath(root.uri, ...notesSegments(place));
  }

  /** The notes root `uri` lies in and its path segments under it; undefined when it is in none. */
  locate(uri: vscode.Uri): { root: NotesRoot; segments: string[] } | undefined {
    for (const root of this.all) {
      const segments = segmentsUnder(root.uri, uri);
      if (segments) return { root, segments };
    }
    return undefined;
  }
}

/** `child`'s path segments below `parent` (same scheme and authority), or undefined. */
export function segmentsUnder(parent: vscode.Uri, child: vscode.Uri): string[] | undefined {
  if (parent.scheme !== child.scheme || parent.authority !== child.authority) return undefined;
  const base = parent.path.endsWith('/') ? parent.path : `${parent.path}/`;
  // Windows and macOS file systems ignore case; comparing case-blind there keeps `C:` and `c:` alike.
  const fold = (s: string) => (ignoresCase(parent) ? s.toLowerCase() : s);
  if (!fold(child.path).startsWith(fold(base))) return undefined;
  const rest = child.path.slice(base.length).split('/').filter(Boolean);
  return rest.length ? rest : undefined;
}

// A file system of the tests' own, registered with workspace.registerFileSystemProvider: the Write faults suite makes
// its writes fail; the web journeys read a course folder from it as github.dev's virtual file system would serve it.
import * as vscode from 'vscode';

/**
 * An in-memory file system (a virtual one, like github.dev's) whose writes fail for the paths `failWrite` picks.
 * Files are keyed by their URI's path.
 */
export class MemoryFs implements vscode.FileSystemProvider {
  readonly files = new Map<string, Uint8Array>();
  failWrite: (path: string) => boolean = () => false;
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  private isDir(p: string): boolean {
    return p === '/' || [...this.files.keys()].some((f) => f.startsWith(`${p}/`));
  }
  stat(uri: vscode.Uri): vscode.FileStat {
    const f = this.files.get(uri.path);
    if (f) return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: f.length };
    if (this.isDir(uri.path)) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  }
  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] {
    const base = uri.path === '/' ? '/' : `${uri.path}/`;
    const names = new Map<string, vscode.FileType>();
    for (const f of this.files.keys()) {
      if (!f.startsWith(base)) continue;
      const [name, ...rest] = f.slice(base.length).split('/');
      names.set(name, rest.length ? vscode.FileType.Directory : vscode.FileType.File);
    }
    return [...names];
  }
  createDirectory(): void {}
  readFile(uri: vscode.Uri): Uint8Array {
    const f = this.files.get(uri.path);
    if (!f) throw vscode.FileSystemError.FileNotFound(uri);
    return f;
  }
  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    if (this.failWrite(uri.path)) throw vscode.FileSystemError.NoPermissions(`${uri.path} is read-only (test)`);
    this.files.set(uri.path, new Uint8Array(content));
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }
  delete(uri: vscode.Uri): void {
    this.files.delete(uri.path);
  }
  rename(from: vscode.Uri, to: vscode.Uri): void {
    const f = this.readFile(from);
    this.files.delete(from.path);
    this.files.set(to.path, f);
  }
}

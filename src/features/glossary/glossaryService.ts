import * as vscode from 'vscode';
import {
  builtinGlossary,
  mergeGlossaries,
  parseGlossary,
  MAX_GLOSSARY_CHARS,
  type Glossary,
  type GlossaryProblem,
} from '../../core/activation';
import type { Log } from '../shared/deps';
import { onDidChangeSettings, setting } from '../shared/settings';

const DIAGNOSTIC_SOURCE = 'Interp Lessons glossary';

/**
 * The glossary in force: the shipped one, extended by the files listed in
 * `interpLessons.glossary.files` (workspace-relative JSON). Those files are watched: edits apply
 * live, problems become diagnostics on the file, and a broken file never disables the shipped entries.
 * User files are data, so they are read in restricted (untrusted) workspaces too.
 */
export class GlossaryService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  readonly diagnostics = vscode.languages.createDiagnosticCollection('interpLessons.glossary');
  /** Undefined until first asked for: parsing the shipped glossary is left to the first hover, view or render. */
  private merged: Glossary | undefined;
  private userFiles = new Map<string, Glossary>();
  private watchers: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private loading: Promise<void> = Promise.resolve();
  private order: string[] = [];
  /** One debounce timer per edited document (keyed by URI): an edit to one file never cancels another's. */
  private readonly editTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly log: Log) {
    this.disposables.push(
      this.changed,
      this.diagnostics,
      onDidChangeSettings((change) => {
        if (change.affects('glossary.files')) this.reloadAll();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.reloadAll()),
      // Unsaved edits apply too (debounced): the file on disk is only the last saved state.
      vscode.workspace.onDidChangeTextDocument((e) => {
        const key = e.document.uri.toString();
        if (!this.order.includes(key)) return;
        clearTimeout(this.editTimers.get(key));
        this.editTimers.set(
          key,
          setTimeout(() => {
            this.editTimers.delete(key);
            this.loading = this.loading.then(() => this.load(e.document.uri, this.order));
          }, 300),
        );
      }),
    );
    this.reloadAll();
  }

  /** The merged glossary now (the shipped one until user files have loaded). */
  get glossary(): Glossary {
    return (this.merged ??= builtinGlossary());
  }

  /** Resolves when the user files listed now have been read (tests and commands await it). */
  ready(): Promise<void> {
    return this.loading;
  }

  private configuredUris(): vscode.Uri[] {
    const rel = setting('glossary.files');
    const folders = vscode.workspace.workspaceFolders ?? [];
    const out: vscode.Uri[] = [];
    for (const r of Array.isArray(rel) ? rel : []) {
      if (typeof r !== 'string' || !r.trim()) continue;
      const parts = r
        .trim()
        .replace(/\\/g, '/')
        .split('/')
        .filter((p) => p && p !== '.');
      if (parts.includes('..')) {
        this.log.warn(`glossary file "${r}" ignored: it must stay inside the workspace`);
        continue;
      }
      for (const f of folders) out.push(vscode.Uri.joinPath(f.uri, ...parts));
    }
    return out;
  }

  private reloadAll(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    this.diagnostics.clear();
    const uris = this.configuredUris();
    const order = (this.order = uris.map((u) => u.toString()));
    this.userFiles = new Map([...this.userFiles].filter(([k]) => order.includes(k)));
    for (const uri of uris) {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (!folder) continue;
      const rel = uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1);
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, rel));
      const reload = () => {
        this.loading = this.loading.then(() => this.load(uri, order));
      };
      this.watchers.push(
        watcher,
        watcher.onDidChange(reload),
        watcher.onDidCreate(reload),
        watcher.onDidDelete(reload),
      );
    }
    this.loading = this.loading.then(async () => {
      for (const uri of uris) await this.read(uri);
      this.remerge(order);
    });
  }

  private async load(uri: vscode.Uri, order: string[]): Promise<void> {
    await this.read(uri);
    this.remerge(order);
  }

  /** Reads one user file into userFiles and its diagnostics; a missing file just contributes nothing. */
  private async read(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    let text: string;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_GLOSSARY_CHARS * 3) {
        // Refused before reading: a UTF-8 file this large is over the character limit whatever it holds.
        this.userFiles.delete(key);
        const d = new vscode.Diagnostic(
          new vscode.Range(0, 0, 0, 1),
          vscode.l10n.t(
            'File refused: {0} MB is larger than the {1} MB limit for a glossary.',
            (stat.size / 1024 / 1024).toFixed(1),
            MAX_GLOSSARY_CHARS / 1024 / 1024,
          ),
        );
        d.source = DIAGNOSTIC_SOURCE;
        this.diagnostics.set(uri, [d]);
        this.log.warn(
          `${vscode.workspace.asRelativePath(uri)}: glossary file refused unread (${stat.size} bytes; limit ${MAX_GLOSSARY_CHARS} characters)`,
        );
        return;
      }
      const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === key);
      text = open ? open.getText() : new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      this.userFiles.delete(key);
      this.diagnostics.delete(uri);
      return;
    }
    const { glossary, problems } = parseGlossary(text, vscode.workspace.asRelativePath(uri), {
      knownIds: builtinGlossary().byId.keys(),
    });
    this.userFiles.set(key, glossary);
    this.setDiagnostics(uri, problems);
    if (problems.length)
      this.log.warn(`${vscode.workspace.asRelativePath(uri)}: ${problems.length} glossary problem(s)`);
  }

  private setDiagnostics(uri: vscode.Uri, problems: readonly GlossaryProblem[]): void {
    this.diagnostics.set(
      uri,
      problems.map((p) => {
        const start = new vscode.Position(p.line - 1, p.column - 1);
        const d = new vscode.Diagnostic(
          new vscode.Range(start, start.translate(0, Math.max(1, Math.min(p.length, 200)))),
          p.message,
          p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
        );
        d.source = DIAGNOSTIC_SOURCE;
        return d;
      }),
    );
  }

  private remerge(order: string[]): void {
    const user = order.map((k) => this.userFiles.get(k)).filter((g): g is Glossary => !!g && g.entries.length > 0);
    // Without user files (the usual case) nothing is parsed now: the getter builds the shipped glossary when asked.
    this.merged = user.length ? mergeGlossaries(builtinGlossary(), ...user) : undefined;
    this.changed.fire();
  }

  dispose(): void {
    for (const timer of this.editTimers.values()) clearTimeout(timer);
    this.editTimers.clear();
    for (const w of this.watchers) w.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

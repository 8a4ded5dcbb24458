import * as vscode from 'vscode';
import { Commands, Views } from '../../constants';
import type { Deps } from '../shared/deps';

/** Minimal lesson tree: lists the lesson files shipped under lessons/. */
class LessonFileTree implements vscode.TreeDataProvider<vscode.Uri> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  constructor(private readonly root: vscode.Uri) {}
  refresh(): void { this.changed.fire(); }
  getTreeItem(uri: vscode.Uri): vscode.TreeItem {
    const item = new vscode.TreeItem(uri.path.split('/').pop() ?? uri.path);
    item.resourceUri = uri;
    item.iconPath = new vscode.ThemeIcon('book');
    return item;
  }
  async getChildren(): Promise<vscode.Uri[]> {
    const dir = vscode.Uri.joinPath(this.root, 'vi');
    try {
      const entries = await vscode.workspace.fs.readDirectory(dir);
      return entries.filter(([n, t]) => t === vscode.FileType.File && n.endsWith('.md')).sort().map(([n]) => vscode.Uri.joinPath(dir, n));
    } catch {
      return [];
    }
  }
  dispose(): void { this.changed.dispose(); }
}

export function register(context: vscode.ExtensionContext, deps: Deps) {
  const provider = new LessonFileTree(deps.lessonsUri);
  context.subscriptions.push(
    provider,
    vscode.window.createTreeView(Views.lessons, { treeDataProvider: provider, showCollapseAll: true }),
    vscode.commands.registerCommand(Commands.refreshLessons, () => provider.refresh()),
  );
  return { tree: provider };
}

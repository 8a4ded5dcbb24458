import * as vscode from 'vscode';

/** Opens a note and returns the "Run regression" CodeLenses of its ```regression blocks, in order. */
export async function regressionLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  await vscode.window.showTextDocument(uri);
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return lenses.filter((l) => l.command?.command === 'interpLessons._runRegressionBlock');
}

/** Runs a CodeLens's command, as clicking it would. */
export async function clickLens(lens: vscode.CodeLens): Promise<void> {
  const cmd = lens.command!;
  await vscode.commands.executeCommand(cmd.command, ...(cmd.arguments ?? []));
}

/** Accepts whatever quick pick or input box is showing, every 250 ms, until `done` settles (at most 10 s). */
export async function acceptInputsUntil(done: Promise<unknown>): Promise<void> {
  let finished = false;
  void done.then(
    () => (finished = true),
    () => (finished = true),
  );
  for (let i = 0; i < 40 && !finished; i++) {
    await new Promise((r) => setTimeout(r, 250));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
}

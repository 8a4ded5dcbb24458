// How one feature reaches another: typed calls of the internal (`_`-prefixed) commands, whose failures are logged
// (and, where the user clicked something, shown), never swallowed. The features stay apart: the command is the
// seam, these functions are its typed face.
import * as vscode from 'vscode';
import { Commands } from '../../constants';
import type { Log } from './deps';
import { errorMessage, runAndLog } from './errors';

/** What the calls need of VS Code: running a command and showing an error. Tests pass a recording fake. */
export interface CommandRunner {
  executeCommand(command: string, ...args: unknown[]): Thenable<unknown>;
  showErrorMessage(message: string): void;
}

const vscodeRunner: CommandRunner = {
  executeCommand: (command, ...args) => vscode.commands.executeCommand(command, ...args),
  showErrorMessage: (message) => void vscode.window.showErrorMessage(message),
};

/** Runs a catalogue snippet and shows its results page (a lesson's Run button); a failure is logged and shown. */
export function runSnippet(
  log: Log,
  id: string,
  params?: Record<string, number>,
  runner: CommandRunner = vscodeRunner,
): void {
  runAndLog(log, `run snippet ${id}`, async () => {
    try {
      await runner.executeCommand(Commands.runSnippetInternal, { id, params });
    } catch (e) {
      runner.showErrorMessage(vscode.l10n.t('Cannot run snippet {0}: {1}', id, errorMessage(e)));
      throw e;
    }
  });
}

/** Shows a glossary entry's page (a term marked in a lesson); a failure is logged. */
export function showTerm(log: Log, id: string, runner: CommandRunner = vscodeRunner): void {
  runAndLog(log, `show glossary entry ${id}`, () => runner.executeCommand(Commands.showTermInternal, { id }));
}

/** Runs a public command a page's button names (Typeset All Formulas, Repair File Encoding); a failure is logged. */
export function runPageAction(
  log: Log,
  command: typeof Commands.typesetAllMath | typeof Commands.repairEncoding,
  runner: CommandRunner = vscodeRunner,
): void {
  runAndLog(log, `run ${command}`, () => runner.executeCommand(command));
}

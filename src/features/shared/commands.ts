import * as vscode from 'vscode';

/** What a command does with the arguments VS Code passes (a tree node, a URI, a link's JSON, nothing). */
export type CommandRun = (...args: never[]) => unknown;

/** One command: its id (from `Commands` in src/constants.ts) and what it does. */
export interface Command {
  readonly id: string;
  readonly run: CommandRun;
}

/**
 * A feature's commands in the order of its id list, one `run` per id. The compiler checks that `runs` has a run
 * for every id and nothing else, so the id list (readable without VS Code, see the unit test) is the table's.
 */
export function commandTable<Id extends string>(ids: readonly Id[], runs: Record<Id, CommandRun>): Command[] {
  return ids.map((id) => ({ id, run: runs[id] }));
}

/** Registers every command of a table; the one Disposable unregisters them all. */
export function registerCommands(table: readonly Command[]): vscode.Disposable {
  return vscode.Disposable.from(
    ...table.map((c) => vscode.commands.registerCommand(c.id, c.run as (...args: unknown[]) => unknown)),
  );
}

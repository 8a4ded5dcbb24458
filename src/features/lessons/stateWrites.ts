import * as vscode from 'vscode';
import { ui } from '../shared/ui';
import type { Log } from '../shared/deps';
import { errorMessage } from '../shared/errors';

/** One finished write: what it saved, and whether it was saved. */
export interface StateWriteResult {
  what: string;
  saved: boolean;
}

/**
 * Runs a write of reading progress or scroll positions (VS Code's globalState). A failure never escapes into
 * the render or command that caused it: it gets a log line and a message (once per session for writes the
 * user did not ask for), and what was stored before stays as it was. A write the user did not ask for that
 * keeps failing (scroll positions are saved every second while scrolling) is logged once until it succeeds again.
 */
export class StateWrites implements vscode.Disposable {
  private warned = false;
  /** Unasked writes whose last attempt failed, by `what`. */
  private readonly failing = new Set<string>();
  private readonly written = new vscode.EventEmitter<StateWriteResult>();
  /** Every write once it is done (saved or not), after its log line and message: what tests wait on. */
  readonly onDidWrite = this.written.event;

  /** For tests: start a new session, in which the next failed unasked write shows its message again. */
  readonly testing = {
    newSession: (): void => {
      this.warned = false;
    },
  };

  constructor(private readonly log: Log) {}

  async run(
    what: string,
    write: () => Thenable<unknown> | Promise<unknown>,
    options: { userAsked?: boolean } = {},
  ): Promise<boolean> {
    const saved = await this.attempt(what, write, options.userAsked ?? false);
    this.written.fire({ what, saved });
    return saved;
  }

  private async attempt(what: string, write: () => Thenable<unknown>, userAsked: boolean): Promise<boolean> {
    try {
      await write();
      if (this.failing.delete(what)) this.log.info(`saved ${what} again`);
      return true;
    } catch (e) {
      if (!userAsked && this.failing.has(what)) return false;
      if (!userAsked) this.failing.add(what);
      const message = vscode.l10n.t(
        'Could not save your reading progress ({0}): {1}. What was saved before is unchanged.',
        what,
        errorMessage(e),
      );
      this.log.error(message);
      if (userAsked || !this.warned) {
        this.warned = true;
        void ui.showWarningMessage(message);
      }
      return false;
    }
  }

  dispose(): void {
    this.written.dispose();
  }
}

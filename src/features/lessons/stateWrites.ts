import * as vscode from 'vscode';
import { ui } from '../shared/ui';
import type { Log } from '../shared/deps';
import { errorMessage } from '../shared/errors';

/**
 * Runs a write of reading progress or scroll positions (VS Code's globalState). A failure never escapes into
 * the render or command that caused it: it gets a log line and a message (once per session for writes the
 * user did not ask for), and what was stored before stays as it was. A write the user did not ask for that
 * keeps failing (scroll positions are saved every second while scrolling) is logged once until it succeeds again.
 */
export class StateWrites {
  private warned = false;
  /** Unasked writes whose last attempt failed, by `what`. */
  private readonly failing = new Set<string>();

  constructor(private readonly log: Log) {}

  async run(
    what: string,
    write: () => Thenable<unknown> | Promise<unknown>,
    options: { userAsked?: boolean } = {},
  ): Promise<boolean> {
    try {
      await write();
      if (this.failing.delete(what)) this.log.info(`saved ${what} again`);
      return true;
    } catch (e) {
      if (!options.userAsked && this.failing.has(what)) return false;
      if (!options.userAsked) this.failing.add(what);
      const reason = errorMessage(e);
      const message = vscode.l10n.t(
        'Could not save your reading progress ({0}): {1}. What was saved before is unchanged.',
        what,
        reason,
      );
      this.log.error(message);
      if (options.userAsked || !this.warned) {
        this.warned = true;
        void ui.showWarningMessage(message);
      }
      return false;
    }
  }
}

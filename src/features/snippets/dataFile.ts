// The data file a regression block's `file:` line names: where it may be read from, and reading it. No `vscode`
// import: the file system, the workspace and the dialogs come in through DataFileHost (dataFileHost.ts gives
// VS Code's), so the policy is unit-tested with a fake (test/unit/data-file.test.ts).
import { isInsideFolders, type PathLocation } from '../../core/activation';

/** Largest CSV a `file:` line may read. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** A location the reader can compare (core's PathLocation) and name. */
export type DataUri = PathLocation & { toString(): string };

/** The file system the reader uses; `realPath` resolves symbolic links where there are any (the local disk). */
export interface DataFileSystem<U extends DataUri> {
  readFile(uri: U): PromiseLike<Uint8Array>;
  stat(uri: U): PromiseLike<{ size: number }>;
  realPath?(uri: U): PromiseLike<U>;
}

/** Everything the reader asks of the editor: workspace, trust, the places to look, and the user. */
export interface DataFileHost<U extends DataUri> {
  fs: DataFileSystem<U>;
  workspaceFolders(): readonly U[];
  /** Whether the note is in a workspace folder (untitled notes and files opened alone are not). */
  inWorkspace(documentUri: U): boolean;
  isTrusted(): boolean;
  /** Whether paths compare as on a case-insensitive file system (local files on Windows and macOS). */
  ignoreCase(uri: U): boolean;
  /** Where `ref` may be, in order: an absolute path as given, else beside the note, then in each folder. */
  candidates(documentUri: U, ref: string): U[];
  /** The file as the user knows it (a local path), and the note relative to the workspace. */
  shown(uri: U): string;
  noteName(documentUri: U): string;
  /** Restricted Mode refused a file outside the workspace: tell the user (not awaited) and give the message. */
  refuseRestricted(shown: string): string;
  /** The modal dialog: may the file outside the workspace be read? */
  askToRead(shown: string, ref: string, note: string): PromiseLike<boolean>;
  /** The user declined: tell them (not awaited) and give the message. */
  declined(shown: string): string;
  tooBig(ref: string, megabytes: number, limitMegabytes: number): string;
  notFound(ref: string): string;
  log: { info(message: string): void; warn(message: string): void };
}

export type DataFileResult<U> = { uri: U; text: string } | { problem: string; told?: boolean };

/** Reads the CSVs `file:` lines name; remembers, for this session, the files outside the workspace allowed. */
export class DataFileReader<U extends DataUri> {
  /** Data files outside the workspace that the user allowed this session, by URI. */
  private readonly allowedOutside = new Set<string>();

  constructor(private readonly host: DataFileHost<U>) {}

  /** Reads the CSV a `file:` line names: relative to the note's folder, else to the workspace folders. */
  async read(documentUri: U, ref: string): Promise<DataFileResult<U>> {
    const { host } = this;
    for (const uri of host.candidates(documentUri, ref)) {
      let size: number;
      try {
        size = (await host.fs.stat(uri)).size;
      } catch {
        continue; // Try the next place.
      }
      const refused = await this.outsideWorkspace(documentUri, uri, ref);
      if (refused) return { problem: refused, told: true };
      if (size > MAX_FILE_BYTES)
        return { problem: host.tooBig(ref, Math.round(size / 1048576), MAX_FILE_BYTES / 1048576) };
      try {
        return { uri, text: new TextDecoder().decode(await host.fs.readFile(uri)) };
      } catch {
        // Try the next place.
      }
    }
    return { problem: host.notFound(ref) };
  }

  /**
   * A note in a workspace folder reads data from outside every folder (`../`, an absolute path, a link that
   * leads out) only after the user allows that file once in a modal dialog, and never in Restricted Mode.
   * A note in no folder (untitled, a file opened alone) has no workspace to stay in: it reads as before.
   * Returns why nothing was read (the user has been told), or undefined to go on.
   */
  async outsideWorkspace(documentUri: U, uri: U, ref: string): Promise<string | undefined> {
    const { host } = this;
    if (!host.inWorkspace(documentUri)) return undefined;
    const folders = await Promise.all(host.workspaceFolders().map((f) => this.realUri(f)));
    const target = await this.realUri(uri);
    if (isInsideFolders(target, folders, { ignoreCase: host.ignoreCase(uri) })) return undefined;
    const shown = host.shown(target);
    const note = host.noteName(documentUri);
    if (!host.isTrusted()) {
      host.log.warn(
        `regression in ${note}: file: ${ref} is ${shown}, outside the workspace; not read in Restricted Mode`,
      );
      return host.refuseRestricted(shown);
    }
    if (this.allowedOutside.has(target.toString())) return undefined;
    if (!(await host.askToRead(shown, ref, note))) {
      host.log.info(`regression in ${note}: reading ${shown} (outside the workspace) was declined`);
      return host.declined(shown);
    }
    this.allowedOutside.add(target.toString());
    host.log.info(`regression in ${note}: reading ${shown} (outside the workspace) was allowed for this session`);
    return undefined;
  }

  /**
   * Where a file really is, to compare with the workspace folders: through every symbolic link (a link inside
   * the workspace may lead out of it) where the file system has them, else as the URI says.
   */
  private async realUri(uri: U): Promise<U> {
    if (!this.host.fs.realPath) return uri;
    try {
      return await this.host.fs.realPath(uri);
    } catch {
      return uri; // Not on disk: compare the path as written.
    }
  }
}

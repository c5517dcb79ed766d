import type { Writable } from 'node:stream';
import type { ParseArgsConfig } from 'node:util';
import type { CommentStore } from '../storage/store.js';

/** Where an import writes: the process's streams, or a test's. Progress goes to stderr, so stdout stays clean. */
export interface ImportIo {
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean; columns?: number };
  env: NodeJS.ProcessEnv;
}

/** The flags a format takes beside the store's (`--database`, `--config`), as `node:util` `parseArgs` reads them. */
export type ImportOptions = NonNullable<ParseArgsConfig['options']>;

/** The values of a format's own flags, by name: a string, `true`, or a list for a flag with `multiple`. */
export type ImportOptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** What a format is handed: the file to read, its own flags, the store to write to, and where to speak. */
export interface ImportRun {
  /** The file named on the command line; the dispatcher has checked that it can be read. */
  file: string;
  options: ImportOptionValues;
  /** Opened from `--database` (or `NATTER_DATABASE`, or `--config`) and closed by the dispatcher afterwards. */
  store: CommentStore;
  io: ImportIo;
}

/**
 * A module that imports one format: what `import()` of it resolves to. Loaded only when its format is chosen, so
 * an XML parser costs nothing to the other commands.
 */
export interface ImportModule {
  /** The whole text of `natter import <format> --help`. */
  usage: string;
  /** Its own flags (`--map-url`, …); anything else on the line is the store's configuration. */
  options?: ImportOptions;
  /**
   * Imports the file; resolves with the exit code (0 done, 1 failed). Throws `ImportFailure` for what the person
   * running it must fix (a bad line, a store that is not empty): the dispatcher prints it as one line and a hint.
   */
  importFile(run: ImportRun): Promise<number>;
}

/** What went wrong with an import, in words for the person who ran it; `hint` says what to do about it. */
export class ImportFailure extends Error {
  override name = 'ImportFailure';

  constructor(
    message: string,
    readonly hint = 'nothing was imported',
  ) {
    super(message);
  }
}

import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** What an operator can do about a file-system error, in words. */
function reasonOf(error: unknown): string {
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied; run natter as a user who may write there, or choose another --database';
    case 'EROFS':
      return 'the file system is read-only; choose another --database';
    case 'ENOSPC':
      return 'the disk is full';
    case 'ENOENT':
      return 'the system does not allow a folder there; choose another --database';
    default:
      return `${(error as Error).message}`;
  }
}

/**
 * Makes sure the folder of the SQLite file `file` exists and can be written, creating the missing folders one by
 * one, and otherwise throws an error that names the folder at fault and why. (Node's recursive `mkdirSync` does
 * not return on some paths, `/proc/…` among them, and SQLite's own "unable to open database file" names nothing.)
 */
export function ensureDatabaseFolder(file: string): void {
  const folder = dirname(resolve(file));
  const missing: string[] = [];
  let existing = folder;
  for (;;) {
    try {
      if (!statSync(existing).isDirectory()) {
        throw new Error(`Cannot use ${existing} for the database: it is a file, not a folder`);
      }
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOENT') throw error;
      missing.unshift(existing);
      existing = dirname(existing);
    }
  }
  for (const path of missing) {
    try {
      mkdirSync(path);
    } catch (error) {
      if ((error as { code?: string }).code === 'EEXIST') continue;
      throw new Error(`Cannot create the database folder ${path}: ${reasonOf(error)}`, { cause: error });
    }
  }
  try {
    accessSync(folder, constants.W_OK);
  } catch (error) {
    throw new Error(`Cannot write to the database folder ${folder}: ${reasonOf(error)}`, { cause: error });
  }
}

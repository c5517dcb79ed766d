import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { importCommand } from '../../../src/server/node/import-command.js';
import type { StoredComment, CommentStore } from '../../../src/server/storage/store.js';
import type { StoredMention } from '../../../src/server/storage/mentions.js';

/** A fixture of test/fixtures/import/. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/import/${name}`, import.meta.url));
}

/** A folder of its own under the system's temporary folder, and how to remove it. */
export async function temporaryFolder(): Promise<{ folder: string; cleanup: () => Promise<void> }> {
  const folder = await mkdtemp(join(tmpdir(), 'natter-import-'));
  return { folder, cleanup: () => rm(folder, { recursive: true, force: true }) };
}

/** What `natter import` printed and how it exited. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A stream that keeps what is written to it, in `text`; a terminal when `isTTY`. */
export function collector(isTTY = false): Writable & { text: string; isTTY: boolean; columns: number } {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      stream.text += chunk.toString();
      done();
    },
  }) as Writable & { text: string; isTTY: boolean; columns: number };
  stream.text = '';
  stream.isTTY = isTTY;
  stream.columns = 100;
  return stream;
}

/** Runs `natter import ARGS --database DATABASE` in this process, as the command line would. */
export async function runImport(
  args: string[],
  database: string,
  { isTTY = false } = {},
): Promise<CommandResult> {
  const stdout = collector();
  const stderr = collector(isTTY);
  const code = await importCommand([...args, '--database', database], { stdout, stderr, env: {} });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Every comment of the store, oldest first, as moderators see them. */
export async function allComments(store: CommentStore): Promise<StoredComment[]> {
  const comments = await store.findComments({ limit: 10_000 });
  return comments.reverse();
}

/** Every reference of the store, oldest first. */
export async function allReferences(store: CommentStore): Promise<StoredMention[]> {
  const mentions = await store.mentions.find({ limit: 10_000 });
  return mentions.reverse();
}

/** The comment whose text contains `needle`; fails when there is none. */
export function commentWith(comments: readonly StoredComment[], needle: string): StoredComment {
  const comment = comments.find((candidate) => candidate.text.includes(needle));
  if (!comment) throw new Error(`no comment says "${needle}"`);
  return comment;
}

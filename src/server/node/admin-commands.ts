import type { Readable, Writable } from 'node:stream';
import { adminActions, type AdminAction } from '../../protocol/admin.js';
import { isCommentId } from '../../protocol/ids.js';
import { threadKeyError } from '../../protocol/input-rules.js';
import { moderateComment } from '../admin/actions.js';
import { createSiteState } from '../site-state.js';
import { openStore } from '../storage/open-store.js';
import type { CommentQuery, CommentStore, StoredStatus } from '../storage/store.js';
import { commentTable } from './comment-table.js';
import { loadConfig, type ServeConfig } from './config.js';
import { PromptCancelled, readNewPassword, type PromptStreams } from './password-prompt.js';
import { scryptPasswords } from './scrypt-passwords.js';

/** Where a command reads and writes: the process's own streams, or a test's. */
export interface CommandIo {
  stdin: PromptStreams['input'];
  stdout: Writable & { columns?: number; isTTY?: boolean };
  stderr: Writable;
  env: NodeJS.ProcessEnv;
}

export const adminUsage = `Usage: natter admin <command> [options]

Commands:
  set-password              set the admin page's password (typed twice, unseen, or piped in); signs everyone out
  hash-password             print a password's hash for NATTER_ADMIN_PASSWORD_HASH, storing nothing
  list [--status S]         list comments: pending (default), reported, published, spam, deleted or all
       [--limit N]          at most N, newest first (default 50)
  approve <id>…             publish comments
  spam <id>…                mark comments as spam (restorable)
  delete <id>…              delete comments (restorable)
  restore <id>…             bring spam or deleted comments back to the queue, pending
  lock <thread>             close a thread to new comments
  unlock <thread>           open it again
  read-only on|off          take no new comments, edits or reports anywhere, or take them again

Each takes --database (or NATTER_DATABASE, or --config) as serve does. A running server shows a change within
2 seconds.
`;

/** The shortest password `set-password` takes: eight characters stop no determined guesser, fewer stop nobody. */
const shortestPassword = 8;
const longestPassword = 1024;

/** `natter admin list --status`: a moderation list, or a status, or everything. */
const listFilters: Record<string, Pick<CommentQuery, 'statuses' | 'isReported'>> = {
  pending: { statuses: ['pending'] },
  reported: { statuses: ['published', 'pending'], isReported: true },
  published: { statuses: ['published'] },
  spam: { statuses: ['spam'] },
  deleted: { statuses: ['deleted'] },
  all: {},
};

/** What each action says it did, and what a comment already in that state is. */
const actionWords: Record<AdminAction, { done: string; already: StoredStatus[] }> = {
  approve: { done: 'approved', already: ['published'] },
  spam: { done: 'marked as spam', already: ['spam'] },
  delete: { done: 'deleted', already: ['deleted'] },
  restore: { done: 'restored to the queue', already: ['published', 'pending'] },
};

/** `natter admin …`: the moderators' commands. Parses, opens the store, and calls the same code as the admin API. */
export async function adminCommand(args: string[], io: CommandIo): Promise<number> {
  const [command, ...rest] = args;
  const explain = (message: string, hint = `run natter admin --help to see the commands`) => {
    io.stderr.write(`natter admin${command ? ` ${command}` : ''}: ${message}\n${hint}\n`);
  };
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(adminUsage);
    return 0;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(adminUsage);
    return 0;
  }
  const context = { io, explain };
  if (command === 'set-password' || command === 'hash-password') {
    return setPassword(context, rest, command === 'set-password');
  }
  if (command === 'list') return list(context, rest);
  if ((adminActions as readonly string[]).includes(command))
    return act(context, command as AdminAction, rest);
  if (command === 'lock' || command === 'unlock') return lock(context, rest, command === 'lock');
  if (command === 'read-only') return readOnly(context, rest);
  explain(
    `unknown command "${command}"`,
    `the commands are set-password, hash-password, list, ${adminActions.join(', ')}, lock, unlock, read-only`,
  );
  return 2;
}

interface Context {
  io: CommandIo;
  explain: (message: string, hint?: string) => void;
}

/** The arguments before the first `--option`: ids, a thread key, on or off. */
function splitPositionals(args: string[]): { positionals: string[]; options: string[] } {
  const first = args.findIndex((arg) => arg.startsWith('--'));
  return first === -1
    ? { positionals: args, options: [] }
    : { positionals: args.slice(0, first), options: args.slice(first) };
}

/** Takes `--name value` and `--name=value` of the `names` given out of `args`; the rest is the server's settings. */
function takeOptions(args: string[], names: readonly string[]) {
  const taken: Record<string, string> = {};
  const rest: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    const [flag = '', inline] = arg.split(/=(.*)/s);
    const name = flag.replace(/^--/, '');
    if (!flag.startsWith('--') || !names.includes(name)) {
      rest.push(arg);
      continue;
    }
    const value = inline ?? args[++index];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    taken[name] = value;
  }
  return { taken, rest };
}

/** The configuration `options` describe, or `undefined` after explaining what is wrong with them. */
function configOf({ io, explain }: Context, options: string[]): ServeConfig | undefined {
  try {
    return loadConfig(options, io.env);
  } catch (error) {
    explain((error as Error).message, 'run natter serve --help to see every setting');
    return undefined;
  }
}

/** Opens the configured store, runs `work` with it and closes it; 1 after explaining when it cannot be opened. */
async function withStore(
  { explain }: Context,
  config: ServeConfig,
  work: (store: CommentStore) => Promise<number>,
): Promise<number> {
  let store: CommentStore;
  try {
    store = await openStore(config.database);
  } catch (error) {
    explain(`cannot open the database: ${(error as Error).message}`, 'nothing was changed');
    return 1;
  }
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function setPassword(context: Context, args: string[], isStored: boolean): Promise<number> {
  const { io, explain } = context;
  const config = isStored ? configOf(context, args) : undefined;
  if (isStored && !config) return 2;
  if (!isStored && args.length > 0) {
    explain(
      'takes no arguments',
      'the password is typed at the prompt or piped in: printf \'%s\\n\' "$PASSWORD" | natter admin hash-password',
    );
    return 2;
  }
  let password: string;
  try {
    const read = await readNewPassword({ input: io.stdin, output: io.stderr });
    if (!read.isConfirmed) {
      explain('the two passwords differ', 'nothing was changed; run the command again');
      return 1;
    }
    password = read.password;
  } catch (error) {
    if (!(error instanceof PromptCancelled)) throw error;
    explain(
      'no password was given',
      'type it at the prompt, or pipe it in: printf \'%s\\n\' "$PASSWORD" | natter admin …',
    );
    return 1;
  }
  if ([...password].length < shortestPassword || password.length > longestPassword) {
    explain(
      `the password must have ${shortestPassword} to ${longestPassword} characters`,
      'nothing was changed; a few words make a long password that is easy to remember',
    );
    return 1;
  }
  const hash = await scryptPasswords.hash(password);
  if (!config) {
    io.stdout.write(`${hash}\n`);
    return 0;
  }
  return withStore(context, config, async (store) => {
    await store.settings.set('admin_password_hash', hash);
    // A new password signs everyone out (sessions are also bound to the hash they were opened under).
    await store.sessions.removeAll();
    io.stdout.write(
      'the admin password is set; sign in at /admin (everyone signed in before must sign in again)\n',
    );
    if (config.adminPasswordHash) {
      io.stderr.write(
        'note: NATTER_ADMIN_PASSWORD_HASH (or adminPasswordHash) is set, and wins over this password while it is\n',
      );
    }
    return 0;
  });
}

async function list(context: Context, args: string[]): Promise<number> {
  const { io, explain } = context;
  let options;
  try {
    options = takeOptions(args, ['status', 'limit']);
  } catch (error) {
    explain((error as Error).message, 'for example: natter admin list --status pending --limit 20');
    return 2;
  }
  const status = options.taken.status ?? 'pending';
  const filter = listFilters[status];
  if (!filter) {
    explain(
      `--status must be ${Object.keys(listFilters).join(', ')}, not "${status}"`,
      'pending is the default',
    );
    return 2;
  }
  const limit = Number(options.taken.limit ?? 50);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    explain(
      `--limit must be a whole number from 1 to 1000, not "${options.taken.limit}"`,
      '50 is the default',
    );
    return 2;
  }
  const config = configOf(context, options.rest);
  if (!config) return 2;
  return withStore(context, config, async (store) => {
    const comments = await store.findComments({ ...filter, limit });
    if (comments.length === 0) {
      io.stdout.write(status === 'all' ? 'no comments\n' : `no ${status} comments\n`);
      return 0;
    }
    io.stdout.write(commentTable(comments, io.stdout.isTTY ? io.stdout.columns : undefined));
    return 0;
  });
}

async function act(context: Context, action: AdminAction, args: string[]): Promise<number> {
  const { io, explain } = context;
  const { positionals: ids, options } = splitPositionals(args);
  if (ids.length === 0) {
    explain(
      'name the comments',
      `for example: natter admin ${action} <id> <id> (natter admin list shows the ids)`,
    );
    return 2;
  }
  const malformed = ids.find((id) => !isCommentId(id));
  if (malformed !== undefined) {
    explain(`"${malformed}" is not a comment id`, 'ids are what natter admin list shows in its first column');
    return 2;
  }
  const config = configOf(context, options);
  if (!config) return 2;
  return withStore(context, config, async (store) => {
    const unknown: string[] = [];
    for (const id of new Set(ids)) {
      const before = await store.getComment(id);
      const after = before && (await moderateComment(store, id, action, Date.now()));
      if (!before || !after) unknown.push(id);
      else if (actionWords[action].already.includes(before.status)) {
        io.stdout.write(`${id} is ${before.status} already (${before.thread})\n`);
      } else io.stdout.write(`${id} ${actionWords[action].done} (${after.thread})\n`);
    }
    if (unknown.length === 0) return 0;
    explain(
      `no comment has the id${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}`,
      'natter admin list --status all shows every comment',
    );
    return 1;
  });
}

async function lock(context: Context, args: string[], isLocked: boolean): Promise<number> {
  const { io, explain } = context;
  const command = isLocked ? 'lock' : 'unlock';
  const { positionals, options } = splitPositionals(args);
  const [thread, ...extra] = positionals;
  if (thread === undefined || extra.length > 0) {
    explain('name one thread', `for example: natter admin ${command} /2026/11/my-post`);
    return 2;
  }
  if (threadKeyError(thread)) {
    explain('that is not a thread key', 'a thread key has 1 to 500 characters, none a control character');
    return 2;
  }
  const config = configOf(context, options);
  if (!config) return 2;
  return withStore(context, config, async (store) => {
    await store.setThreadLocked(thread, isLocked);
    io.stdout.write(`${thread} is ${isLocked ? 'locked' : 'open'}\n`);
    return 0;
  });
}

async function readOnly(context: Context, args: string[]): Promise<number> {
  const { io, explain } = context;
  const { positionals, options } = splitPositionals(args);
  const [state, ...extra] = positionals;
  if ((state !== 'on' && state !== 'off') || extra.length > 0) {
    explain('say on or off', 'natter admin read-only on stops new comments everywhere; off takes them again');
    return 2;
  }
  const config = configOf(context, options);
  if (!config) return 2;
  return withStore(context, config, async (store) => {
    await createSiteState(store.settings).setReadOnly(state === 'on');
    io.stdout.write(
      state === 'on'
        ? 'the site is read-only: it takes no new comments, edits or reports\n'
        : 'the site takes comments again\n',
    );
    return 0;
  });
}

/** The process's own streams. */
export function processIo(): CommandIo {
  return {
    stdin: process.stdin as Readable as CommandIo['stdin'],
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
  };
}

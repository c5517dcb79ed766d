import { threadKeyError } from '../../protocol/input-rules.js';
import { createLogger } from '../logger.js';
import { openStore } from '../storage/open-store.js';
import { helpText, loadConfig, toServerOptions, type ServeConfig } from './config.js';
import { batchedLines } from './batched-lines.js';
import { packageVersion } from './package-paths.js';

const commands = ['serve', 'admin', 'lock', 'unlock', 'webmention', 'import', 'export', 'backup', 'render'];

const usage = `Usage: natter <command> [options]

Commands:
  serve             run the comments server (natter serve --help for its options)
  admin <command>   moderate: set-password, list, approve, spam, delete, lock, read-only… (natter admin --help)
  lock <thread>     close a thread to new comments (it stays visible)
  unlock <thread>   open a locked thread again
  webmention send <url>
                    send Webmentions (or Pingbacks) to the pages a post links to (natter webmention --help)
  render <page URL | thread key> --endpoint <URL>
                    print a thread's HTML for its page's <natter-comments> (natter render --help)
  import <format> FILE
                    bring comments in from another system, or restore an export (natter import --help)
  export            write everything the site holds to stdout: natter export > natter.jsonl (natter export --help)
  backup FILE       copy the SQLite database to FILE while the server runs (natter backup --help)

Options:
  --version         print natter's version
  --help            this text

lock and unlock take --database (or NATTER_DATABASE, or --config) as serve does. A running server shows
the change within 2 seconds.
`;

/** Says what went wrong in one line, and where to read more: never the whole help. */
function explain(
  command: string,
  message: string,
  hint = `run natter ${command} --help to see every setting`,
) {
  process.stderr.write(`natter ${command}: ${message}\n${hint}\n`);
}

/** The `natter` command: parses arguments and hands them to `createServer` or the store; nothing else lives here. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'serve') return serve(rest);
  if (command === 'admin') {
    // Each command loads what it uses: `natter admin …` and `--version` answer without the HTTP server's modules.
    const { adminCommand, processIo } = await import('./admin-commands.js');
    return adminCommand(rest, processIo());
  }
  if (command === 'webmention') {
    const { webmentionCommand } = await import('./webmention-command.js');
    return webmentionCommand(rest, process);
  }
  if (command === 'import') {
    const { importCommand } = await import('./import-command.js');
    return importCommand(rest, process);
  }
  if (command === 'export') {
    const { exportCommand } = await import('./export-command.js');
    return exportCommand(rest, process);
  }
  if (command === 'backup') {
    const { backupCommand } = await import('./backup-command.js');
    return backupCommand(rest, process);
  }
  if (command === 'render') {
    const { renderCommand } = await import('./render-command.js');
    return renderCommand(rest, process);
  }
  if (command === 'lock' || command === 'unlock') return setLocked(rest, command === 'lock');
  if (command === '--version' || command === '-v') {
    process.stdout.write(`natter ${packageVersion()}\n`);
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(usage);
    return 0;
  }
  process.stderr.write(
    `natter: unknown command "${command}"; the commands are ${commands.join(', ')}\nrun natter --help for more\n`,
  );
  return 2;
}

/** The configuration `args` describe, or the exit code after explaining what is wrong with them. */
function configFrom(command: string, args: string[]): ServeConfig | number {
  try {
    return loadConfig(args);
  } catch (error) {
    explain(command, (error as Error).message);
    return 2;
  }
}

async function serve(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(helpText());
    return 0;
  }
  const config = configFrom('serve', args);
  if (typeof config === 'number') return config;
  const logger = createLogger(config.logLevel, batchedLines(process.stdout));
  const { createServer } = await import('./node-server.js');
  let running;
  try {
    running = await createServer({ ...toServerOptions(config), logger });
  } catch (error) {
    explain('serve', startFailure(error, config), 'nothing was started');
    return 1;
  }
  // The handlers before the "listening" line: whoever waits for that line may signal at once, and a signal
  // without a handler would kill the process on the spot.
  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.log('info', 'shutting down', { signal });
      void running.close().then(resolve);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  logger.log('info', 'listening', { url: running.url, database: redact(config.database), demo: config.demo });
  if (config.logLevel !== 'silent' && process.stdout.isTTY) {
    process.stderr.write(`natter is serving on ${running.url}${config.demo ? ' (demo blog at /)' : ''}\n`);
  }
  await stopped;
  logger.log('info', 'stopped');
  return 0;
}

async function setLocked(args: string[], isLocked: boolean): Promise<number> {
  const command = isLocked ? 'lock' : 'unlock';
  const [thread, ...options] = args;
  if (thread === undefined || thread.startsWith('-')) {
    explain(
      command,
      'name the thread',
      `for example: natter ${command} /2026/11/my-post --database data/natter.sqlite`,
    );
    return 2;
  }
  if (threadKeyError(thread)) {
    explain(
      command,
      'that is not a thread key',
      'a thread key has 1 to 500 characters, none a control character',
    );
    return 2;
  }
  const config = configFrom(command, options);
  if (typeof config === 'number') return config;
  let store;
  try {
    store = await openStore(config.database);
  } catch (error) {
    explain(command, startFailure(error, config), 'the thread was not changed');
    return 1;
  }
  try {
    await store.setThreadLocked(thread, isLocked);
  } finally {
    await store.close();
  }
  process.stdout.write(`${thread} is ${isLocked ? 'locked' : 'open'}\n`);
  return 0;
}

/** A database URL without its password, for logs. */
function redact(database: string): string {
  return database.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

/** Why the server or the store could not start, in a line an operator can act on. */
function startFailure(error: unknown, config: ServeConfig): string {
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE') return `port ${config.port} is in use on ${config.host}; choose another --port`;
  if (code === 'EADDRNOTAVAIL') return `cannot listen on ${config.host}: no such address on this machine`;
  if (code === 'EACCES') return `may not listen on port ${config.port} (ports below 1024 need privileges)`;
  return (error as Error).message;
}

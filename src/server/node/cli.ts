import { threadKeyError } from '../../protocol/input-rules.js';
import { createLogger } from '../logger.js';
import { openStore } from '../storage/open-store.js';
import { helpText, loadConfig, toServerOptions, type ServeConfig } from './config.js';
import { createServer } from './node-server.js';

const usage = `Usage: natter <command> [options]

Commands:
  serve             run the comments server (natter serve --help for its options)
  lock <thread>     close a thread to new comments (it stays visible)
  unlock <thread>   open a locked thread again

lock and unlock take --database (or NATTER_DATABASE, or --config) as serve does. A running server shows
the change within 2 seconds.
`;

/** The `natter` command: parses arguments and hands them to `createServer` or the store; nothing else lives here. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'serve') return serve(rest);
  if (command === 'lock' || command === 'unlock') return setLocked(rest, command === 'lock');
  process.stdout.write(usage);
  return command === undefined || command === '--help' || command === '-h' ? 0 : 2;
}

/** The configuration `args` describe, or the exit code after explaining what is wrong with them. */
function configFrom(command: string, args: string[]): ServeConfig | number {
  try {
    return loadConfig(args);
  } catch (error) {
    process.stderr.write(`natter ${command}: ${(error as Error).message}\n\n${helpText()}`);
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
  const logger = createLogger(config.logLevel, (line) => process.stdout.write(line));
  const running = await createServer({ ...toServerOptions(config), logger });
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
    process.stderr.write(`natter ${command}: name the thread, e.g. natter ${command} /2026/11/my-post\n`);
    return 2;
  }
  if (threadKeyError(thread)) {
    process.stderr.write(
      `natter ${command}: not a thread key (1 to 500 characters, no control characters)\n`,
    );
    return 2;
  }
  const config = configFrom(command, options);
  if (typeof config === 'number') return config;
  const store = await openStore(config.database);
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

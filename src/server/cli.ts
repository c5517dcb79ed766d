import { loadConfig, helpText, toServerOptions } from './config.js';
import { createLogger } from './logger.js';
import { createServer } from './node-server.js';

const usage = `Usage: natter <command> [options]

Commands:
  serve     run the comments server (natter serve --help for its options)
`;

/** The `natter` command: parses arguments and hands them to `createServer`; nothing else lives here. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'serve') {
    process.stdout.write(usage);
    return command === undefined || command === '--help' || command === '-h' ? 0 : 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(helpText());
    return 0;
  }
  let config;
  try {
    config = loadConfig(rest);
  } catch (error) {
    process.stderr.write(`natter serve: ${(error as Error).message}\n\n${helpText()}`);
    return 2;
  }
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

/** A database URL without its password, for logs. */
function redact(database: string): string {
  return database.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

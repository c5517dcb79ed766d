// natter serve as an operator runs it (`node bin/natter.js serve …`), with what the bench measures let through:
// no rate limits, no form token needed, every comment published at once. Its log level is the default (info: one
// JSON line per request), written to a file, as a service manager would keep it.
import { join } from 'node:path';
import { freePort, root, startChild, waitForOk } from './processes.mjs';

const natterBin = join(root, 'bin/natter.js');

/** The arguments of `natter serve` on `database` and `port`. */
export function serveArguments(database, port) {
  return [
    natterBin,
    'serve',
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--database',
    database,
    '--rate-limit',
    'off',
    '--thread-rate-limit',
    'off',
    '--form-token',
    'optional',
    '--form-token-min-age',
    '0',
    '--moderation',
    'open',
  ];
}

/**
 * Starts natter serve on `database`, logging to `logFile`, and resolves once it answers `/healthz`: `{ url, child,
 * logFile }`, `url` with a trailing slash.
 */
export async function startNatter(database, logFile) {
  const port = await freePort();
  const child = startChild(process.execPath, serveArguments(database, port), { logFile });
  const url = `http://127.0.0.1:${port}/`;
  await waitForOk(`${url}healthz`, { child, everyMs: 20 });
  return { url, child, logFile };
}

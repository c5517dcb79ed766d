// natter serve as an operator runs it (`node bin/natter.js serve …` with the NODE_OPTIONS the README
// recommends, or those of --node-options), with what the bench measures let through:
// no rate limits, no form token needed, every comment published at once. Its log level is the default (info: one
// JSON line per request), written to a file, as a service manager would keep it.
import { join } from 'node:path';
import { freePort, root, startChild, waitForOk } from './processes.mjs';

const natterBin = join(root, 'bin/natter.js');

/** The young generation's cap that the README's deployment notes recommend: a quarter less peak RSS under load. */
export const recommendedNodeOptions = '--max-semi-space-size=4';

let nodeOptions = recommendedNodeOptions;

/** Runs natter with `options` as its NODE_OPTIONS from now on (`''`: Node's defaults). */
export function useNodeOptions(options) {
  nodeOptions = options;
}

/** The NODE_OPTIONS natter runs with. */
export const natterNodeOptions = () => nodeOptions;

/** Spawns `node bin/natter.js` with `args` and the NODE_OPTIONS chosen; options as `startChild`'s. */
export const startNatterProcess = (args, options = {}) =>
  startChild(process.execPath, [natterBin, ...args], {
    ...options,
    env: { ...options.env, NODE_OPTIONS: nodeOptions },
  });

/** The arguments of `natter serve` on `database` and `port`. */
export function serveArguments(database, port) {
  return [
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
  const child = startNatterProcess(serveArguments(database, port), { logFile });
  const url = `http://127.0.0.1:${port}/`;
  await waitForOk(`${url}healthz`, { child, everyMs: 20 });
  return { url, child, logFile };
}

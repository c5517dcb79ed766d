// `natter serve` as a child process, the way an operator runs it: the real CLI, a real database file, a real
// port. Tests get its URL, its log lines and a way to stop it with a signal of their choosing.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The `natter` command of this checkout (it runs dist/, so `npm run build` first). */
export const natterBin = fileURLToPath(new URL('../../bin/natter.js', import.meta.url));

/** Every child started here and not yet exited: killed when the test process exits, whatever happened. */
const running = new Set();
const killAll = () => {
  for (const child of running) child.kill('SIGKILL');
};
process.on('exit', killAll);
// A signal to the test process alone (the runner cancelling a file) would otherwise leave the servers behind.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    killAll();
    process.kill(process.pid, signal);
  });
}

/**
 * The test's environment without `NATTER_*` settings (a developer's own would change what the server does), plus
 * `extra`.
 */
function childEnvironment(extra) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('NATTER_')));
  return { ...env, ...extra };
}

/** Resolves `promise`, or rejects after `ms` with an error saying what was awaited. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A fresh folder for a test file's databases: `file(name)` is a path in it, `remove()` deletes it. Create it at
 * the top of the file and remove it in a top-level `after`: an `after` registered inside a `before` hook or a
 * test runs when that hook or test ends, and would delete the folder under a server still using it.
 */
export async function createTempFolder() {
  const folder = await mkdtemp(join(tmpdir(), 'natter-test-'));
  return {
    folder,
    file: (name = 'natter.sqlite') => join(folder, name),
    remove: () => rm(folder, { recursive: true, force: true }),
  };
}

/** A loopback port that was free a moment ago, for a server whose address must be known before it starts. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });
}

/** Resolves with `{ code, signal }` once `child` has exited (at once if it already has). */
export function exited(child) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/**
 * Runs `natter <args>` to completion (for --help and start-up failures) and resolves with its exit code, signal,
 * stdout and stderr; killed after `timeoutMs`.
 */
export async function runNatter(args, { timeoutMs = 15_000, env } = {}) {
  const child = spawn(process.execPath, [natterBin, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: childEnvironment(env),
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  try {
    const { code, signal } = await withTimeout(exited(child), timeoutMs, `natter ${args.join(' ')} to exit`);
    // 'exit' can come before the pipes are drained.
    await Promise.all([child.stdout, child.stderr].map((stream) => stream.closed));
    return { code, signal, stdout, stderr };
  } finally {
    child.kill('SIGKILL');
    running.delete(child);
  }
}

/**
 * Starts `natter serve` on 127.0.0.1 with the demo, no rate limits, form tokens optional and info logs, and waits
 * for its "listening" line. `port` 0 picks a free one; pass a previous server's port to come back on the same
 * address. `args` are appended. Resolves with:
 * - `url` (with a trailing slash), `port`, `child`;
 * - `logs`: every JSON line logged so far (parsed), and `waitForLog(message)` for a line yet to come;
 * - `stop(signal = 'SIGTERM')`: sends the signal and resolves with `{ code, signal }` once the process exited
 *   (SIGKILL after `timeoutMs`, then rejects);
 * - `kill()`: SIGKILL, for clean-up, safe to call at any time.
 * When `t` (a test context) is given, the server is killed when that test ends; otherwise kill it in an `after`.
 */
export async function startServer({ database, port = 0, args = [], env, t, timeoutMs = 15_000 }) {
  const child = spawn(
    process.execPath,
    [
      natterBin,
      'serve',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--database',
      database,
      '--demo',
      '--rate-limit',
      'off',
      '--thread-rate-limit',
      'off',
      // Tests post a second after the form opens, and through clients that fetch no form token: the spam
      // defences would take them for bots.
      '--form-token',
      'optional',
      '--form-token-min-age',
      '0',
      // Tests that are about held comments say so; a later --moderation replaces this one.
      '--moderation',
      'open',
      '--log-level',
      'info',
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: childEnvironment(env) },
  );
  running.add(child);
  const exit = exited(child).then((result) => {
    running.delete(child);
    return result;
  });
  const kill = async () => {
    child.kill('SIGKILL');
    await exit;
  };
  t?.after(kill);

  const logs = [];
  const waiters = new Set();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  createInterface({ input: child.stdout }).on('line', (line) => {
    let entry;
    try {
      entry = JSON.parse(line);
    } catch {
      return;
    }
    logs.push(entry);
    for (const waiter of waiters) waiter(entry);
  });

  /** The first log line (already logged or still to come) whose `message` is `message`. */
  function waitForLog(message, ms = timeoutMs) {
    const seen = logs.find((entry) => entry.message === message);
    if (seen) return Promise.resolve(seen);
    let waiter;
    const found = new Promise((resolve, reject) => {
      waiter = (entry) => entry.message === message && resolve(entry);
      waiters.add(waiter);
      exit.then(({ code, signal }) =>
        reject(new Error(`natter exited (${signal ?? code}) before logging "${message}"; stderr: ${stderr}`)),
      );
    });
    return withTimeout(found, ms, `the "${message}" log line`).finally(() => waiters.delete(waiter));
  }

  try {
    const { url } = await waitForLog('listening');
    return {
      url,
      port: Number(new URL(url).port),
      child,
      logs,
      waitForLog,
      get stderr() {
        return stderr;
      },
      async stop(signal = 'SIGTERM') {
        child.kill(signal);
        try {
          return await withTimeout(exit, timeoutMs, `natter to exit after ${signal}`);
        } catch (error) {
          await kill();
          throw error;
        }
      },
      kill,
    };
  } catch (error) {
    await kill();
    throw error;
  }
}

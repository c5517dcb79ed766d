// The bench's child processes and scratch state: every server under measure runs as a process of its own, so that
// autocannon, in the bench's process, never shares its event loop. Whatever is started or made here is undone when
// the bench ends, however it ends (an error, Ctrl-C, a kill by the smoke test's timeout).
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root. */
export const root = fileURLToPath(new URL('../../', import.meta.url));

/** Children not yet exited: killed when the bench process exits. */
const running = new Set();
/** Undo steps (a temporary folder, a PostgreSQL schema), last made first undone. */
const cleanups = [];

process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await cleanUp();
    process.kill(process.pid, signal);
  });
}

/** Registers `undo` to run at the end of the bench (see `cleanUp`). */
export function onCleanUp(undo) {
  cleanups.push(undo);
}

/** Kills the children still running and runs every registered undo step, newest first. */
export async function cleanUp() {
  await Promise.all([...running].map((child) => stopChild(child)));
  while (cleanups.length > 0) {
    try {
      await cleanups.pop()();
    } catch (error) {
      console.error(`clean-up: ${error.message}`);
    }
  }
}

/** A fresh folder under the system's temporary folder, deleted at the end. */
export async function scratchFolder(prefix) {
  const folder = await mkdtemp(join(tmpdir(), `natter-bench-${prefix}-`));
  onCleanUp(() => rm(folder, { recursive: true, force: true }));
  return folder;
}

/** A loopback port that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });
}

/**
 * Starts `command args` with its output appended to `logFile` (or dropped without one). The environment is the
 * bench's without `NATTER_*` settings, plus `env`.
 */
export function startChild(command, args, { env = {}, logFile, cwd = root } = {}) {
  const output = logFile ? openSync(logFile, 'a') : 'ignore';
  const inherited = Object.entries(process.env).filter(([name]) => !name.startsWith('NATTER_'));
  const child = spawn(command, args, {
    cwd,
    env: { ...Object.fromEntries(inherited), ...env },
    stdio: ['ignore', output, output],
  });
  if (typeof output === 'number') closeSync(output);
  running.add(child);
  child.exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  return child;
}

/** Stops `child` with SIGTERM, or SIGKILL when it has not exited after `graceMs`. */
export async function stopChild(child, graceMs = 5_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await child.exited;
  clearTimeout(timer);
}

/** The status of a GET of `url` on a connection of its own; rejects when nothing answers. */
function statusOf(url) {
  return new Promise((resolve, reject) => {
    const request = get(url, { agent: false, timeout: 5_000 }, (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode));
    });
    request.once('timeout', () => request.destroy(new Error('timed out')));
    request.once('error', reject);
  });
}

/**
 * Asks `url` again and again until it answers 200; resolves with the milliseconds since `since` (a
 * `performance.now()`). Rejects when `child` exits first or after `timeoutMs`.
 */
export async function waitForOk(url, { child, since = performance.now(), timeoutMs = 60_000, everyMs = 5 }) {
  let hasExited = false;
  child.exited.then(() => (hasExited = true));
  for (;;) {
    try {
      if ((await statusOf(url)) === 200) return performance.now() - since;
    } catch {
      // Not listening yet.
    }
    if (hasExited) throw new Error(`${child.spawnargs.join(' ')} exited before ${url} answered`);
    if (performance.now() - since > timeoutMs)
      throw new Error(`${url} did not answer 200 in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

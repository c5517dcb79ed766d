// A PostgreSQL server of the test's own, made with the installed PostgreSQL's initdb in a temporary folder and
// listening on a free loopback port, which a test may stop, start and restart at will. The shared test cluster
// (NATTER_TEST_POSTGRES_URL) serves other test files at the same time: restarting it would break them.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../e2e/server-process.mjs';

/** The folder of the installed PostgreSQL's server programs, the newest version's; `undefined` if there is none. */
function serverPrograms() {
  const debianRoot = '/usr/lib/postgresql';
  const versions = existsSync(debianRoot)
    ? readdirSync(debianRoot)
        .filter((version) => existsSync(join(debianRoot, version, 'bin/initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length > 0) return join(debianRoot, versions[0], 'bin');
  try {
    return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

const programs = serverPrograms();
/** PostgreSQL refuses to run as root: then it runs as the `postgres` user, which the packages create. */
const isRoot = process.getuid?.() === 0;
const postgresUser = isRoot ? spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }) : undefined;

/** What to pass as a test's `skip`: false when a private server can be made here, else why not. */
export const privatePostgresSkip = !programs
  ? 'PostgreSQL is not installed (no initdb)'
  : postgresUser && postgresUser.status !== 0
    ? 'running as root, and there is no postgres user to run PostgreSQL as'
    : false;

/** The command line that runs one of PostgreSQL's programs, as the postgres user when this process is root. */
function commandLine(program, args) {
  const path = join(programs, program);
  return isRoot ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
}

/** Runs one of PostgreSQL's programs to its end, without blocking the test's clients; rejects if it fails. */
async function run(program, args) {
  try {
    await promisify(execFile)(...commandLine(program, args), { timeout: 60_000 });
  } catch (error) {
    throw new Error(`${program} ${args.join(' ')} failed: ${error.stderr || error.message}`, {
      cause: error,
    });
  }
}

/**
 * Makes and starts a PostgreSQL server with a superuser `natter` that needs no password. Resolves with its `url`
 * and `stop(mode)` (`fast` ends sessions and checkpoints; `immediate` is a crash, recovered at the next start),
 * `start()`, `restart(mode)` and `remove()`, which stops it and deletes its folder; so does the test process's exit,
 * or a signal that ends it, when the test did not.
 */
export async function startPrivatePostgres() {
  const folder = await mkdtemp(join(tmpdir(), 'natter-postgres-'));
  if (postgresUser) chownSync(folder, Number(postgresUser.stdout), -1);
  const data = join(folder, 'data');
  const port = await freePort();
  await run('initdb', ['-D', data, '-U', 'natter', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1`;
  const pgCtl = (...args) => run('pg_ctl', ['-D', data, '-w', '-t', '30', ...args]);
  // With a log file, so that the server does not hold pg_ctl's output open (and pg_ctl's caller waiting).
  const serverOptions = ['-o', options, '-l', join(folder, 'postgres.log')];
  const start = () => pgCtl(...serverOptions, 'start');
  // Synchronous, so that it can run in an 'exit' handler too; a server already stopped makes pg_ctl fail, harmlessly.
  const removeNow = () => {
    spawnSync(...commandLine('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']));
    rmSync(folder, { recursive: true, force: true });
  };
  // A run cancelled by a signal skips 'exit' handlers: remove it then too, and let the signal end the process.
  const onSignal = (signal) => {
    removeNow();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  process.once('exit', removeNow);
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, onSignal);
  await start();
  return {
    url: `postgres://natter@127.0.0.1:${port}/postgres`,
    start,
    stop: (mode = 'fast') => pgCtl('-m', mode, 'stop'),
    restart: (mode = 'fast') => pgCtl('-m', mode, ...serverOptions, 'restart'),
    remove() {
      process.off('exit', removeNow);
      for (const signal of ['SIGINT', 'SIGTERM']) process.off(signal, onSignal);
      removeNow();
    },
  };
}

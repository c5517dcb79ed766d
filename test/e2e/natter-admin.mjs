// `natter admin …` as a child process with something piped to its stdin (a password), for the tests of the
// moderators' command line and of the admin page.
import { spawn } from 'node:child_process';
import { exited, natterBin, withTimeout } from './server-process.mjs';

/** The test's environment without `NATTER_*` settings, plus `extra`. */
function childEnvironment(extra) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('NATTER_')));
  return { ...env, ...extra };
}

/** Runs `natter admin <args>` with `input` on its stdin; resolves with its exit code, stdout and stderr. */
export async function runAdmin(args, { input = '', env = {}, timeoutMs = 15_000 } = {}) {
  const child = spawn(process.execPath, [natterBin, 'admin', ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: childEnvironment(env),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  child.stdin.on('error', () => {});
  child.stdin.end(input);
  try {
    const { code } = await withTimeout(exited(child), timeoutMs, `natter admin ${args.join(' ')}`);
    await Promise.all([child.stdout, child.stderr].map((stream) => stream.closed));
    return { code, stdout, stderr };
  } finally {
    child.kill('SIGKILL');
  }
}

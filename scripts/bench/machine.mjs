// What the figures were measured on, printed above them: the machine, Node, the kernel, the date and the commit.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, release, totalmem } from 'node:os';
import { root } from './processes.mjs';

/** The output of `git args` in the checkout, or undefined outside a clone. */
function git(args) {
  try {
    return execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

/** One line: CPUs, CPU model, memory, Node, kernel, date, commit (marked when the tree has changes). */
export function describeMachine() {
  const model = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown CPU';
  const commit = git(['rev-parse', '--short', 'HEAD']) ?? 'no commit';
  const isChanged = (git(['status', '--porcelain', '--untracked-files=no']) ?? '') !== '';
  const gib = (totalmem() / 1024 ** 3).toFixed(1);
  return (
    `${availableParallelism()} CPUs (${model}), ${gib} GiB, Node ${process.version}, Linux ${release()}, ` +
    `${new Date().toISOString().slice(0, 10)}, commit ${commit}${isChanged ? ' with uncommitted changes' : ''}`
  );
}

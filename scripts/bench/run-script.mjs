// Parts of the bench that are scripts of their own (the browser's), run as a child process with their output
// passed through under a heading; a failure of the script fails the part.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { root } from './processes.mjs';

/** Runs `node scripts/bench/<script> args`, printing `heading` first; rejects when it exits other than 0. */
export async function runBenchScript(heading, script, args = []) {
  console.log(`\n## ${heading}\n`);
  const child = spawn(process.execPath, [join(root, 'scripts/bench', script), ...args], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise((resolve) =>
    child.once('exit', (status, signal) => resolve(status ?? signal)),
  );
  if (code !== 0) throw new Error(`scripts/bench/${script} exited with ${code}`);
}

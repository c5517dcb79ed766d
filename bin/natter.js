#!/usr/bin/env node
// The `natter` command. The work is in dist/cli/natter.js: src/server/node/cli.ts bundled with its packages.
import module from 'node:module';

// Node 22.1 and later keep the compiled code of the command's 1.4 MB of modules on disk (in the system's temporary
// folder, or NODE_COMPILE_CACHE), so that a start need not compile them again (53-68 ms of a start in CPU profiles
// on Node 20, which has nothing like it). Loaded after this, so that it is cached too.
module.enableCompileCache?.();
const { main } = await import('../dist/cli/natter.js');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`natter: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);

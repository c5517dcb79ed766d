#!/usr/bin/env node
// The `natter` command. The work is in dist/cli/natter.js: src/server/node/cli.ts bundled with its packages.
import { main } from '../dist/cli/natter.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`natter: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);

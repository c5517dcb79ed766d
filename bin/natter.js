#!/usr/bin/env node
// The `natter` command. The work is in dist/lib/server/node/cli.js (built from src/server/node/cli.ts).
import { main } from '../dist/lib/server/node/cli.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`natter: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);

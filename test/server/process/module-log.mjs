// Given to `node --import`, makes the process write the URL of every module it loads (its ES modules, the CommonJS
// packages they import, the built-ins they name), one a line, to the file MODULE_LOG_FILE names: for tests of what a
// start leaves unloaded. It registers itself as the module loader's hook, which Node runs on a thread of its own.
import { appendFileSync } from 'node:fs';
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

let logFile;

/** Node's hook set-up, on the loader's thread: where to write. */
export function initialize(file) {
  logFile = file;
}

/** Node's load hook: notes the URL, then loads the module as Node would have. */
export async function load(url, context, nextLoad) {
  appendFileSync(logFile, `${url}\n`);
  return nextLoad(url, context);
}

if (isMainThread) register(import.meta.url, { data: process.env.MODULE_LOG_FILE });

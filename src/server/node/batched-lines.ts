import { writeSync } from 'node:fs';

/**
 * A writer of log lines to `stream` that gathers the lines of one turn of the event loop into one write: under
 * load, one line per request would otherwise cost one system call per request. Lines still gathered when the
 * process exits are written at once.
 */
export function batchedLines(stream: NodeJS.WritableStream & { fd: number }): (line: string) => void {
  let pending: string[] = [];
  const flush = () => {
    const text = pending.join('');
    pending = [];
    stream.write(text);
  };
  process.once('exit', () => {
    if (pending.length > 0) writeSync(stream.fd, pending.join(''));
  });
  return (line) => {
    if (pending.push(line) === 1) setImmediate(flush);
  };
}

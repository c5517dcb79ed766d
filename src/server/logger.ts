/** Log levels, quietest last. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** Structured logging: one JSON object per line. */
export interface Logger {
  /** The quietest level written; `silent` writes nothing. */
  readonly level: LogLevel;
  log(level: Exclude<LogLevel, 'silent'>, message: string, fields?: Record<string, unknown>): void;
}

/**
 * A logger writing JSON lines (each ending in a newline) at `level` and above to `write`; by default to the
 * console, which every runtime has (the Node command line writes to stdout directly).
 */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => console.log(line.slice(0, -1)),
): Logger {
  // The time of the last line, written again for the lines of the same millisecond: under load most lines are.
  let lastMs = Number.NaN;
  let lastTime = '';
  return {
    level,
    log(messageLevel, message, fields = {}) {
      if (rank[messageLevel] < rank[level]) return;
      const ms = Date.now();
      if (ms !== lastMs) {
        lastMs = ms;
        lastTime = new Date(ms).toISOString();
      }
      write(`${JSON.stringify({ time: lastTime, level: messageLevel, message, ...fields })}\n`);
    },
  };
}

/** Whether `logger` writes messages of `level`. */
export function isLogged(logger: Logger, level: Exclude<LogLevel, 'silent'>): boolean {
  return rank[level] >= rank[logger.level];
}

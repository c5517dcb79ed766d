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
  return {
    level,
    log(messageLevel, message, fields = {}) {
      if (rank[messageLevel] < rank[level]) return;
      write(
        `${JSON.stringify({ time: new Date().toISOString(), level: messageLevel, message, ...fields })}\n`,
      );
    },
  };
}

/** Whether `logger` writes messages of `level`. */
export function isLogged(logger: Logger, level: Exclude<LogLevel, 'silent'>): boolean {
  return rank[level] >= rank[logger.level];
}

/**
 * The storage is busy or out of reach (a locked SQLite file, a PostgreSQL server restarting or refusing
 * connections): nothing was written, and the same request may well succeed shortly. The HTTP layer answers 503
 * with `Retry-After`; it never needs to know a driver's error codes, which each backend translates into this.
 */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The storage is unavailable', { cause });
    this.name = 'StoreUnavailableError';
  }
}

/**
 * How a backend reads one of its driver's errors: worth a retry; a foreign key that would break (a reply whose
 * parent is gone, a parent deleted under a new reply); or anything else.
 */
export type DriverErrorKind = 'unavailable' | 'broken_reference' | 'other';

/** Reads a driver's error; each backend has one (`sqlite/driver-errors.ts`, `postgres/driver-errors.ts`). */
export type ClassifyDriverError = (error: unknown) => DriverErrorKind;

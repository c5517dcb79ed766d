import type { DriverErrorKind } from '../errors.js';

/** Socket errors of a server that cannot be reached. */
const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EPIPE',
]);

/**
 * SQLSTATE classes and codes of a server that is down, restarting, overloaded or asks for a retry
 * (https://www.postgresql.org/docs/current/errcodes-appendix.html): connection exceptions (08), insufficient
 * resources (53), operator intervention (57P01–57P05), serialization failures and deadlocks (40001, 40P01).
 */
function isUnavailableState(code: string): boolean {
  return (
    code.startsWith('08') ||
    code.startsWith('53') ||
    /^57P0[1-5]$/.test(code) ||
    code === '40001' ||
    code === '40P01'
  );
}

/** node-postgres and its pool report a lost or refused connection with these messages and no code. */
const connectionMessages =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end/i;

/** What a node-postgres error means for the store. */
export function classifyPostgresError(error: unknown): DriverErrorKind {
  if (!(error instanceof Error)) return 'other';
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code === '23503') return 'broken_reference';
    if (networkCodes.has(code) || isUnavailableState(code)) return 'unavailable';
  }
  return connectionMessages.test(error.message) ? 'unavailable' : 'other';
}

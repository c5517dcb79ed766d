import { errorStatus } from '../protocol/errors.js';
import type { ErrorCode } from '../protocol/types.js';
import { NatterHttpError } from './http-error.js';
import { isRecord } from './shape.js';

/** Turns a failed response and its body text into the error to throw, whatever the body holds. */
export function errorFromResponse(response: Response, text: string): NatterHttpError {
  const described = readErrorBody(text);
  const code = isErrorCode(described?.code) ? described.code : codeForStatus(response.status);
  return new NatterHttpError({
    status: response.status,
    code,
    message:
      typeof described?.message === 'string'
        ? described.message
        : `HTTP ${response.status} ${response.statusText}`.trimEnd(),
    field: typeof described?.field === 'string' ? described.field : undefined,
    retryAfter: parseRetryAfter(response.headers.get('Retry-After')),
  });
}

/**
 * Seconds to wait from a `Retry-After` value: delay-seconds, or an HTTP-date in the IMF-fixdate form that
 * RFC 9110 obliges senders to use (`Sun, 06 Nov 1994 08:49:37 GMT`). Anything else yields `undefined`.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  const trimmed = value?.trim() ?? '';
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  if (!/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

function readErrorBody(text: string): Record<string, unknown> | undefined {
  try {
    const body: unknown = JSON.parse(text);
    if (isRecord(body) && isRecord(body.error)) return body.error;
  } catch {
    // Not JSON, e.g. a proxy's HTML error page: the status alone describes the failure.
  }
  return undefined;
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorStatus, value);
}

/** The code a server following the protocol would have sent with this status. */
function codeForStatus(status: number): ErrorCode | 'bad_response' {
  const known = Object.keys(errorStatus).find((code) => errorStatus[code as ErrorCode] === status);
  if (known) return known as ErrorCode;
  if (status === 502 || status === 504) return 'unavailable';
  if (status >= 500) return 'internal';
  return status >= 400 ? 'bad_request' : 'bad_response';
}

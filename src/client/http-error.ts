import type { ErrorCode } from '../protocol/types.js';

/**
 * What went wrong: a protocol error code sent by the server, or one of the client's own — `network` (no
 * answer), `cors` (in a browser: the server answered, but the browser withheld the answer from this page
 * because the server does not allow the page's origin), `timeout` (no answer in time) and `bad_response` (an
 * answer that does not follow the protocol).
 */
export type NatterErrorCode = ErrorCode | 'network' | 'cors' | 'timeout' | 'bad_response';

/** What a {@link NatterHttpError} is made of. */
export interface NatterHttpErrorInit {
  status: number;
  code: NatterErrorCode;
  message: string;
  field?: string;
  retryAfter?: number;
  cause?: unknown;
}

/**
 * The one error the client throws for a failed request. A caller's own abort is not one: the client rethrows
 * the caller's abort reason (normally a `DOMException` named `AbortError`) untouched.
 */
export class NatterHttpError extends Error {
  /** The HTTP status, or 0 when no answer arrived or the page may not read it (`network`, `cors`, `timeout`). */
  readonly status: number;
  /** The protocol error code, or the client's own code for failures the server did not describe. */
  readonly code: NatterErrorCode;
  /** The request field at fault (`name`, `text`, `limit`, …), when the server named one. */
  readonly field?: string;
  /** Seconds to wait before trying again, from the `Retry-After` header, when the server sent one. */
  readonly retryAfter?: number;

  constructor({ status, code, message, field, retryAfter, cause }: NatterHttpErrorInit) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'NatterHttpError';
    this.status = status;
    this.code = code;
    if (field !== undefined) this.field = field;
    if (retryAfter !== undefined) this.retryAfter = retryAfter;
  }
}

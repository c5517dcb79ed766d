import { errorStatus } from '../protocol/errors.js';
import type { ErrorCode, ErrorResponse } from '../protocol/types.js';

/** A failure to answer in the protocol's error shape; thrown anywhere in a request, rendered in one place. */
export class HttpError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
    this.status = errorStatus[code];
  }

  /** The response body: `{ error: { code, message, field? } }`. */
  toBody(): ErrorResponse {
    return { error: { code: this.code, message: this.message, ...(this.field && { field: this.field }) } };
  }
}

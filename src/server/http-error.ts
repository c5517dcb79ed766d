import { adminErrorStatus, type AdminErrorCode, type AdminErrorResponse } from '../protocol/admin.js';
import { errorStatus } from '../protocol/errors.js';

/** A failure to answer in the protocol's error shape; thrown anywhere in a request, rendered in one place. */
export class HttpError extends Error {
  readonly status: number;

  constructor(
    /** Protocol v1's codes, and the admin API's `unauthorized`. */
    readonly code: AdminErrorCode,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
    this.status = code === 'unauthorized' ? adminErrorStatus[code] : errorStatus[code];
  }

  /** The response body: `{ error: { code, message, field? } }` (protocol v1's `ErrorResponse` but for the code). */
  toBody(): AdminErrorResponse {
    return { error: { code: this.code, message: this.message, ...(this.field && { field: this.field }) } };
  }
}

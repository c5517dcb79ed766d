import type { ErrorCode } from './types.js';

/**
 * The HTTP status that goes with each error code (docs/protocol.md#errors): the server answers with it, and
 * a client recognises a code as one of protocol v1's by finding it here.
 */
export const errorStatus = {
  bad_request: 400,
  invalid_json: 400,
  forbidden: 403,
  thread_locked: 403,
  edit_window_closed: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const satisfies Record<ErrorCode, number>;

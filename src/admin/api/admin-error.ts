import type { AdminErrorCode } from '../../protocol/admin.js';

/** Why an admin API call failed: the server's code, or `network` when no answer came. */
export type AdminFailure = AdminErrorCode | 'network' | 'bad_response';

/** A failed admin API call: HTTP status (0 without an answer), code, the field at fault, and how long to wait. */
export class AdminApiError extends Error {
  override name = 'AdminApiError';

  constructor(
    readonly status: number,
    readonly code: AdminFailure,
    message: string,
    readonly field?: string,
    /** Seconds, from `Retry-After`, for `rate_limited`. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/** The error an answer that is not 2xx stands for. */
export async function errorOf(response: Response): Promise<AdminApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; field?: unknown } } | undefined)
    ?.error;
  const code = typeof error?.code === 'string' ? (error.code as AdminErrorCode) : 'bad_response';
  const message = typeof error?.message === 'string' ? error.message : `HTTP ${response.status}`;
  const field = typeof error?.field === 'string' ? error.field : undefined;
  const retryAfter = Number(response.headers.get('retry-after'));
  return new AdminApiError(
    response.status,
    code,
    message,
    field,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
}

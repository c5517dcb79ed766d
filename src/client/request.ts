import { NatterHttpError } from './http-error.js';
import { errorFromResponse } from './response-error.js';

/** One request as the client methods describe it. */
export interface RequestSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: URL;
  /** Sent as JSON; `undefined` sends no body. */
  body?: unknown;
  /** Sent as `application/x-www-form-urlencoded` instead of a JSON body (a Webmention). */
  form?: URLSearchParams;
  /** Sent as `Authorization: Bearer <secret>`. */
  secret?: string;
  headers: Record<string, string>;
  fetch: typeof fetch;
  /** Milliseconds before the request is given up; 0 waits for ever. */
  timeout: number;
  signal?: AbortSignal;
}

/** What a successful request answered. */
export interface Answer {
  status: number;
  /** The parsed JSON body, or `undefined` when the body was empty. */
  body: unknown;
  headers: Headers;
}

/**
 * Sends one request and reads its whole body under one deadline. Throws {@link NatterHttpError} for every
 * failure except the caller's abort, which rethrows the caller's abort reason.
 */
export async function send(spec: RequestSpec): Promise<Answer> {
  const callerSignal = spec.signal;
  if (callerSignal?.aborted) throw abortReason(callerSignal);
  const headers = new Headers(spec.headers);
  headers.set('Accept', 'application/json');
  if (spec.secret !== undefined) headers.set('Authorization', `Bearer ${spec.secret}`);
  let body: string | undefined;
  if (spec.form) {
    headers.set('Content-Type', 'application/x-www-form-urlencoded; charset=utf-8');
    body = spec.form.toString();
  } else if (spec.body !== undefined) {
    headers.set('Content-Type', 'application/json; charset=utf-8');
    body = JSON.stringify(spec.body);
  }

  // One controller carries both the deadline and the caller's abort; the listener and the timer are removed
  // in `finally`, so a long-lived caller signal collects no listeners and no timer outlives its request.
  const controller = new AbortController();
  const unfollow = follow(callerSignal, controller);
  let isTimedOut = false;
  const timer =
    spec.timeout > 0
      ? setTimeout(() => {
          isTimedOut = true;
          controller.abort(new DOMException('The request timed out.', 'TimeoutError'));
        }, spec.timeout)
      : undefined;
  // Racing against the signal settles the request even with a fetch implementation that ignores signals.
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });

  // Called as a plain function: a native fetch called as a method of another object throws.
  const { fetch: fetchImpl } = spec;
  const attempt = () =>
    Promise.race([
      fetchImpl(spec.url, { method: spec.method, headers, body, signal: controller.signal }),
      aborted,
    ]);
  let isWithheld = false;
  let response: Response;
  let text: string;
  try {
    try {
      response = await attempt();
    } catch (error) {
      // Browsers tell scripts nothing of why a fetch failed. For a read from another origin, a `no-cors`
      // request tells whether the server answers at all; when it does, asking once more tells a moment's
      // blip from a refusal that holds. Writes are never sent twice.
      if (spec.method !== 'GET' || controller.signal.aborted) throw error;
      if (!(await Promise.race([answersWithoutCors(spec, controller.signal), aborted]))) throw error;
      isWithheld = true;
      response = await attempt();
      isWithheld = false;
    }
    text = await Promise.race([response.text(), aborted]);
  } catch (error) {
    if (callerSignal?.aborted) throw abortReason(callerSignal);
    if (isTimedOut) {
      throw new NatterHttpError({
        status: 0,
        code: 'timeout',
        message: `No answer from ${spec.url.origin} within ${spec.timeout} ms`,
        cause: error,
      });
    }
    if (isWithheld) {
      throw new NatterHttpError({
        status: 0,
        code: 'cors',
        message: `${spec.url.origin} does not let pages on ${location.origin} read its answers (CORS)`,
        cause: error,
      });
    }
    throw new NatterHttpError({
      status: 0,
      code: 'network',
      message: `Could not reach ${spec.url.origin}`,
      cause: error,
    });
  } finally {
    clearTimeout(timer);
    unfollow();
  }

  if (!response.ok) throw errorFromResponse(response, text);
  const { status, headers: answerHeaders } = response;
  if (text === '') return { status, body: undefined, headers: answerHeaders };
  try {
    return { status, body: JSON.parse(text), headers: answerHeaders };
  } catch (error) {
    throw badResponse(response.status, 'The server answered with something that is not JSON', error);
  }
}

/**
 * Whether the server at `url` answers a page on this origin at all, even if only with an answer the page may not
 * read: a `no-cors` request resolves whenever it gets an HTTP answer. Asked only in a browser page, about another
 * origin; elsewhere there is no CORS to blame.
 */
async function answersWithoutCors(
  { url, fetch: fetchImpl }: RequestSpec,
  signal: AbortSignal,
): Promise<boolean> {
  if (typeof location === 'undefined' || url.origin === location.origin) return false;
  try {
    await fetchImpl(url, { mode: 'no-cors', credentials: 'omit', cache: 'no-store', signal });
    return true;
  } catch {
    return false;
  }
}

/** The error for a successful status whose body does not follow the protocol. */
export function badResponse(status: number, message: string, cause?: unknown): NatterHttpError {
  return new NatterHttpError({ status, code: 'bad_response', message, cause });
}

/** Aborts `controller` when `signal` aborts, with the same reason; returns the function that stops this. */
function follow(signal: AbortSignal | undefined, controller: AbortController): () => void {
  if (!signal) return () => {};
  const onAbort = () => controller.abort(abortReason(signal));
  signal.addEventListener('abort', onAbort, { once: true });
  return () => signal.removeEventListener('abort', onAbort);
}

/** What the caller aborted with; browsers before 2022 leave `reason` undefined. */
function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

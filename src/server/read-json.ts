import { HttpError } from './http-error.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The body stopped arriving before its end: the client went away or its connection broke. Answered 400 (to nobody,
 * most likely) and logged at debug level: it says nothing about this server's health.
 */
export class IncompleteBodyError extends HttpError {
  constructor(cause: unknown) {
    super('bad_request', 'The request body was not received whole');
    this.cause = cause;
  }
}

/**
 * Whether a `Content-Type` is `application/json` in UTF-8: that media type in any case, with no `charset` or only
 * `charset=utf-8` (any case, quoted or not); other parameters are ignored.
 */
function isJsonInUtf8(contentType: string): boolean {
  const [mediaType, ...parameters] = contentType.split(';');
  if (mediaType?.trim().toLowerCase() !== 'application/json') return false;
  return parameters.every((parameter) => {
    const separator = parameter.indexOf('=');
    const name = (separator === -1 ? parameter : parameter.slice(0, separator)).trim().toLowerCase();
    return name !== 'charset' || /^"?utf-8"?$/i.test(parameter.slice(separator + 1).trim());
  });
}

/**
 * Reads a request's JSON body as the protocol requires: `application/json` in UTF-8 (else 415), at most
 * `maxBytes` (else 413, decided while reading, so an oversized body is never buffered whole), valid UTF-8 and
 * JSON (else 400 `invalid_json`).
 */
export async function readJson(request: Request, maxBytes: number): Promise<unknown> {
  if (!isJsonInUtf8(request.headers.get('content-type') ?? '')) {
    throw new HttpError('unsupported_media_type', 'The body must be application/json in UTF-8');
  }
  const text = await readText(
    request,
    maxBytes,
    () => new HttpError('invalid_json', 'The body is not valid UTF-8 JSON'),
  );
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError('invalid_json', 'The body is not valid UTF-8 JSON');
  }
}

/**
 * Reads a request's body as UTF-8 text of at most `maxBytes` (else 413, decided while reading, so an oversized body
 * is never buffered whole); a body that is not valid UTF-8 throws `invalid()` (400 `bad_request` unless said).
 */
export async function readText(
  request: Request,
  maxBytes: number,
  invalid = () => new HttpError('bad_request', 'The body is not valid UTF-8'),
): Promise<string> {
  const tooLarge = () => new HttpError('payload_too_large', `The body may be at most ${maxBytes} bytes`);
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw tooLarge();

  const body = new Uint8Array(maxBytes);
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (let read = await readChunk(reader); !read.done; read = await readChunk(reader)) {
      if (size + read.value.byteLength > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      body.set(read.value, size);
      size += read.value.byteLength;
    }
  }
  try {
    return strictUtf8.decode(body.subarray(0, size));
  } catch {
    throw invalid();
  }
}

/** The next chunk of a body; a stream that breaks off is the client's doing, not a fault of ours. */
async function readChunk(reader: ReadableStreamDefaultReader<Uint8Array>) {
  try {
    return await reader.read();
  } catch (error) {
    throw new IncompleteBodyError(error);
  }
}

/**
 * Reads a form's body: `application/x-www-form-urlencoded` (else 415, whatever its parameters), then as `readText`
 * reads it.
 */
export async function readForm(request: Request, maxBytes: number): Promise<URLSearchParams> {
  const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/x-www-form-urlencoded') {
    throw new HttpError('unsupported_media_type', 'The body must be application/x-www-form-urlencoded');
  }
  return new URLSearchParams(await readText(request, maxBytes));
}

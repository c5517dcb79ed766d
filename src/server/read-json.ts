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
  const declared = request.headers.get('content-length');
  if (Number(declared ?? 0) > maxBytes) throw tooLarge();
  const bytes =
    declared !== null && /^\d+$/.test(declared)
      ? await declaredBody(request)
      : await streamedBody(request, maxBytes, tooLarge);
  // A request made in code (not parsed off a connection) may carry a length its body does not have.
  if (bytes.byteLength > maxBytes) throw tooLarge();
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw invalid();
  }
}

/**
 * A body of a declared length, within the limit, read at once: HTTP's framing holds it to that length, and the Node
 * adapter reads such a body straight from the socket, without the web stream `body` would make (a tenth of a post's
 * CPU).
 */
async function declaredBody(request: Request): Promise<Uint8Array> {
  try {
    return new Uint8Array(await request.arrayBuffer());
  } catch (error) {
    throw new IncompleteBodyError(error);
  }
}

/** A body of no declared length, read as it comes and refused as soon as it passes `maxBytes`. */
async function streamedBody(
  request: Request,
  maxBytes: number,
  tooLarge: () => HttpError,
): Promise<Uint8Array> {
  // The chunks as they come: a body is mostly one, and a buffer of `maxBytes` for each would cost more than it.
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (let read = await readChunk(reader); !read.done; read = await readChunk(reader)) {
      if (size + read.value.byteLength > maxBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(read.value);
      size += read.value.byteLength;
    }
  }
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : joined(chunks, size);
}

/** `chunks`, `size` bytes in all, as one array. */
function joined(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const whole = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return whole;
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

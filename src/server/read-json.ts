import { HttpError } from './http-error.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

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
  const tooLarge = () => new HttpError('payload_too_large', `The body may be at most ${maxBytes} bytes`);
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw tooLarge();

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      size += read.value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(read.value);
    }
  }
  try {
    return JSON.parse(strictUtf8.decode(Buffer.concat(chunks)));
  } catch {
    throw new HttpError('invalid_json', 'The body is not valid UTF-8 JSON');
  }
}

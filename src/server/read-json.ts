import { HttpError } from './http-error.js';

const jsonMediaType = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?(;.*)?$/i;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a request's JSON body as the protocol requires: `application/json` in UTF-8 (else 415), at most
 * `maxBytes` (else 413, decided while reading, so an oversized body is never buffered whole), valid UTF-8 and
 * JSON (else 400 `invalid_json`).
 */
export async function readJson(request: Request, maxBytes: number): Promise<unknown> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!jsonMediaType.test(contentType.trim()) || /charset\s*=\s*(?!"?utf-8)/i.test(contentType)) {
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

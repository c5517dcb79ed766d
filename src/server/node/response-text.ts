import type { IncomingMessage } from 'node:http';
import type { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** A Content-Type header taken apart: the media type, lower case and without parameters, and its charset. */
export interface ContentType {
  /** '' when the header is missing or empty. */
  mediaType: string;
  charset: string | undefined;
}

/** `text/html; charset="ISO-8859-1"` as `{ mediaType: 'text/html', charset: 'ISO-8859-1' }`. */
export function parseContentType(header: string | undefined): ContentType {
  const [type = '', ...parameters] = (header ?? '').split(';');
  const charset = parameters
    .map((parameter) => /^\s*charset\s*=\s*"?([^";\s]+)"?\s*$/i.exec(parameter)?.[1])
    .find((value) => value !== undefined);
  return { mediaType: type.trim().toLowerCase(), charset };
}

/** Whether a page of `mediaType` is text that a source or an endpoint can be read from: text, JSON, XML. */
function isTextMediaType(mediaType: string): boolean {
  return /^(?:text\/[\w.+-]+|application\/(?:[\w.-]+\+)?(?:json|xml))$/.test(mediaType);
}

/** What reading a body gave: its text, or why it was not read whole. */
export type ResponseText =
  { ok: true; text: string } | { ok: false; reason: 'too_large' | 'not_text'; detail: string };

/**
 * A stream undoing `coding`, `null` for none, or `undefined` for one not understood: any but the three asked for in
 * Accept-Encoding, and a list of several (which no server sends for one Accept-Encoding of single codings).
 */
function decoderFor(coding: string): Transform | null | undefined {
  switch (coding) {
    case '':
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
  }
  return undefined;
}

/**
 * The decoded bytes of `response`'s body, at most `maxBytes` of them after decompression: a small gzip or Brotli
 * body that inflates to gigabytes (a zip bomb) is stopped at the cap, and a body whose Content-Length is over the cap
 * is refused unread. The response is destroyed when the body is refused.
 */
async function readBytes(
  response: IncomingMessage,
  maxBytes: number,
): Promise<{ ok: true; bytes: Buffer } | Extract<ResponseText, { ok: false }>> {
  const tooLarge = { ok: false, reason: 'too_large', detail: `over ${maxBytes} bytes` } as const;
  if (Number(response.headers['content-length']) > maxBytes) {
    response.destroy();
    return tooLarge;
  }
  const coding = response.headers['content-encoding']?.trim().toLowerCase() ?? 'identity';
  const decoder = decoderFor(coding);
  if (decoder === undefined) {
    response.destroy();
    return { ok: false, reason: 'not_text', detail: `content coding ${coding.slice(0, 50)} not understood` };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const collect = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      size += chunk.length;
      // Throwing stops the pipeline and destroys the response. Node 20 rejects with an AbortError rather than what
      // was thrown when a decoder is in between, so the size itself tells the cap from a failure.
      if (size > maxBytes) throw new Error(`over ${maxBytes} bytes`);
      chunks.push(chunk);
    }
  };
  try {
    await (decoder === null ? pipeline(response, collect) : pipeline(response, decoder, collect));
  } catch (error) {
    if (size > maxBytes) return tooLarge;
    throw error;
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}

/**
 * Whether `byte` never occurs in text (a "binary data byte" of the WHATWG MIME Sniffing standard): what tells a body
 * without a Content-Type from text.
 */
const isBinaryByte = (byte: number): boolean =>
  byte <= 0x08 || byte === 0x0b || (byte >= 0x0e && byte <= 0x1a) || (byte >= 0x1c && byte <= 0x1f);

/** The charset an HTML page names in its first 1024 bytes (`<meta charset>` or its http-equiv form), if any. */
function metaCharset(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 1024).toString('latin1');
  return /<meta\s[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
}

/** A decoder for `charset`; a label TextDecoder does not know is read as UTF-8. */
function textDecoderFor(charset: string | undefined) {
  try {
    return new TextDecoder(charset ?? 'utf-8');
  } catch {
    return new TextDecoder('utf-8');
  }
}

/**
 * The body of a 2xx `response` of type `contentType` as text: decompressed, at most `maxBytes` decoded bytes, and
 * decoded by the header's charset (for HTML, else by its `<meta charset>`; UTF-8 by default). A type that is not
 * text is refused unread. A body without a Content-Type is read as text unless it holds a byte text never holds:
 * such a page is plain text to anyone who reads it, and a binary file is refused.
 */
export async function readResponseText(
  response: IncomingMessage,
  contentType: ContentType,
  maxBytes: number,
): Promise<ResponseText> {
  const { mediaType, charset } = contentType;
  if (mediaType !== '' && !isTextMediaType(mediaType)) {
    response.destroy();
    return { ok: false, reason: 'not_text', detail: `${mediaType} is not text` };
  }
  const read = await readBytes(response, maxBytes);
  if (!read.ok) return read;
  const { bytes } = read;
  if (mediaType === '' && bytes.some(isBinaryByte)) {
    return { ok: false, reason: 'not_text', detail: 'binary body without a content type' };
  }
  const pageCharset = charset ?? (mediaType === 'text/html' ? metaCharset(bytes) : undefined);
  return { ok: true, text: textDecoderFor(pageCharset).decode(bytes) };
}

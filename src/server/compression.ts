import { chooseCoding, type ContentCoding } from './accept-encoding.js';

export type { ContentCoding } from './accept-encoding.js';

/** Bytes ready to send, and their strong ETag, quotes included. */
export interface TaggedBody {
  readonly body: Uint8Array<ArrayBuffer>;
  readonly etag: string;
}

/** A body's smaller forms by content coding; a coding is missing where it would not have been smaller. */
export type EncodedBodies = Readonly<Partial<Record<ContentCoding, TaggedBody>>>;

/** A body as it is (identity) and, where worth it, compressed: what the server chooses from per request. */
export interface Representation extends TaggedBody {
  readonly encoded?: EncodedBodies;
}

/**
 * How the runtime compresses what the server sends (`AppOptions.compression`): zlib's brotli and gzip on Node
 * (node/zlib-compression.ts), `CompressionStream`'s gzip by default.
 */
export interface Compression {
  /** The codings `compress` makes. */
  readonly codings: readonly ContentCoding[];
  /** `bytes` in `coding` (one of `codings`): for a cached answer, once per coding, when a client first asks for it. */
  compress(bytes: Uint8Array<ArrayBuffer>, coding: ContentCoding): Promise<Uint8Array<ArrayBuffer>>;
}

/** Gzip through the web platform's `CompressionStream`, which every runtime with web-standard APIs has. */
export const webCompression: Compression = {
  codings: ['gzip'],
  async compress(bytes, coding) {
    if (coding !== 'gzip') throw new RangeError(`CompressionStream makes no ${coding}`);
    const compressed = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
    return new Uint8Array(await new Response(compressed).arrayBuffer());
  },
};

/** Answers smaller than this are sent as they are: compressing them gains less than a packet. */
export const compressionThresholdBytes = 1024;

/** Media types whose bodies compress well: text, JSON, JavaScript and SVG (PNG is compressed already). */
export function isCompressible(contentType: string): boolean {
  return /^(?:text\/|application\/(?:json|javascript)\b|image\/svg\+xml\b)/i.test(contentType);
}

/** The ETag of a body's `coding` form: its identity tag with the coding inside the quotes (`"abc"` → `"abc-br"`). */
export function encodedEtag(etag: string, coding: ContentCoding): string {
  return `${etag.slice(0, -1)}-${coding}"`;
}

const noEncodedBodies: EncodedBodies = Object.freeze({});

/** The form of `representation` to send for a request's `Accept-Encoding`, and its coding. */
export function selectEncoding(
  acceptEncoding: string | null | undefined,
  representation: Representation,
): { coding: ContentCoding | 'identity'; chosen: TaggedBody } {
  const encoded = representation.encoded ?? noEncodedBodies;
  const coding = chooseCoding(acceptEncoding, encoded);
  return { coding, chosen: (coding === 'identity' ? undefined : encoded[coding]) ?? representation };
}

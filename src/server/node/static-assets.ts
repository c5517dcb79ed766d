import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { contentCodings } from '../accept-encoding.js';
import {
  encodedEtag,
  isCompressible,
  type ContentCoding,
  type EncodedBodies,
  type TaggedBody,
} from '../compression.js';
import { contentTypeOf, type StaticAsset, type StaticAssets } from '../routes/static-files.js';
import { compressSync, decompressSync, type CompressionEffort } from './zlib-compression.js';

/**
 * Reads the files of `directory` (not below it) that `include` accepts and that have a servable type, once,
 * each with a content-hash ETag and, for compressible types, its brotli and gzip forms where they are smaller: what
 * `createApp` serves from memory, choosing per request (nothing is read or compressed after start). The forms the
 * build wrote beside a file (`natter.js.br`, `natter.js.gz`) are taken when they decode to exactly its bytes, so a
 * start compresses only what the build did not, or what was changed since.
 */
export function loadStaticAssets(
  directory: string,
  include: (name: string) => boolean = () => true,
): StaticAssets {
  const files = new Map<string, StaticAsset>();
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    const contentType = contentTypeOf(name);
    if (!contentType || !include(name) || !statSync(path).isFile()) continue;
    const body = new Uint8Array(readFileSync(path));
    const hash = createHash('sha256').update(body).digest('base64url').slice(0, 22);
    const etag = `"${hash}"`;
    const encoded = isCompressible(contentType) ? precompress(path, body, etag, effortFor(name)) : undefined;
    files.set(name, { body, etag, contentType, ...(encoded && { encoded }) });
  }
  return files;
}

/**
 * Source maps are read only by developer tools, and brotli's quality 11 would take most of start-up on them (about
 * 0.6 of 0.75 s for the widget's): they get the quick settings; everything readers download, the smallest.
 */
const effortFor = (name: string): CompressionEffort => (name.endsWith('.map') ? 'quick' : 'smallest');

/** The file name extension of a compressed form the build writes beside a file. */
const extensionOf: Record<ContentCoding, string> = { br: 'br', gzip: 'gz' };

/** The build's form of the file at `path` in `coding`, if there is one and it decodes to exactly `body`. */
function builtForm(
  path: string,
  body: Uint8Array,
  coding: ContentCoding,
): Uint8Array<ArrayBuffer> | undefined {
  let form: Uint8Array<ArrayBuffer>;
  try {
    form = new Uint8Array(readFileSync(`${path}.${extensionOf[coding]}`));
  } catch (error) {
    // No such form: one failed read rather than a check and then a read. Any other failure stops the start.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return Buffer.from(decompressSync(form, coding)).equals(body) ? form : undefined;
}

/** `body` (read from `path`) in each coding, kept only where smaller, each with its ETag. */
function precompress(path: string, body: Uint8Array, etag: string, effort: CompressionEffort): EncodedBodies {
  const encoded: Partial<Record<ContentCoding, TaggedBody>> = {};
  for (const coding of contentCodings) {
    const compressed = builtForm(path, body, coding) ?? compressSync(body, coding, effort);
    if (compressed.byteLength < body.byteLength)
      encoded[coding] = { body: compressed, etag: encodedEtag(etag, coding) };
  }
  return encoded;
}

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
 * `createApp` serves from memory, choosing per request. The forms the build wrote beside a file (`natter.js.br`,
 * `natter.js.gz`) are read here too, and taken when they decode to exactly its bytes. A file's forms are settled
 * when it is first asked for, not at start: most are the build's (checked in a millisecond), the rest are
 * compressed then (a demo page, or a source map that only developer tools fetch), and a start compresses nothing.
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
    const asset: StaticAsset = { body, etag, contentType };
    if (isCompressible(contentType)) {
      const built = builtForms(path);
      const effort = effortFor(name);
      let encoded: EncodedBodies | undefined;
      Object.defineProperty(asset, 'encoded', {
        enumerable: true,
        get: () => (encoded ??= precompress(body, etag, built, effort)),
      });
    }
    files.set(name, asset);
  }
  return files;
}

/**
 * Source maps are read only by developer tools, and brotli's quality 11 takes 0.6 s on the widget's: they get the
 * quick settings; everything readers download, the smallest.
 */
const effortFor = (name: string): CompressionEffort => (name.endsWith('.map') ? 'quick' : 'smallest');

/** The file name extension of a compressed form the build writes beside a file. */
const extensionOf: Record<ContentCoding, string> = { br: 'br', gzip: 'gz' };

/** The forms the build wrote beside the file at `path`, by coding: read now, so that a start fails on a bad one. */
function builtForms(path: string): Partial<Record<ContentCoding, Uint8Array<ArrayBuffer>>> {
  const forms: Partial<Record<ContentCoding, Uint8Array<ArrayBuffer>>> = {};
  for (const coding of contentCodings) {
    try {
      forms[coding] = new Uint8Array(readFileSync(`${path}.${extensionOf[coding]}`));
    } catch (error) {
      // No such form: one failed read rather than a check and then a read. Any other failure stops the start.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return forms;
}

/**
 * `body` in each coding, kept only where smaller, each with its ETag: the build's form where it decodes to exactly
 * `body` (one left from an older build does not), else compressed now.
 */
function precompress(
  body: Uint8Array<ArrayBuffer>,
  etag: string,
  built: Partial<Record<ContentCoding, Uint8Array<ArrayBuffer>>>,
  effort: CompressionEffort,
): EncodedBodies {
  const encoded: Partial<Record<ContentCoding, TaggedBody>> = {};
  for (const coding of contentCodings) {
    const form = built[coding];
    const compressed =
      form && Buffer.from(decompressSync(form, coding)).equals(body)
        ? form
        : compressSync(body, coding, effort);
    if (compressed.byteLength < body.byteLength)
      encoded[coding] = { body: compressed, etag: encodedEtag(etag, coding) };
  }
  return encoded;
}

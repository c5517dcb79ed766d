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
 * The files of `directory` (not below it) that `include` accepts and that have a servable type, each read when first
 * asked for and then held: what `createApp` serves from memory, choosing per request. A start only lists them, and a
 * file nobody asks for (the source maps, most languages' chunks) is never read. Each gets a content-hash ETag and,
 * for compressible types, its brotli and gzip forms where they are smaller: the forms the build wrote beside it
 * (`natter.js.br`, `natter.js.gz`) where they decode to exactly its bytes (checked in a millisecond), else compressed
 * then (a demo page, or a source map that only developer tools fetch).
 */
export function loadStaticAssets(
  directory: string,
  include: (name: string) => boolean = () => true,
): StaticAssets {
  const files = new Map<string, StaticAsset>();
  // The entries' types come with the listing: a stat per file (two hundred in dist/) was a fiftieth of a start.
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const { name } = entry;
    const path = join(directory, name);
    const contentType = contentTypeOf(name);
    const isFile = entry.isSymbolicLink() ? statSync(path).isFile() : entry.isFile();
    if (!contentType || !include(name) || !isFile) continue;
    files.set(name, new FileAsset(path, contentType, effortFor(name)));
  }
  return files;
}

/** A file of a served folder, read and tagged on first use, its compressed forms settled on first use too. */
class FileAsset implements StaticAsset {
  #contents: TaggedBody | undefined;
  #encoded: EncodedBodies | undefined;

  constructor(
    private readonly path: string,
    readonly contentType: string,
    private readonly effort: CompressionEffort,
  ) {}

  get body(): Uint8Array<ArrayBuffer> {
    return this.#read().body;
  }

  get etag(): string {
    return this.#read().etag;
  }

  get encoded(): EncodedBodies | undefined {
    if (!isCompressible(this.contentType)) return undefined;
    const { body, etag } = this.#read();
    return (this.#encoded ??= precompress(body, etag, builtForms(this.path), this.effort));
  }

  #read(): TaggedBody {
    if (!this.#contents) {
      const body = new Uint8Array(readFileSync(this.path));
      const hash = createHash('sha256').update(body).digest('base64url').slice(0, 22);
      this.#contents = { body, etag: `"${hash}"` };
    }
    return this.#contents;
  }
}

/**
 * Source maps are read only by developer tools, and brotli's quality 11 takes 0.6 s on the widget's: they get the
 * quick settings; everything readers download, the smallest.
 */
const effortFor = (name: string): CompressionEffort => (name.endsWith('.map') ? 'quick' : 'smallest');

/** The file name extension of a compressed form the build writes beside a file. */
const extensionOf: Record<ContentCoding, string> = { br: 'br', gzip: 'gz' };

/** The forms the build wrote beside the file at `path`, by coding. */
function builtForms(path: string): Partial<Record<ContentCoding, Uint8Array<ArrayBuffer>>> {
  const forms: Partial<Record<ContentCoding, Uint8Array<ArrayBuffer>>> = {};
  for (const coding of contentCodings) {
    try {
      forms[coding] = new Uint8Array(readFileSync(`${path}.${extensionOf[coding]}`));
    } catch (error) {
      // No such form: one failed read rather than a check and then a read. Any other failure is the request's.
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

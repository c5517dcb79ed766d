import { promisify } from 'node:util';
import {
  brotliCompress,
  brotliCompressSync,
  brotliDecompressSync,
  constants,
  gunzipSync,
  gzip,
  gzipSync,
  type BrotliOptions,
  type ZlibOptions,
} from 'node:zlib';
import type { Compression, ContentCoding } from '../compression.js';

/** How hard zlib works: `smallest` for what is compressed once and sent often, `quick` for the rest. */
export type CompressionEffort = 'smallest' | 'quick';

/*
 * Brotli at quality 5 for `quick`: on thread pages of 13 to 60 KB (Node 20, x64) it took 0.15 to 1 ms and came
 * within 8 to 10% of quality 11, which took 10 to 65 ms; quality 4 was at times larger than gzip. A cache miss, or a
 * post's answer, so stays about as cheap as its JSON encoding. Quality 11 and gzip's level 9 are for files
 * compressed once (by the build, or at start), whose every byte is then saved on every download.
 */
const brotliQuality: Record<CompressionEffort, number> = { smallest: 11, quick: 5 };
const gzipLevel: Record<CompressionEffort, number> = { smallest: 9, quick: 6 };

/**
 * Brotli's window (its log2) just large enough for `bytes`, within brotli's 10 to 24: the encoder allocates and clears
 * memory for its window, by default 4 MiB, whatever the input. For a page of 10 comments (3.7 KB) that was most of
 * the work: 187 µs at the default window, 120 µs fitted (asynchronously; the same bytes out).
 */
const fittedWindow = (bytes: Uint8Array): number =>
  Math.min(24, Math.max(10, Math.ceil(Math.log2(bytes.byteLength + 1))));

const brotliOptions = (bytes: Uint8Array, effort: CompressionEffort): BrotliOptions => ({
  params: {
    [constants.BROTLI_PARAM_QUALITY]: brotliQuality[effort],
    [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
    [constants.BROTLI_PARAM_LGWIN]: fittedWindow(bytes),
  },
});
const gzipOptions = (effort: CompressionEffort): ZlibOptions => ({ level: gzipLevel[effort] });

/**
 * A copy of zlib's result in a buffer of its own size. zlib hands back a view of its larger output buffer (16 KiB
 * at least), which whoever keeps the result (the response cache) would keep whole while counting only the view.
 */
const exactCopy = (result: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(result);

/** `bytes` in `coding`, at once: for the files loaded at start. */
export function compressSync(
  bytes: Uint8Array,
  coding: ContentCoding,
  effort: CompressionEffort,
): Uint8Array<ArrayBuffer> {
  return exactCopy(
    coding === 'br'
      ? brotliCompressSync(bytes, brotliOptions(bytes, effort))
      : gzipSync(bytes, gzipOptions(effort)),
  );
}

/** `bytes` decoded from `coding`, at once: to check a compressed form made at build against its file. */
export function decompressSync(bytes: Uint8Array, coding: ContentCoding): Uint8Array {
  return coding === 'br' ? brotliDecompressSync(bytes) : gunzipSync(bytes);
}

const brotliCompressAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Bodies up to this size are compressed on the main thread: handing one to libuv's pool and back costs more than
 * compressing it (a page of 10 comments: 46 µs at once against 120 µs through the pool, CPU and wait alike).
 */
const compressedAtOnceBytes = 64 * 1024;

/**
 * Brotli and gzip through zlib at `quick` effort, larger bodies off the main thread (libuv's pool): what
 * `createServer` gives `createApp` to compress JSON answers with.
 */
export const zlibCompression: Compression = {
  codings: ['br', 'gzip'],
  async compress(bytes, coding) {
    if (bytes.byteLength <= compressedAtOnceBytes) return compressSync(bytes, coding, 'quick');
    return exactCopy(
      coding === 'br'
        ? await brotliCompressAsync(bytes, brotliOptions(bytes, 'quick'))
        : await gzipAsync(bytes, gzipOptions('quick')),
    );
  },
};

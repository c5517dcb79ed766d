import { Hono } from 'hono';
import { isCompressible, selectEncoding, type EncodedBodies } from '../compression.js';
import { matchesIfNoneMatch } from '../etag.js';

/** A file to serve, held in memory: what the runtime's adapter loaded (node/static-assets.ts on Node). */
export interface StaticAsset {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  /** A strong ETag derived from the content, quotes included. */
  etag: string;
  /** The file compressed, each form with its own ETag (`encodedEtag`), made once; none: sent as it is. */
  encoded?: EncodedBodies;
}

/** Files by name (no folders): the widget's bundle and chunks, or the demo pages. */
export type StaticAssets = ReadonlyMap<string, StaticAsset>;

const contentTypes: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  map: 'application/json; charset=utf-8',
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  txt: 'text/plain; charset=utf-8',
};

/** The `Content-Type` for a file name, or `undefined` for kinds of file that are never served. */
export function contentTypeOf(name: string): string | undefined {
  const extension = /\.([a-z]+)$/.exec(name)?.[1];
  return extension === undefined ? undefined : contentTypes[extension];
}

export interface StaticFilesOptions {
  files: StaticAssets;
  /** `Cache-Control` for a file. */
  cacheControl: (name: string) => string;
  /** Extra headers on every file (CORS for the widget, a page CSP for the demo). */
  headers?: Record<string, string>;
  /** The file `/` serves. */
  index?: string;
}

/**
 * Serves files from memory in the coding the client prefers among those the adapter made (`Accept-Encoding`, as
 * RFC 9110 §12.5.3 reads it), each form with its own ETag, answering a matching `If-None-Match` (weakly compared,
 * `*` included, as for API answers) with 304. Every answer of a compressible file varies by `Accept-Encoding`, the
 * uncompressed one too, so that no shared cache hands brotli to a client that asked for none. Only the names in
 * `files` are served, so no request can reach another path. HEAD is answered as GET, without the body (Hono's).
 */
export function staticFiles(options: StaticFilesOptions): Hono {
  const app = new Hono();
  app.get('/:name{[A-Za-z0-9._-]*}', (c, next) => {
    const name = c.req.param('name') || options.index || '';
    const file = options.files.get(name);
    if (!file) return next();
    if (isCompressible(file.contentType)) c.header('Vary', 'Accept-Encoding', { append: true });
    const { coding, chosen } = selectEncoding(c.req.header('accept-encoding'), file);
    const headers: Record<string, string> = {
      ...options.headers,
      'Content-Type': file.contentType,
      'Cache-Control': options.cacheControl(name),
      ETag: chosen.etag,
    };
    if (matchesIfNoneMatch(c.req.header('if-none-match'), chosen.etag)) return c.body(null, 304, headers);
    if (coding !== 'identity') headers['Content-Encoding'] = coding;
    return c.body(chosen.body, 200, headers);
  });
  return app;
}

/**
 * Cache policy of the widget: content-hashed chunks for a year; natter.js and count.js (stable names) revalidated
 * daily.
 */
export function widgetCacheControl(name: string): string {
  return /^(natter|count)\.js(\.map)?$/.test(name)
    ? 'public, max-age=3600, stale-while-revalidate=86400'
    : 'public, max-age=31536000, immutable';
}

/**
 * Which files of the built `dist/` folder are the widget: `natter.js`, its chunks, `count.js` (the counts of index
 * pages) and their source maps.
 */
export function isWidgetFile(name: string): boolean {
  return /^(natter[\w.-]*|count)\.js(\.map)?$/.test(name);
}

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Hono } from 'hono';

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

interface StaticFile {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  contentType: string;
}

/** Reads the files of `directory` (not below it) whose names `include` accepts, once, with their ETags. */
function loadFiles(directory: string, include: (name: string) => boolean): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  for (const name of readdirSync(directory)) {
    const path = join(directory, name);
    const type = contentTypes[extname(name)];
    if (!type || !include(name) || !statSync(path).isFile()) continue;
    const body = new Uint8Array(readFileSync(path));
    const hash = createHash('sha256').update(body).digest('base64url').slice(0, 22);
    files.set(name, { body, etag: `"${hash}"`, contentType: type });
  }
  return files;
}

export interface StaticFilesOptions {
  directory: string;
  include?: (name: string) => boolean;
  /** `Cache-Control` for a file. */
  cacheControl: (name: string) => string;
  /** Extra headers on every file (CORS for the widget, a page CSP for the demo). */
  headers?: Record<string, string>;
  /** The file `/` serves. */
  index?: string;
}

/**
 * Serves a folder's files from memory: read once at start-up, each with a content-hash ETag, answering
 * `If-None-Match` with 304. Only names present at start-up are served, so no request can reach another path.
 */
export function staticFiles(options: StaticFilesOptions): Hono {
  const files = loadFiles(options.directory, options.include ?? (() => true));
  const app = new Hono();
  app.get('/:name{[A-Za-z0-9._-]*}', (c, next) => {
    const name = c.req.param('name') || options.index || '';
    const file = files.get(name);
    if (!file) return next();
    const headers: Record<string, string> = {
      ...options.headers,
      'Content-Type': file.contentType,
      'Cache-Control': options.cacheControl(name),
      ETag: file.etag,
    };
    if (
      c.req
        .header('if-none-match')
        ?.split(/\s*,\s*/)
        .includes(file.etag)
    ) {
      return c.body(null, 304, headers);
    }
    return c.body(file.body, 200, headers);
  });
  return app;
}

/** Cache policy of the widget: content-hashed chunks for a year; natter.js (a stable name) revalidated daily. */
export function widgetCacheControl(name: string): string {
  return name === 'natter.js' || name === 'natter.js.map'
    ? 'public, max-age=3600, stale-while-revalidate=86400'
    : 'public, max-age=31536000, immutable';
}

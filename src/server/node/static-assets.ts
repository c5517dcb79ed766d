import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { contentTypeOf, type StaticAsset, type StaticAssets } from '../routes/static-files.js';

/**
 * Reads the files of `directory` (not below it) that `include` accepts and that have a servable type, once,
 * each with a content-hash ETag: what `createApp` serves from memory.
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
    files.set(name, { body, etag: `"${hash}"`, contentType });
  }
  return files;
}

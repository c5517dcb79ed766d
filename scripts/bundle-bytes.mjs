// How natter measures what a reader downloads, shared by `npm run size` and the bench's sizes part: minified bytes,
// gzip at level 9 and brotli at quality 11 (what a build or a careful server sends), and which files of a build a
// script pulls in before it runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** `{ min, gzip, brotli }`: the length of `bytes`, and of `bytes` compressed each way. */
export function compressedSizes(bytes) {
  return {
    min: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** Files of `folder` that `entry` imports statically (downloaded before it runs), followed transitively. */
export function staticImports(folder, entry, seen = new Set([entry])) {
  const code = readFileSync(join(folder, entry), 'utf8');
  // Static `import … from` and `export … from` (a facade re-exporting a chunk); `import()` is lazy.
  const staticImport = /(?:^|[;}])\s*(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+)["']/g;
  for (const [, file] of code.matchAll(staticImport)) {
    if (!seen.has(file)) staticImports(folder, file, seen.add(file));
  }
  return seen;
}

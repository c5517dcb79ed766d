import { readFileSync } from 'node:fs';

/** The version of the natter package this code belongs to, from its package.json (from dist/ or from src/). */
export function packageVersion(): string {
  for (const candidate of ['../../../../package.json', '../../../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === 'natter' && manifest.version) return manifest.version;
    } catch {
      // Not this one: the layout differs between dist/lib/server/node/ and src/server/node/.
    }
  }
  return 'unknown';
}

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What natter's package.json says of itself. */
interface PackageManifest {
  name?: string;
  version?: string;
}

/** The manifest at `path`, or undefined when there is none or it is not JSON. */
function readManifest(path: string): PackageManifest | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as PackageManifest;
  } catch {
    return undefined;
  }
}

/**
 * The natter package this code runs from, with its manifest: the nearest folder above this module whose
 * package.json is natter's. The same from every layout it runs in: src/server/node/, the library in
 * dist/lib/server/node/ and the `natter` command's bundle in dist/cli/.
 */
function natterPackage(): { root: string; manifest: PackageManifest } | undefined {
  for (let folder = dirname(fileURLToPath(import.meta.url)); ; folder = dirname(folder)) {
    const manifest = readManifest(join(folder, 'package.json'));
    if (manifest?.name === 'natter') return { root: folder, manifest };
    if (dirname(folder) === folder) return undefined;
  }
}

/** The package's folder `name` when it holds `file`. */
function packageFolder(name: string, file: string): string | undefined {
  const root = natterPackage()?.root;
  const folder = root && join(root, name);
  return folder && existsSync(join(folder, file)) ? folder : undefined;
}

/** The built widget: the package's `dist/`. */
export function findWidgetDirectory(): string | undefined {
  return packageFolder('dist', 'natter.js');
}

/** The demo pages shipped with the package. */
export function findDemoDirectory(): string | undefined {
  return packageFolder('demo', 'index.html');
}

/** The version of the natter package this code belongs to, from its package.json. */
export function packageVersion(): string {
  return natterPackage()?.manifest.version ?? 'unknown';
}

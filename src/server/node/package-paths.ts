import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The first of `candidates` (URLs relative to this module) that holds `file`. */
function findFolder(candidates: string[], file: string): string | undefined {
  return candidates
    .map((candidate) => fileURLToPath(new URL(candidate, import.meta.url)))
    .find((directory) => existsSync(`${directory}/${file}`));
}

/** The built widget: `dist/` when running from `dist/lib/server/node/`, `../../../dist/` from source. */
export function findWidgetDirectory(): string | undefined {
  return findFolder(['../../../', '../../../dist/'], 'natter.js');
}

/** The demo pages shipped with the package. */
export function findDemoDirectory(): string | undefined {
  return findFolder(['../../../../demo/', '../../../demo/'], 'index.html');
}

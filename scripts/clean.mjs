// Empties dist/ before a build, so chunks of earlier builds (their names carry content hashes) do not pile up.
import { rmSync } from 'node:fs';

rmSync(new URL('../dist/', import.meta.url), { recursive: true, force: true });

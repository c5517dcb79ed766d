// The layer boundaries hold because ESLint refuses a wrong import (eslint.config.mjs). These cases keep the rule
// honest: each import below must be refused in the file it is written in, and the right ones let through.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: fileURLToPath(new URL('../..', import.meta.url)) });

/** The messages ESLint gives `code` as if it were the file `path` of the repository. */
async function problems(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return (result?.messages ?? [])
    .filter(
      (message) => message.ruleId === 'no-restricted-imports' || message.ruleId === 'no-restricted-globals',
    )
    .map((message) => message.message);
}

const refused: [file: string, code: string, reason: RegExp][] = [
  ['src/protocol/probe.ts', "import { z } from 'zod';\nexport const a = z;\n", /imports nothing/],
  [
    'src/protocol/probe.ts',
    "import { send } from '../client/request.js';\nexport const a = send;\n",
    /imports nothing/,
  ],
  [
    'src/client/probe.ts',
    "import { renderText } from '../text/render-text.js';\nexport const a = renderText;\n",
    /knows only the protocol/,
  ],
  [
    'src/elements/probe.ts',
    "import { createApp } from '../server/app.js';\nexport const a = createApp;\n",
    /never imports the server/,
  ],
  [
    'src/i18n/probe.ts',
    "import type { AppOptions } from '../server/app.js';\nexport type A = AppOptions;\n",
    /never imports the server/,
  ],
  [
    'src/server/probe.ts',
    "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n",
    /Node modules/,
  ],
  [
    'src/server/routes/probe.ts',
    "import { connect } from '../../client/index.js';\nexport const a = connect;\n",
    /only src\/protocol/,
  ],
  [
    'src/server/html/probe.ts',
    "import { renderText } from '../../text/render-text.js';\nexport const a = renderText;\n",
    /only src\/protocol/,
  ],
  [
    'src/server/html/probe.ts',
    "import { messages } from '../../i18n/messages.de.js';\nexport const a = messages;\n",
    /tables that load the others/,
  ],
  ['src/server/middleware/probe.ts', 'export const a = process.env.X;\n', /web-platform APIs only/],
  ['src/server/probe.ts', "export const a = Buffer.from('x');\n", /web-platform APIs only/],
  [
    'src/server/probe.ts',
    "import { serve } from '@hono/node-server';\nexport const a = serve;\n",
    /Runtime and driver/,
  ],
  [
    'src/server/storage/probe.ts',
    "import { HttpError } from '../http-error.js';\nexport const a = HttpError;\n",
    /knows no HTTP/,
  ],
  [
    'src/server/storage/sqlite/probe.ts',
    "import { Hono } from 'hono';\nexport const a = Hono;\n",
    /knows no HTTP/,
  ],
  ['src/server/storage/probe.ts', "import pg from 'pg';\nexport const a = pg;\n", /Runtime and driver/],
  [
    'src/elements/natter-count/probe.ts',
    "import { html } from 'lit';\nexport const a = html;\n",
    /under 2 KB/,
  ],
  [
    'src/elements/natter-count/probe.ts',
    "import { loadLocalizer } from '../../i18n/localizer.js';\nexport const a = loadLocalizer;\n",
    /under 2 KB/,
  ],
  [
    'src/count.ts',
    "import { NatterComments } from './elements/natter-comments/natter-comments.js';\nexport const a = NatterComments;\n",
    /under 2 KB/,
  ],
  [
    'src/elements/natter-count/probe.ts',
    "import { send } from '../../client/request.js';\nexport const a = send;\n",
    /under 2 KB/,
  ],
  [
    'src/elements/natter-count/probe.ts',
    "import { createApp } from '../../server/app.js';\nexport const a = createApp;\n",
    /never imports the server/,
  ],
];

const allowed: [file: string, code: string][] = [
  ['src/protocol/probe.ts', "import { limits } from './limits.js';\nexport const a = limits;\n"],
  ['src/client/probe.ts', "import { limits } from '../protocol/limits.js';\nexport const a = limits;\n"],
  [
    'src/server/routes/probe.ts',
    "import { limits } from '../../protocol/limits.js';\nexport const a = limits;\n",
  ],
  [
    'src/server/html/probe.ts',
    "import { Localizer } from '../../i18n/localizer.js';\nexport const a = Localizer;\n",
  ],
  [
    'src/server/html/probe.ts',
    "import { loadCatalog } from '../../i18n/catalogs.js';\nexport const a = loadCatalog;\n",
  ],
  ['src/server/node/probe.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
  [
    'src/server/storage/sqlite/probe.ts',
    "import { mkdirSync } from 'node:fs';\nexport const a = mkdirSync;\n",
  ],
  ['src/server/storage/postgres/probe.ts', "import pg from 'pg';\nexport const a = pg;\n"],
  [
    'src/elements/natter-count/probe.ts',
    "import { threadKeyOf } from '../natter-comments/page-thread.js';\nexport const a = threadKeyOf;\n",
  ],
  [
    'src/elements/natter-count/probe.ts',
    "import { countBatches } from '../../client/count-batches.js';\nexport const a = countBatches;\n",
  ],
];

describe('layer boundaries', () => {
  for (const [file, code, reason] of refused) {
    it(`refuses in ${file}: ${code.split('\n')[0]}`, async () => {
      const messages = await problems(file, code);
      assert.ok(
        messages.some((message) => reason.test(message)),
        messages.join('\n') || 'no problem reported',
      );
    });
  }
  for (const [file, code] of allowed) {
    it(`allows in ${file}: ${code.split('\n')[0]}`, async () => {
      assert.deepEqual(await problems(file, code), []);
    });
  }
});

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../../src/server/storage/open-store.js';
import { temporaryFolder } from './import-helpers.js';

const commentCount = 50_000;
const threadCount = 500;
/** Each comment's text: long enough that the file is larger than the heap the import is given. */
const filler = 'A long comment that goes on, with <em>markup</em> &amp; entities. '.repeat(20);

/** Writes a Disqus export of `commentCount` comments, every other one a reply, without holding it in memory. */
async function writeLargeExport(file: string): Promise<void> {
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(
    '<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">\n',
  );
  for (let thread = 0; thread < threadCount; thread += 1) {
    await write(
      `<thread dsq:id="${thread}"><id>t${thread}</id><link>https://old.example/post/${thread}/</link><title>Post ${thread}</title></thread>\n`,
    );
  }
  for (let post = 0; post < commentCount; post += 1) {
    const parent = post % 2 === 1 ? `<parent dsq:id="p${post - 1}"/>` : '';
    const time = new Date(Date.UTC(2020, 0, 1) + post * 60_000).toISOString();
    await write(
      `<post dsq:id="p${post}"><message><![CDATA[<p>Comment ${post}. ${filler}</p>]]></message><createdAt>${time}</createdAt>` +
        `<isDeleted>false</isDeleted><isSpam>false</isSpam><author><email>reader${post % 977}@reader.example</email>` +
        `<name>Reader ${post % 977}</name></author><ipAddress>203.0.113.${post % 250}</ipAddress>` +
        `<thread dsq:id="${Math.floor(post / 2) % threadCount}"/>${parent}</post>\n`,
    );
  }
  await write('</disqus>\n');
  out.end();
  await once(out, 'finish');
}

const importCommandModule = fileURLToPath(
  new URL('../../../src/server/node/import-command.js', import.meta.url),
);

/** Runs the import in a Node process whose heap may not grow past `heapMb`; resolves with its exit code and output. */
function importWithBoundedHeap(file: string, database: string, heapMb: number) {
  const script = `
    const { importCommand } = await import(${JSON.stringify(importCommandModule)});
    const io = { stdout: process.stdout, stderr: process.stderr, env: {} };
    process.exitCode = await importCommand(['disqus', ${JSON.stringify(file)}, '--database', ${JSON.stringify(database)}], io);
  `;
  const child = spawn(process.execPath, [
    `--max-old-space-size=${heapMb}`,
    '--input-type=module',
    '-e',
    script,
  ]);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
}

describe('natter import streams its file', () => {
  let folder: string;
  let cleanup: () => Promise<void>;
  let file: string;
  before(async () => {
    ({ folder, cleanup } = await temporaryFolder());
    file = join(folder, 'large.xml');
    await writeLargeExport(file);
  });
  after(() => cleanup());

  it(`imports ${commentCount.toLocaleString('en')} comments from a file larger than its 64 MB heap`, async () => {
    assert.ok((await stat(file)).size > 64 * 1024 * 1024, 'the file is larger than the heap');
    const database = join(folder, 'large.db');
    const result = await importWithBoundedHeap(file, database, 64);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      new RegExp(
        `comments {4}${commentCount.toLocaleString('en')} new \\(${commentCount.toLocaleString('en')} published\\)`,
      ),
    );
    assert.match(result.stdout, new RegExp(`threads {5}${threadCount}\\n`));
    assert.match(result.stderr, /import: 50% read/);
    const store = await openStore(database);
    try {
      const counts = await store.countListed(['/post/0', `/post/${threadCount - 1}`]);
      assert.deepEqual(counts, {
        '/post/0': commentCount / threadCount,
        [`/post/${threadCount - 1}`]: commentCount / threadCount,
      });
      const page = await store.listPage({ thread: '/post/7', sort: 'oldest', limit: 2 });
      assert.equal(page.comments[1]?.parent, page.comments[0]?.id);
    } finally {
      await store.close();
    }
  });
});

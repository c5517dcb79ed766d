import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import BetterSqlite3 from 'better-sqlite3';
import type { IssoDatabase, IssoRow } from '../import/isso-reader.js';
import { runImport, type ImportJob } from '../import/run-import.js';
import { SourceError, type SourceReader } from '../import/source-records.js';
import { XmlDecoding } from '../import/text-decoding.js';
import { parseUrlMappings, UrlMappingError, type UrlMapping } from '../import/thread-keys.js';
import { ImportFailure, type ImportModule, type ImportOptions, type ImportRun } from './import-format.js';

// The Node side of the importers of other systems' exports (src/server/import/): opening the file (streamed, a
// gzip-compressed one unpacked on the way) or Isso's database (read-only), and the options they share.

const options: ImportOptions = { 'map-url': { type: 'string', multiple: true } };

/** What every format's help says of the options and of what an import does. */
const common = `Options:
  --map-url 'OLD→NEW'  rewrite the start of the pages' URLs before they become thread keys (the path of
                       the URL); repeatable, the longest OLD that matches wins. For example
                       --map-url 'https://old.example/blog/→/' puts https://old.example/blog/a-post on /a-post.
                       '->' does as '→'.
  --database           the store to import into: a SQLite file path or a postgres:// URL (or NATTER_DATABASE,
                       or --config)
  --help               this text

Authors' names, e-mail addresses (private, as always), websites and addresses, times, replies and moderation
states (spam stays spam, pending stays pending) come along; HTML becomes plain text, links as "text (URL)".
Importing the same file again adds nothing. Prints progress on stderr and a summary on stdout: exits 0 when the
file was read to its end, 1 when it broke off (what came before is stored). docs/migrating.md says more.
`;

/** The `--map-url` values of a run, parsed; a bad one is the person's to mend. */
function mappingsOf(run: ImportRun): UrlMapping[] {
  const values = run.options['map-url'];
  const list = (Array.isArray(values) ? values : values === undefined ? [] : [values]).map(String);
  try {
    return parseUrlMappings(list);
  } catch (error) {
    if (error instanceof UrlMappingError) throw new ImportFailure(error.message);
    throw error;
  }
}

/** Runs an import, turning a file that is not the format at all into the dispatcher's one-line failure. */
async function importing(job: Omit<ImportJob, 'stdout' | 'stderr' | 'mappings' | 'store'>, run: ImportRun) {
  try {
    return await runImport({
      ...job,
      mappings: mappingsOf(run),
      store: run.store,
      stdout: run.io.stdout,
      stderr: run.io.stderr,
    });
  } catch (error) {
    if (error instanceof SourceError) throw new ImportFailure(error.message);
    throw error;
  }
}

/** Whether the file starts as gzip does. */
async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** The bytes of a file, streamed (unpacked when gzip-compressed), and how many of the file's have been read. */
async function fileBytes(
  file: string,
): Promise<{ bytes: AsyncIterable<Uint8Array>; total: number; position: () => number }> {
  const { size } = await stat(file);
  let read = 0;
  async function* counted() {
    for await (const chunk of createReadStream(file, {
      highWaterMark: 256 * 1024,
    }) as AsyncIterable<Buffer>) {
      read += chunk.length;
      yield chunk;
    }
  }
  if (!(await isGzip(file))) return { bytes: counted(), total: size, position: () => read };
  async function* unpacked() {
    try {
      yield* Readable.from(counted()).pipe(createGunzip()) as AsyncIterable<Buffer>;
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (!code.startsWith('Z_')) throw error;
      throw new SourceError(`the gzip file is broken: ${(error as Error).message}`);
    }
  }
  return { bytes: unpacked(), total: size, position: () => read };
}

/** An import of an XML export, with the reader of its format. */
async function importXml(
  run: ImportRun,
  format: string,
  source: string,
  read: (text: AsyncIterable<string>) => SourceReader,
  text?: ImportJob['text'],
) {
  const { bytes, total, position } = await fileBytes(run.file);
  const decoding = new XmlDecoding();
  const job = { format, source, file: run.file, total, position, notes: () => decoding.notes };
  return importing({ ...job, records: read(decoding.decode(bytes)), ...(text && { text }) }, run);
}

/** `natter import disqus`. */
export const disqus: ImportModule = {
  usage: `Usage: natter import disqus FILE.xml [options]

Imports a Disqus export (Disqus admin → Moderation → Export: an e-mailed link to a gzip-compressed XML file, which
natter reads as it is or unpacked). Each thread's link becomes its thread key. Links in comments that Disqus sends
through disq.us are written as the links their authors wrote.

${common}`,
  options,
  async importFile(run) {
    const { readDisqus, unwrapDisqusLink } = await import('../import/disqus-reader.js');
    return importXml(run, 'disqus', 'Disqus', readDisqus, { rewriteHref: unwrapDisqusLink });
  },
};

/** `natter import wordpress`. */
export const wordpress: ImportModule = {
  usage: `Usage: natter import wordpress FILE.xml [options]

Imports a WordPress export (Tools → Export → All content: a WXR file). Each post's or page's link becomes its thread
key. Pingbacks and Trackbacks (and the Webmention plugin's mentions) become references, as they were: published,
pending, spam or deleted, without being verified again. Comments in the trash are deleted, and may be restored.

${common}`,
  options,
  async importFile(run) {
    const { readWordPress } = await import('../import/wordpress-reader.js');
    return importXml(run, 'wordpress', 'WordPress', readWordPress);
  },
};

/** `natter import remark42`. */
export const remark42: ImportModule = {
  usage: `Usage: natter import remark42 FILE [options]

Imports a Remark42 backup (remark42 backup, or the admin's export: a gzip-compressed file of JSON lines, which
natter reads as it is or unpacked). Each comment's locator URL becomes its thread key.

${common}`,
  options,
  async importFile(run) {
    const [{ readRemark42 }, { linesOf }] = await Promise.all([
      import('../import/remark42-reader.js'),
      import('../import/text-decoding.js'),
    ]);
    const { bytes, total, position } = await fileBytes(run.file);
    const job = { format: 'remark42', source: 'Remark42', file: run.file, total, position };
    return importing({ ...job, records: readRemark42(linesOf(bytes)) }, run);
  },
};

/** Isso's comments, read from its database without writing to it, parents first. */
function openIsso(file: string): {
  database: IssoDatabase;
  total: number;
  position: () => number;
  close(): void;
} {
  let connection: BetterSqlite3.Database;
  try {
    connection = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const tables = connection
      .prepare(`select name from sqlite_master where type = 'table' and name in ('comments', 'threads')`)
      .all();
    if (tables.length !== 2)
      throw new SourceError('this is not an Isso database: it has no comments and threads tables');
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw new SourceError(`this is not an Isso database: ${(error as Error).message}`);
  }
  const hasPreferences = connection
    .prepare(`select 1 from sqlite_master where type = 'table' and name = 'preferences'`)
    .get();
  const key = hasPreferences
    ? (connection.prepare(`select value from preferences where key = 'session-key'`).get() as
        { value?: unknown } | undefined)
    : undefined;
  const { count } = connection.prepare('select count(*) as count from comments').get() as { count: number };
  let read = 0;
  // Text as bytes: Isso writes what it was given, and an old database may hold what is not UTF-8.
  const select = connection.prepare(`
    select c.id, c.parent, c.created, coalesce(c.mode, 1) as mode, cast(t.uri as blob) as uri,
      cast(c.remote_addr as blob) as remoteAddr, cast(c.text as blob) as text, cast(c.author as blob) as author,
      cast(c.email as blob) as email, cast(c.website as blob) as website
    from comments c left join threads t on t.id = c.tid
    order by c.id`);
  function* rows(): Generator<IssoRow> {
    for (const row of select.iterate() as Iterable<IssoRow>) {
      read += 1;
      yield row;
    }
  }
  return {
    database: { scope: typeof key?.value === 'string' ? key.value : '', rows: rows() },
    total: count,
    position: () => read,
    close: () => connection.close(),
  };
}

/** `natter import isso`. */
export const isso: ImportModule = {
  usage: `Usage: natter import isso FILE.db [options]

Imports an Isso database (the SQLite file of Isso's dbpath setting), read without writing to it: a copy of it, or
the file itself while Isso runs. Each thread's uri becomes its thread key (a path stays a path; a data-isso-id
stays as it is). Comments awaiting moderation stay pending; deleted comments Isso still shows for their replies
stay as placeholders.

${common}`,
  options,
  async importFile(run) {
    const { readIsso } = await import('../import/isso-reader.js');
    let opened;
    try {
      opened = openIsso(run.file);
    } catch (error) {
      if (error instanceof SourceError) throw new ImportFailure(error.message);
      throw error;
    }
    try {
      const { database, total, position } = opened;
      return await importing(
        { format: 'isso', source: 'Isso', file: run.file, total, position, records: readIsso(database) },
        run,
      );
    } finally {
      opened.close();
    }
  },
};

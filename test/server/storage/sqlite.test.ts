import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { StoreUnavailableError } from '../../../src/server/storage/errors.js';
import { openSqliteStore } from '../../../src/server/storage/sqlite/open-sqlite.js';
import { sqliteBackend } from './backends.js';
import { runImportStoreTests } from './import-suite.js';
import { runMentionStoreTests } from './mention-suite.js';
import { runOpeningTests, runStoreTests } from './store-suite.js';
import { runSubscriptionStoreTests } from './subscription-suite.js';

runStoreTests('SQLite store', sqliteBackend.makeStore);

runMentionStoreTests('SQLite store', sqliteBackend.makeStore);
runImportStoreTests('SQLite store', sqliteBackend.makeStore);
runSubscriptionStoreTests('SQLite store', sqliteBackend.makeStore);
runOpeningTests('SQLite store: opening a file', sqliteBackend.makeDatabase);

const openSqliteModule = fileURLToPath(
  new URL('../../../src/server/storage/sqlite/open-sqlite.js', import.meta.url),
);

/**
 * A separate Node process that opens `file` when told "go" on its stdin, so that two of them open it at the
 * same moment; it then records one comment and closes the store.
 */
function startServerProcess(file: string, commentId: string) {
  const script = `
    import { once } from 'node:events';
    const { openSqliteStore } = await import(${JSON.stringify(openSqliteModule)});
    process.stdout.write('ready\\n');
    await once(process.stdin, 'data');
    const store = await openSqliteStore(${JSON.stringify(file)});
    const createdAt = new Date().toISOString();
    await store.insertComment({
      id: ${JSON.stringify(commentId)}, thread: '/two-servers', parent: null, authorName: 'Ada',
      authorEmail: null, authorUrl: null, text: 'Hello', status: 'published', createdAt,
      secretHash: 'x'.repeat(43), editableUntil: createdAt,
    });
    await store.close();
    process.exit(0);
  `;
  const child = spawn(process.execPath, ['--input-type=module', '--eval', script], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', () => reject(new Error(`exited before opening the store:\n${stderr}`)));
  });
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stderr })),
  );
  return { ready, exited, go: () => child.stdin.end('go\n'), kill: () => child.kill() };
}

describe('SQLite file', () => {
  let folder: string;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'natter-sqlite-'));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('creates the folders of a new file', async () => {
    const file = join(folder, 'data', 'natter', 'comments.db');
    const store = await openSqliteStore(file);
    await store.close();
    assert.ok(existsSync(file));
  });

  it('releases the file on close, leaving no write-ahead log behind', async () => {
    const file = join(folder, 'natter.db');
    const store = await openSqliteStore(file);
    await store.setThreadLocked('/closed', true);

    // While the store has it open, another program cannot take the file out of WAL mode.
    const meanwhile = new BetterSqlite3(file);
    meanwhile.pragma('busy_timeout = 0');
    assert.throws(() => meanwhile.pragma('journal_mode = DELETE'), /locked/);
    meanwhile.close();

    await store.close();
    assert.ok(!existsSync(`${file}-wal`));
    assert.ok(!existsSync(`${file}-shm`));
    const after = new BetterSqlite3(file);
    try {
      after.pragma('busy_timeout = 0');
      assert.equal(after.pragma('journal_mode = DELETE', { simple: true }), 'delete');
      assert.deepEqual(after.prepare('select key, locked from threads').all(), [
        { key: '/closed', locked: 1 },
      ]);
    } finally {
      after.close();
    }
  });

  it('lets two server processes open one fresh file at once', async () => {
    const database = await sqliteBackend.makeDatabase();
    const servers = [
      startServerProcess(database.location, 'aaaaaaaaaaaaaaaa'),
      startServerProcess(database.location, 'bbbbbbbbbbbbbbbb'),
    ];
    try {
      await Promise.all(servers.map((server) => server.ready));
      for (const server of servers) server.go();
      for (const { code, stderr } of await Promise.all(servers.map((server) => server.exited))) {
        assert.equal(code, 0, stderr);
      }
      const store = await database.open();
      try {
        assert.equal((await store.getThread('/two-servers')).listedCount, 2);
      } finally {
        await store.close();
      }
      const applied = await database.appliedMigrations();
      assert.deepEqual(applied, [...new Set(applied)]);
    } finally {
      for (const server of servers) server.kill();
      await database.cleanup();
    }
  });
});

describe('SQLite store: what it costs and when it is busy', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'natter-sqlite-'));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  /** A comment of one character, as the review's reply chain used. */
  const tiny = (id: string, parent: string | null, second: number) => {
    const createdAt = new Date(Date.UTC(2025, 5, 1) + second * 1000).toISOString();
    return {
      id,
      thread: '/chain',
      parent,
      authorName: 'A',
      authorEmail: null,
      authorUrl: null,
      text: 'x',
      status: 'published' as const,
      createdAt,
      secretHash: 'x'.repeat(43),
      editableUntil: createdAt,
    };
  };

  it('stores a chain of 1,000 replies in linear space, not in the square of its depth', async () => {
    const file = join(folder, 'chain.sqlite');
    const store = await openSqliteStore(file);
    try {
      let parent: string | null = null;
      for (let index = 0; index < 1_000; index++) {
        const id = `c${String(index).padStart(15, '0')}`;
        assert.equal(await store.insertComment(tiny(id, parent, index)), 'inserted');
        parent = id;
      }
      const page = await store.listPage({ thread: '/chain', sort: 'oldest', limit: 100 });
      assert.equal(page.comments[99]?.id, `c${String(99).padStart(15, '0')}`);
    } finally {
      await store.close();
    }
    // Before the depth cap this chain took 49 MB (every row held its whole ancestor path, twice with the index);
    // now about 1.4 MB, some 1.4 KB a reply.
    const database = new BetterSqlite3(file, { readonly: true });
    try {
      const { pages, pageSize } = database
        .prepare('select page_count as pages, page_size as pageSize from pragma_page_count, pragma_page_size')
        .get() as { pages: number; pageSize: number };
      const bytes = pages * pageSize;
      assert.ok(bytes < 2_000_000, `the database holds ${bytes} bytes`);
      const { longest } = database.prepare('select max(length(path)) as longest from comments').get() as {
        longest: number;
      };
      assert.ok(longest <= 10 * 42, `a path of ${longest} characters`);
    } finally {
      database.close();
    }
  });

  it('commits concurrent inserts together: one transaction and one fsync for many, not one each', async () => {
    const file = join(folder, 'grouped.sqlite');
    const store = await openSqliteStore(file);
    // Each commit appends the pages it changed to the write-ahead log, each page a frame of 24 bytes and the page:
    // a lone insert changes at least three (the comments' table and indexes, the thread's count).
    const frameBytes = 24 + 4096;
    const walBefore = statSync(`${file}-wal`).size;
    try {
      const inserts = Array.from({ length: 64 }, (_, index) =>
        store.insertComment(tiny(`g${String(index).padStart(15, '0')}`, null, index)),
      );
      assert.deepEqual(new Set(await Promise.all(inserts)), new Set(['inserted']));
      assert.equal((await store.getThread('/chain')).listedCount, 64);
      const frames = (statSync(`${file}-wal`).size - walBefore) / frameBytes;
      assert.ok(frames < 64, `64 inserts appended ${frames} frames to the write-ahead log`);
    } finally {
      await store.close();
    }
  });

  it('reports a database another process keeps locked as unavailable, not as a fault', async () => {
    const file = join(folder, 'busy.sqlite');
    const store = await openSqliteStore(file, { busyTimeoutMs: 50 });
    const other = new BetterSqlite3(file);
    try {
      other.exec('BEGIN EXCLUSIVE');
      await assert.rejects(store.insertComment(tiny('busy0000000000000', null, 0)), (error: Error) => {
        assert.ok(error instanceof StoreUnavailableError, String(error));
        assert.match(String((error.cause as { code?: string }).code), /^SQLITE_BUSY/);
        return true;
      });
      other.exec('ROLLBACK');
      assert.equal(await store.insertComment(tiny('busy0000000000000', null, 0)), 'inserted');
    } finally {
      other.close();
      await store.close();
    }
  });
});

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { openSqliteStore } from '../../../src/server/storage/sqlite/open-sqlite.js';
import { sqliteBackend } from './backends.js';
import { runOpeningTests, runStoreTests } from './store-suite.js';

runStoreTests('SQLite store', sqliteBackend.makeStore);
runOpeningTests('SQLite store: opening a file', sqliteBackend.makeDatabase);

const openSqliteModule = fileURLToPath(
  new URL('../../../src/server/storage/sqlite/open-sqlite.ts', import.meta.url),
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
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], {
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

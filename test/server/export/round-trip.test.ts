import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readExport } from '../../../src/server/export/read-export.js';
import { writeExport } from '../../../src/server/export/write-export.js';
import { ArchiveTargetNotEmptyError } from '../../../src/server/storage/archive.js';
import type { CommentStore } from '../../../src/server/storage/store.js';
import { backends, sqliteBackend, type Backend } from '../storage/backends.js';
import { at, fillStore } from './filled-store.js';

const meta = { natterVersion: '0.0.0-test', exportedAt: at(86_400) };

/** The export of `store`, as one string. */
async function exportOf(store: CommentStore): Promise<string> {
  let text = '';
  await writeExport(
    store,
    async (chunk) => {
      text += chunk;
    },
    meta,
  );
  return text;
}

/** The lines of `text`, as a file read line by line hands them over. */
async function* linesOf(text: string): AsyncGenerator<string> {
  yield* text.split('\n').slice(0, -1);
}

/** What readers and moderators see of a store: each thread, its pages in every order, queues and references. */
async function visibleState(store: CommentStore, threads: string[]) {
  const state: unknown[] = [await store.countQueues(), await store.mentions.countPending()];
  for (const thread of threads) {
    state.push(await store.getThread(thread));
    for (const sort of ['oldest', 'newest', 'liked', 'replied'] as const) {
      state.push(await store.listPage({ thread, sort, limit: 100 }));
    }
    state.push(await store.mentions.listPublished(thread, 100));
  }
  state.push(await store.findComments({ limit: 1000 }));
  return state;
}

/** The keys of the threads an export holds. */
function threadsOf(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('{"type":"thread"'))
    .map((line) => (JSON.parse(line) as { key: string }).key);
}

/** Runs `work` on a fresh store of `backend`, then throws the database away. */
async function withStore<T>(backend: Backend, work: (store: CommentStore) => Promise<T>): Promise<T> {
  const { store, cleanup } = await backend.makeStore();
  try {
    return await work(store);
  } finally {
    await cleanup();
  }
}

describe('natter export and import natter: the round trip', () => {
  for (const target of backends()) {
    it(`SQLite → JSON Lines → ${target.name} → JSON Lines gives the same lines, and the same site`, async () => {
      const { exported, state } = await withStore(sqliteBackend, async (store) => {
        await fillStore(store);
        const exported = await exportOf(store);
        return { exported, state: await visibleState(store, threadsOf(exported)) };
      });
      await withStore(target, async (store) => {
        await store.archive.restore(readExport(linesOf(exported)));
        const again = await exportOf(store);
        assert.equal(again, exported);
        assert.deepEqual(await visibleState(store, threadsOf(exported)), state);
      });
    });
  }

  for (const backend of backends()) {
    it(`gives back on ${backend.name} an export of more rows than one read takes, line for line`, async () => {
      // 1,234 comments: more than a PostgreSQL cursor's fetch of 500, with a partial last one.
      const lines = [
        {
          type: 'header',
          format: 'natter-export',
          version: 1,
          natter: meta.natterVersion,
          exportedAt: meta.exportedAt,
        },
        { type: 'thread', key: '/busy', createdAt: at(0), isLocked: false, moderation: null },
      ];
      for (let index = 0; index < 1234; index++) {
        lines.push({
          type: 'comment',
          id: `busy-${String(index).padStart(4, '0')}`,
          thread: '/busy',
          parent: index % 2 === 1 ? `busy-${String(index - 1).padStart(4, '0')}` : null,
          authorName: `Reader ${index}`,
          authorEmail: null,
          authorUrl: null,
          text: `Comment ${index}`,
          status: 'published',
          createdAt: at(index),
          editedAt: null,
          secretHash: '-',
          editableUntil: at(index),
          reason: null,
          authorIp: null,
          reportCount: 0,
          moderatedAt: null,
          isDeleted: false,
          likes: 0,
        } as never);
      }
      const counts = {
        setting: 0,
        rule: 0,
        thread: 1,
        comment: 1234,
        report: 0,
        subscription: 0,
        mention: 0,
      };
      lines.push({ type: 'end', counts } as never);
      const text = lines.map((line) => `${JSON.stringify(line)}\n`).join('');
      await withStore(backend, async (store) => {
        await store.archive.restore(readExport(linesOf(text)));
        assert.equal(await exportOf(store), text);
        assert.equal((await store.getThread('/busy')).listedCount, 1234);
      });
    });
  }

  it('exports every kind of record, and none of the running server’s rows', async () => {
    const exported = await withStore(sqliteBackend, async (store) => {
      await fillStore(store);
      return exportOf(store);
    });
    const lines = exported.split('\n').slice(0, -1);
    assert.deepEqual(JSON.parse(lines[0] ?? ''), {
      type: 'header',
      format: 'natter-export',
      version: 1,
      natter: '0.0.0-test',
      exportedAt: meta.exportedAt,
    });
    const types = lines.map((line) => (JSON.parse(line) as { type: string }).type);
    assert.deepEqual(
      [...new Set(types)],
      ['header', 'setting', 'rule', 'thread', 'comment', 'report', 'subscription', 'mention', 'end'],
    );
    const end = JSON.parse(lines.at(-1) ?? '') as { counts: Record<string, number> };
    assert.deepEqual(end.counts.setting, 6);
    assert.deepEqual(end.counts.mention, 7);
    assert.doesNotMatch(exported, /"session"|"csrf"|delivery-1|post-key-hash|post-key-fingerprint/);
    assert.match(exported, /Posted with an idempotency key/);
    // Private fields go with it: it is the site's whole data.
    assert.match(exported, /"authorEmail":"ada@example.com"/);
    assert.match(exported, /"authorIp":"203.0.113.7"/);
    assert.match(exported, /"secretHash":"/);
  });

  it('exports an empty store as a header and an end with nothing between', async () => {
    const exported = await withStore(sqliteBackend, exportOf);
    assert.equal(
      exported,
      `${JSON.stringify({ type: 'header', format: 'natter-export', version: 1, ...{ natter: meta.natterVersion, exportedAt: meta.exportedAt } })}\n` +
        `${JSON.stringify({ type: 'end', counts: { setting: 0, rule: 0, thread: 0, comment: 0, report: 0, subscription: 0, mention: 0 } })}\n`,
    );
    await withStore(sqliteBackend, async (store) => {
      await store.archive.restore(readExport(linesOf(exported)));
      assert.equal(await exportOf(store), exported);
    });
  });

  for (const backend of backends()) {
    it(`refuses to restore into a ${backend.name} store that holds a thread, and writes nothing`, async () => {
      const exported = await withStore(sqliteBackend, async (store) => {
        await fillStore(store);
        return exportOf(store);
      });
      await withStore(backend, async (store) => {
        await store.setThreadLocked('/already-here', true);
        assert.equal(await store.archive.isEmpty(), false);
        await assert.rejects(
          store.archive.restore(readExport(linesOf(exported))),
          ArchiveTargetNotEmptyError,
        );
        assert.equal(await store.settings.get('signing_key'), undefined);
      });
    });
  }

  it('takes a store whose server made its keys already, and replaces them with the site’s', async () => {
    const exported = await withStore(sqliteBackend, async (store) => {
      await fillStore(store);
      return exportOf(store);
    });
    await withStore(sqliteBackend, async (store) => {
      await store.settings.set('signing_key', 'made-by-a-first-start');
      assert.equal(await store.archive.isEmpty(), true);
      await store.archive.restore(readExport(linesOf(exported)));
      assert.equal(await store.settings.get('signing_key'), 'k'.repeat(43));
    });
  });
});

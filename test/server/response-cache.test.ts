import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Compression } from '../../src/server/compression.js';
import { zlibCompression } from '../../src/server/node/zlib-compression.js';
import { ResponseCache, type ResponseCacheOptions } from '../../src/server/response-cache.js';

const ttlMs = 2_000;

/** A cache with a long enough life for its answers, unless `options` say otherwise. */
const cacheWith = (options: Partial<ResponseCacheOptions> = {}) => new ResponseCache({ ttlMs, ...options });

/** A key as the counts route makes it. */
const countsKey = (threads: readonly string[]) => JSON.stringify(['counts', ...threads]);

/** A counts answer about `threads`, cached under its key at time 0. */
async function cacheCounts(cache: ResponseCache, threads: readonly string[], now = 0) {
  const body = JSON.stringify({ counts: Object.fromEntries(threads.map((thread) => [thread, 0])) });
  return cache.set(countsKey(threads), threads, body, now);
}

/** Asserts that the index lists exactly the keys of the answers held, under every thread they are about. */
function assertIndexMatches(cache: ResponseCache, expected: Record<string, string[]>) {
  const actual = Object.fromEntries(
    [...cache.indexedKeys()].map(([thread, keys]) => [thread, [...keys].sort()]),
  );
  const sorted = Object.fromEntries(Object.entries(expected).map(([thread, keys]) => [thread, keys.sort()]));
  assert.deepEqual(actual, sorted);
}

/** A deterministic pseudo-random sequence, so that a failing churn test fails the same way again. */
function randomSequence(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % below;
  };
}

describe('the response cache', () => {
  it('serves an answer until it expires, as the UTF-8 bytes of its body', async () => {
    const cache = cacheWith();
    const body = JSON.stringify({ counts: { '/café': 1 } });
    await cache.set('key', ['/café'], body, 1_000);
    const cached = cache.get('key', 1_000 + ttlMs - 1);
    assert.ok(cached);
    assert.equal(new TextDecoder().decode(cached.body), body);
    assert.equal(cached.body.byteLength, new TextEncoder().encode(body).byteLength);
    assert.equal(cache.get('key', 1_000 + ttlMs), undefined);
    assert.equal(cache.get('other', 1_000), undefined);
  });

  it('tags an answer with a strong ETag of its body: the same body, the same tag', async () => {
    const cache = cacheWith();
    const first = await cache.set('one', ['/a'], '{"n":1}', 0);
    const again = await cache.set('two', ['/b'], '{"n":1}', 0);
    const other = await cache.set('three', ['/c'], '{"n":2}', 0);
    assert.match(first.etag, /^"[\w-]{22}"$/);
    assert.equal(again.etag, first.etag);
    assert.notEqual(other.etag, first.etag);
  });

  it('forgets every answer about a written thread and leaves no key of them under any other thread', async () => {
    const cache = cacheWith();
    await cacheCounts(cache, ['/a', '/b']);
    await cacheCounts(cache, ['/a', '/c']);
    await cacheCounts(cache, ['/b']);
    assertIndexMatches(cache, {
      '/a': [countsKey(['/a', '/b']), countsKey(['/a', '/c'])],
      '/b': [countsKey(['/a', '/b']), countsKey(['/b'])],
      '/c': [countsKey(['/a', '/c'])],
    });

    cache.invalidate('/a');
    assert.equal(cache.get(countsKey(['/a', '/b']), 0), undefined);
    assert.equal(cache.get(countsKey(['/a', '/c']), 0), undefined);
    assert.ok(cache.get(countsKey(['/b']), 0));
    assertIndexMatches(cache, { '/b': [countsKey(['/b'])] });

    // What is left is charged exactly as if it had been the only answer ever cached.
    const alone = cacheWith();
    await cacheCounts(alone, ['/b']);
    assert.equal(cache.bytes, alone.bytes);
    cache.invalidate('/b');
    assert.equal(cache.size, 0);
    assert.equal(cache.bytes, 0);
    assertIndexMatches(cache, {});
  });

  it('keeps nothing of answers about a shared thread and a fresh one once the shared thread is written to', async () => {
    // The request pattern that once leaked: `counts?thread=a&thread=<new each time>`, `a` posted to now and then.
    const cache = cacheWith();
    for (let round = 0; round < 50; round++) {
      for (let request = 0; request < 100; request++)
        await cacheCounts(cache, ['a', `leak-${round}-${request}`]);
      assert.equal(cache.size, 100);
      cache.invalidate('a');
      assert.equal(cache.size, 0);
      assert.equal(cache.bytes, 0);
      assertIndexMatches(cache, {});
    }
  });

  it('counts a thread named twice in one request once', async () => {
    const cache = cacheWith();
    const threads = ['/a', '/a', '/b'];
    await cache.set(countsKey(threads), threads, '{}', 0);
    assertIndexMatches(cache, { '/a': [countsKey(threads)], '/b': [countsKey(threads)] });
    cache.invalidate('/a');
    assert.equal(cache.bytes, 0);
    assertIndexMatches(cache, {});
  });

  it('holds at most `maxEntries` answers, dropping the oldest first', async () => {
    const cache = cacheWith({ maxEntries: 3 });
    for (const thread of ['/1', '/2', '/3', '/4', '/5']) await cacheCounts(cache, ['/shared', thread]);
    assert.equal(cache.size, 3);
    for (const thread of ['/1', '/2']) assert.equal(cache.get(countsKey(['/shared', thread]), 0), undefined);
    for (const thread of ['/3', '/4', '/5']) assert.ok(cache.get(countsKey(['/shared', thread]), 0));
    const held = ['/3', '/4', '/5'].map((thread) => countsKey(['/shared', thread]));
    assertIndexMatches(cache, {
      '/shared': held,
      '/3': [held[0]!],
      '/4': [held[1]!],
      '/5': [held[2]!],
    });
  });

  it('counts a replaced answer as new: charged once, and the last to go', async () => {
    const cache = cacheWith({ maxEntries: 2 });
    await cacheCounts(cache, ['/old']);
    const once = cache.bytes;
    await cacheCounts(cache, ['/old']);
    assert.equal(cache.bytes, once);
    await cacheCounts(cache, ['/newer']);
    await cacheCounts(cache, ['/old']);
    await cacheCounts(cache, ['/newest']);
    assert.equal(cache.get(countsKey(['/newer']), 0), undefined);
    assert.ok(cache.get(countsKey(['/old']), 0));
    assert.ok(cache.get(countsKey(['/newest']), 0));
  });

  it('makes room by dropping expired answers first', async () => {
    const cache = cacheWith();
    await cacheCounts(cache, ['/early'], 0);
    await cacheCounts(cache, ['/later'], ttlMs / 2);
    await cacheCounts(cache, ['/late'], ttlMs + 1);
    assert.equal(cache.size, 2);
    assertIndexMatches(cache, { '/later': [countsKey(['/later'])], '/late': [countsKey(['/late'])] });
  });

  it('charges an answer for its body, its key and its threads, beyond a fixed overhead', async () => {
    const small = cacheWith();
    await small.set('k', ['/t'], 'x', 0);
    const larger = cacheWith();
    const body = 'é'.repeat(1_000);
    const thread = `/${'t'.repeat(499)}`;
    const key = 'k'.repeat(1_000);
    await larger.set(key, [thread], body, 0);
    assert.ok(larger.bytes - small.bytes >= 2_000 + 1_000 + 499, `charged ${larger.bytes - small.bytes}`);
    assert.ok(small.bytes >= 500, `an entry is charged ${small.bytes} bytes: less than it costs`);
  });

  it('sends an answer larger than the whole budget but does not keep it', async () => {
    const cache = cacheWith({ maxBytes: 10_000 });
    await cacheCounts(cache, ['/kept']);
    const body = 'x'.repeat(20_000);
    const cached = await cache.set('huge', ['/huge'], body, 0);
    assert.equal(cached.body.byteLength, 20_000);
    assert.equal(cache.size, 0);
    assert.equal(cache.bytes, 0);
    assertIndexMatches(cache, {});
  });

  it('stays within both bounds under churn, dropping the oldest answers and keeping an exact index', async () => {
    const maxEntries = 200;
    const maxBytes = 400_000;
    const cache = cacheWith({ maxEntries, maxBytes });
    const random = randomSequence(7);
    // What the cache would hold without bounds, oldest first: what it holds must be the newest of these.
    const unbounded = new Map<string, string[]>();
    const reached = { maxEntries: false, maxBytes: false };
    for (let request = 0; request < 4_000; request++) {
      // Small answers first, which fill the entries; then large ones, which fill the bytes.
      const isLarge = request >= 2_000;
      const threads = Array.from({ length: 1 + random(5) }, () =>
        random(3) === 0
          ? `/shared/${random(5)}`
          : `/fresh/${request}/${'x'.repeat(isLarge ? random(490) : random(10))}`,
      );
      const key = countsKey(threads);
      await cache.set(key, threads, 'y'.repeat(isLarge ? random(8_000) : random(100)), 0);
      unbounded.delete(key);
      unbounded.set(key, [...new Set(threads)]);
      if (random(20) === 0) {
        const written = `/shared/${random(5)}`;
        cache.invalidate(written);
        for (const [held, about] of unbounded) if (about.includes(written)) unbounded.delete(held);
      }
      assert.ok(cache.size <= maxEntries, `${cache.size} entries`);
      assert.ok(cache.bytes <= maxBytes, `${cache.bytes} bytes`);
      reached.maxEntries ||= cache.size === maxEntries;
      reached.maxBytes ||= cache.bytes > maxBytes - 20_000;

      if (request % 500 === 499) {
        const candidates = [...unbounded.keys()];
        const held = candidates.filter((candidate) => cache.get(candidate, 0));
        assert.ok(held.length > 10, `only ${held.length} answers held`);
        assert.deepEqual(held, candidates.slice(-held.length), 'an older answer outlived a newer one');
        const expected: Record<string, string[]> = {};
        for (const key of held) for (const thread of unbounded.get(key)!) (expected[thread] ??= []).push(key);
        assertIndexMatches(cache, expected);
      }
    }
    assert.deepEqual(reached, { maxEntries: true, maxBytes: true });

    // Nothing is left charged once every thread was written to.
    for (const thread of cache.indexedKeys().keys()) cache.invalidate(thread);
    assert.equal(cache.size, 0);
    assert.equal(cache.bytes, 0);
  });
});

describe('the response cache’s compressed answers', () => {
  /** A thread page's worth of JSON, well above the compression threshold. */
  const largeBody = JSON.stringify({
    comments: Array.from({ length: 40 }, (_, index) => ({
      id: `c${index}`,
      text: `Comment number ${index}.`,
    })),
  });

  /** zlib's brotli and gzip, counting the calls. */
  function countingCompression() {
    const calls: string[] = [];
    const compression: Compression = {
      codings: zlibCompression.codings,
      compress(bytes, coding) {
        calls.push(coding);
        return zlibCompression.compress(bytes, coding);
      },
    };
    return { compression, calls };
  }

  it('makes a coding only when it is first asked for, once, and none for a hit', async () => {
    const { compression, calls } = countingCompression();
    const cache = cacheWith({ compression });
    const cached = await cache.set('key', ['/t'], largeBody, 0);
    assert.deepEqual(calls, []);
    assert.deepEqual(Object.keys(cached.offered).sort(), ['br', 'gzip']);
    // Requests asking at once share one compression.
    const [br, again] = await Promise.all([cache.form(cached, 'br'), cache.form(cached, 'br')]);
    assert.equal(br, again);
    assert.deepEqual(calls, ['br']);
    for (let hit = 0; hit < 5; hit++) {
      assert.equal(cache.get('key', hit), cached);
      assert.equal(cache.form(cached, 'br'), br);
    }
    const gzip = await cache.form(cached, 'gzip');
    assert.deepEqual(calls, ['br', 'gzip']);
    assert.equal(brotliDecompressSync(br!.body).toString(), largeBody);
    assert.equal(gunzipSync(gzip!.body).toString(), largeBody);
    assert.equal(br!.etag, cached.etag.replace(/"$/, '-br"'));
    assert.equal(gzip!.etag, cached.etag.replace(/"$/, '-gzip"'));
  });

  it('offers no coding for answers under 1 KiB, and stops offering one that comes out no smaller', async () => {
    const { compression, calls } = countingCompression();
    const cache = cacheWith({ compression });
    const small = await cache.set('small', ['/t'], 'x'.repeat(1_023), 0);
    assert.deepEqual(small.offered, {});
    assert.equal(cache.form(small, 'br'), undefined);
    assert.equal(calls.length, 0);
    const atThreshold = await cache.set('1 KiB', ['/t'], 'x'.repeat(1_024), 0);
    assert.deepEqual(Object.keys(atThreshold.offered).sort(), ['br', 'gzip']);
    // A coding that comes out no smaller (brotli here, made to) is no longer offered, nor made again.
    const larger = countingCompression();
    const largerBrotli: Compression = {
      codings: ['br', 'gzip'],
      compress: async (bytes, coding) =>
        coding === 'br' ? new Uint8Array(bytes.byteLength) : larger.compression.compress(bytes, coding),
    };
    const otherCache = cacheWith({ compression: largerBrotli });
    const cached = await otherCache.set('k', ['/t'], largeBody, 0);
    assert.equal(await otherCache.form(cached, 'br'), undefined);
    assert.deepEqual(Object.keys(cached.offered), ['gzip']);
    assert.equal(otherCache.form(cached, 'br'), undefined);
    assert.ok(await otherCache.form(cached, 'gzip'));
  });

  it('asks again after a compression failed', async () => {
    let failures = 1;
    const failing: Compression = {
      codings: ['gzip'],
      compress: async (bytes, coding) => {
        if (failures-- > 0) throw new Error('zlib failed');
        return zlibCompression.compress(bytes, coding);
      },
    };
    const cache = cacheWith({ compression: failing });
    const cached = await cache.set('k', ['/t'], largeBody, 0);
    await assert.rejects(Promise.resolve(cache.form(cached, 'gzip')), /zlib failed/);
    assert.equal(gunzipSync((await cache.form(cached, 'gzip'))!.body).toString(), largeBody);
  });

  it('charges the compressed forms to the byte budget as they are made, so that they count towards eviction', async () => {
    const plain = cacheWith();
    const compressed = cacheWith({ compression: zlibCompression });
    const cached = await compressed.set('k', ['/t'], largeBody, 0);
    await plain.set('k', ['/t'], largeBody, 0);
    assert.equal(compressed.bytes, plain.bytes);
    const formBytes =
      (await compressed.form(cached, 'br'))!.body.byteLength +
      (await compressed.form(cached, 'gzip'))!.body.byteLength;
    assert.ok(
      compressed.bytes - plain.bytes >= formBytes,
      `the forms (${formBytes} bytes) were charged ${compressed.bytes - plain.bytes}`,
    );
    compressed.invalidate('/t');
    assert.equal(compressed.bytes, 0);

    // A budget that holds five plain answers holds fewer with their forms.
    const maxBytes = plain.bytes * 5 + 100;
    const plainBounded = cacheWith({ maxBytes });
    const compressedBounded = cacheWith({ maxBytes, compression: zlibCompression });
    for (let index = 0; index < 10; index++) {
      await plainBounded.set(`k${index}`, [`/t${index}`], largeBody, 0);
      const answer = await compressedBounded.set(`k${index}`, [`/t${index}`], largeBody, 0);
      await compressedBounded.form(answer, 'br');
      await compressedBounded.form(answer, 'gzip');
      assert.ok(compressedBounded.bytes <= maxBytes);
    }
    assert.equal(plainBounded.size, 5);
    assert.ok(compressedBounded.size < 5, `${compressedBounded.size} answers held`);

    // A form made for an answer no longer held is sent, and charged to nothing.
    const dropped = await compressedBounded.set('dropped', ['/gone'], largeBody, 0);
    compressedBounded.invalidate('/gone');
    const before = compressedBounded.bytes;
    assert.equal(gunzipSync((await compressedBounded.form(dropped, 'gzip'))!.body).toString(), largeBody);
    assert.equal(compressedBounded.bytes, before);
  });

  it('keeps each compressed form in a buffer of its own size, whatever the runtime hands back', async () => {
    // A view of a far larger buffer, as Node's zlib returns: kept as it is, it would hold 64 KiB uncharged.
    const viewing: Compression = {
      codings: ['gzip'],
      async compress(bytes) {
        const result = await zlibCompression.compress(bytes, 'gzip');
        const buffer = new Uint8Array(65_536);
        buffer.set(result, 100);
        return buffer.subarray(100, 100 + result.byteLength);
      },
    };
    const cache = cacheWith({ compression: viewing });
    const gzip = (await cache.form(await cache.set('k', ['/t'], largeBody, 0), 'gzip'))!.body;
    assert.equal(gzip.buffer.byteLength, gzip.byteLength);
    assert.equal(gunzipSync(gzip).toString(), largeBody);
  });
});

describe('the response cache’s answers made while others ask for them', () => {
  /** A `make` that counts its calls and resolves with `body` about `/t` when `release` is called. */
  function gatedMake(body = '{"n":1}') {
    const maker = { calls: 0, release: () => {} };
    const gate = new Promise<void>((resolve) => (maker.release = resolve));
    const make = async () => {
      maker.calls += 1;
      await gate;
      return { threads: ['/t'], body };
    };
    return { maker, make };
  }

  it('makes an answer once for every request that asks while it is being made', async () => {
    const cache = cacheWith();
    const { maker, make } = gatedMake();
    const answers = Array.from({ length: 100 }, () => cache.fill('key', () => 0, make));
    maker.release();
    const filled = await Promise.all(answers);
    assert.equal(maker.calls, 1);
    assert.ok(filled.every((answer) => answer === filled[0]));
    assert.equal(cache.get('key', 0), filled[0]);
    // Made and cached, it is a hit; expired, it is made again.
    await cache.fill('key', () => 0, make);
    await cache.fill('key', () => ttlMs, make);
    assert.equal(maker.calls, 2);
  });

  it('makes an answer again for what asks after a write, and for what asks after a failure', async () => {
    const cache = cacheWith();
    const before = gatedMake('{"n":1}');
    const begun = cache.fill('key', () => 0, before.make);
    cache.invalidate('/other');
    const after = gatedMake('{"n":2}');
    const asked = cache.fill('key', () => 0, after.make);
    before.maker.release();
    after.maker.release();
    assert.equal(new TextDecoder().decode((await begun).body), '{"n":1}');
    assert.equal(new TextDecoder().decode((await asked).body), '{"n":2}');
    assert.equal(after.maker.calls, 1);

    const failing = async () => {
      throw new Error('the store is down');
    };
    const failed = [cache.fill('failing', () => 0, failing), cache.fill('failing', () => 0, failing)];
    for (const answer of failed) await assert.rejects(answer, /the store is down/);
    const recovered = await cache.fill(
      'failing',
      () => 0,
      async () => ({ threads: [], body: '{}' }),
    );
    assert.equal(new TextDecoder().decode(recovered.body), '{}');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HttpError } from '../../src/server/http-error.js';
import { createRateLimiter, type RateLimiterOptions } from '../../src/server/rate-limiter.js';
import { StoreUnavailableError } from '../../src/server/storage/errors.js';
import type { RateCounter } from '../../src/server/storage/rate-counts.js';

/** The counts of `rate_counts`, in memory, with what was asked of them. */
class CountsInMemory implements RateCounter {
  readonly counts = new Map<string, number>();
  hits = 0;
  prunes: number[] = [];

  async hit(key: string, window: number) {
    this.hits += 1;
    const id = `${key}@${window}`;
    this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
    return { current: this.counts.get(id) ?? 0, previous: this.counts.get(`${key}@${window - 1}`) ?? 0 };
  }

  async prune(window: number) {
    this.prunes.push(window);
    let pruned = 0;
    for (const id of this.counts.keys()) {
      if (Number(id.split('@')[1]) < window) {
        this.counts.delete(id);
        pruned += 1;
      }
    }
    return pruned;
  }
}

/** A limiter on `counter` whose clock starts 30 s into a minute and moves when told. */
function limiterOn(counter: RateCounter, options: Partial<RateLimiterOptions> = {}) {
  let time = 1_000 * 60_000 + 30_000;
  const limiter = createRateLimiter({ counter, perMinute: 3, now: () => time, ...options });
  return {
    limiter,
    advance: (ms: number) => {
      time += ms;
    },
  };
}

/** The seconds of `Retry-After` that `take` was refused with, or `undefined` when it was let through. */
async function refusal(take: Promise<void>): Promise<number | undefined> {
  try {
    await take;
    return undefined;
  } catch (error) {
    assert.ok(error instanceof HttpError && error.code === 'rate_limited', String(error));
    return Number(error.headers['Retry-After']);
  }
}

describe('createRateLimiter', () => {
  it('lets perMinute writes through and refuses the next, telling how long to wait', async () => {
    const { limiter } = limiterOn(new CountsInMemory());
    for (let write = 0; write < 3; write += 1) assert.equal(await refusal(limiter.take('a')), undefined);
    const wait = await refusal(limiter.take('a'));
    assert.ok(wait !== undefined && wait >= 1 && wait <= 120, `Retry-After: ${wait}`);
    assert.equal(await refusal(limiter.take('b')), undefined, 'another key has its own count');
  });

  it('tells a wait after which the next write is let in, and not a second sooner', async () => {
    for (const perMinute of [1, 2, 3, 10]) {
      for (const offset of [0, 15_000, 59_000]) {
        const { limiter, advance } = limiterOn(new CountsInMemory(), { perMinute });
        advance(offset);
        for (let write = 0; write < perMinute; write += 1) await limiter.take('a');
        const wait = await refusal(limiter.take('a'));
        assert.ok(wait !== undefined, `perMinute ${perMinute}`);
        advance(wait * 1000 - 1_000);
        assert.notEqual(
          await refusal(limiter.take('a')),
          undefined,
          `a second early, perMinute ${perMinute}`,
        );
        advance(1_000);
        assert.equal(
          await refusal(limiter.take('a')),
          undefined,
          `on time, perMinute ${perMinute} +${offset}`,
        );
      }
    }
  });

  it('weights the previous minute by how much of it the last 60 seconds still cover', async () => {
    const { limiter, advance } = limiterOn(new CountsInMemory(), { perMinute: 4 });
    for (let write = 0; write < 4; write += 1) await limiter.take('a');
    // 40 s into the next minute, a third of the 4 still counts: 1.33 + 2 new ones fit, a third does not.
    advance(70_000);
    assert.equal(await refusal(limiter.take('a')), undefined);
    assert.equal(await refusal(limiter.take('a')), undefined);
    assert.notEqual(await refusal(limiter.take('a')), undefined);
  });

  it('answers a client it refused from memory until it may write again: hammering costs no query', async () => {
    const counter = new CountsInMemory();
    const { limiter, advance } = limiterOn(counter);
    for (let write = 0; write < 3; write += 1) await limiter.take('a');
    const wait = await refusal(limiter.take('a'));
    const hits = counter.hits;
    for (let attempt = 0; attempt < 1_000; attempt += 1) {
      assert.ok((await refusal(limiter.take('a'))) !== undefined);
    }
    assert.equal(counter.hits, hits);
    advance(wait! * 1000);
    assert.equal(await refusal(limiter.take('a')), undefined);
  });

  it('remembers at most maxRemembered refused clients; the others are asked about in the store', async () => {
    const counter = new CountsInMemory();
    const { limiter } = limiterOn(counter, { perMinute: 1, maxRemembered: 10 });
    for (let client = 0; client < 100; client += 1) {
      await limiter.take(`client-${client}`);
      assert.ok((await refusal(limiter.take(`client-${client}`))) !== undefined);
    }
    const hits = counter.hits;
    for (let client = 0; client < 100; client += 1) {
      assert.ok((await refusal(limiter.take(`client-${client}`))) !== undefined, `client-${client}`);
    }
    // The 10 remembered cost nothing; the other 90 one query each, and are refused all the same.
    assert.equal(counter.hits - hits, 90);
  });

  it('forgets minutes before the previous one when a new minute begins, so the counts stay bounded', async () => {
    const counter = new CountsInMemory();
    const { limiter, advance } = limiterOn(counter, { perMinute: 1 });
    for (let minute = 0; minute < 5; minute += 1) {
      for (let client = 0; client < 1_000; client += 1) await refusal(limiter.take(`${minute}-${client}`));
      assert.ok(counter.counts.size <= 2_000, `${counter.counts.size} counts in minute ${minute}`);
      advance(60_000);
    }
    assert.equal(counter.prunes.length, 5, 'once per minute');
  });

  it('fails with the store, rather than letting writes through uncounted', async () => {
    const broken: RateCounter = {
      hit: () => Promise.reject(new StoreUnavailableError(new Error('down'))),
      prune: () => Promise.reject(new StoreUnavailableError(new Error('down'))),
    };
    const { limiter } = limiterOn(broken);
    await assert.rejects(limiter.take('a'), StoreUnavailableError);
  });
});

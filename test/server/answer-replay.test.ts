import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AnswerReplay, replayKey, type ReplayedAnswer } from '../../src/server/answer-replay.js';
import { ResponseCache } from '../../src/server/response-cache.js';

/** An answer of `bodyBytes` bytes, current while `current()` says so. */
const anAnswer = (bodyBytes = 10, current = () => true): ReplayedAnswer => ({
  status: 200,
  headers: ['content-type', 'application/json'],
  body: new Uint8Array(bodyBytes),
  isCurrent: current,
});

const headersOf =
  (headers: Record<string, string>) =>
  (name: string): string | undefined =>
    headers[name];

describe('replayKey', () => {
  it('tells apart every header an answer depends on, and no other', () => {
    const base = { host: 'comments.example', 'accept-encoding': 'br' };
    const key = replayKey('/api/v1/counts?thread=a', headersOf(base));
    for (const [name, value] of [
      ['host', 'other.example'],
      ['origin', 'https://blog.example'],
      ['accept-encoding', 'gzip'],
      ['x-forwarded-proto', 'https'],
      ['x-forwarded-host', 'comments.example'],
    ]) {
      assert.notEqual(replayKey('/api/v1/counts?thread=a', headersOf({ ...base, [name]: value })), key, name);
    }
    assert.notEqual(replayKey('/api/v1/counts?thread=b', headersOf(base)), key);
    assert.equal(
      replayKey('/api/v1/counts?thread=a', headersOf({ ...base, 'user-agent': 'x', cookie: 'a=b' })),
      key,
    );
  });

  it('leaves a conditional request to the app', () => {
    assert.equal(replayKey('/api/v1/counts', headersOf({ 'if-none-match': '"abc"' })), undefined);
  });
});

describe('AnswerReplay', () => {
  it('gives back an answer while it is current, and drops it once it is not', () => {
    let isCurrent = true;
    const replay = new AnswerReplay();
    replay.set(
      'a',
      anAnswer(10, () => isCurrent),
    );
    assert.ok(replay.get('a', 0));
    isCurrent = false;
    assert.equal(replay.get('a', 0), undefined);
    assert.equal(replay.size, 0);
    assert.equal(replay.bytes, 0);
  });

  it('follows the response cache: an answer whose entry expired, was invalidated or cleared is not replayed', async () => {
    const cache = new ResponseCache({ ttlMs: 1_000 });
    const replay = new AnswerReplay();
    const keep = async (key: string, thread: string) => {
      const cached = await cache.set(key, [thread], '{}', 0);
      replay.set(key, { ...anAnswer(), isCurrent: (now) => cache.isCurrent(cached, now) });
    };
    await keep('a', '/a');
    await keep('b', '/b');
    assert.ok(replay.get('a', 999));
    assert.equal(replay.get('a', 1_000), undefined, 'expired');
    await keep('a', '/a');
    cache.invalidate('/a');
    assert.equal(replay.get('a', 0), undefined, 'invalidated');
    assert.ok(replay.get('b', 0));
    cache.clear();
    assert.equal(replay.get('b', 0), undefined, 'cleared');
    await keep('c', '/c');
    await cache.set('c', ['/c'], '{"new":1}', 0);
    assert.equal(replay.get('c', 0), undefined, 'replaced');
  });

  it('holds at most maxEntries answers, however many keys strangers make, the oldest going first', () => {
    const replay = new AnswerReplay({ maxEntries: 100 });
    for (let index = 0; index < 50_000; index += 1) replay.set(`origin ${index}`, anAnswer());
    assert.equal(replay.size, 100);
    assert.equal(replay.get('origin 49899', 0), undefined);
    assert.ok(replay.get('origin 49900', 0));
  });

  it('holds at most maxBytes of answers, counting bodies, keys and headers', () => {
    const maxBytes = 1024 * 1024;
    const replay = new AnswerReplay({ maxBytes });
    for (let index = 0; index < 5_000; index += 1) {
      replay.set(`${'k'.repeat(index % 2 === 0 ? 8_000 : 10)} ${index}`, anAnswer(20_000));
      assert.ok(replay.bytes <= maxBytes, `${replay.bytes} B after ${index + 1} answers`);
    }
    assert.ok(replay.size > 10 && replay.size < 60, `${replay.size} answers`);
  });

  it('charges an answer once when it is kept again under the same key', () => {
    const replay = new AnswerReplay();
    replay.set('a', anAnswer(100));
    const bytes = replay.bytes;
    for (let index = 0; index < 10; index += 1) replay.set('a', anAnswer(100));
    assert.equal(replay.bytes, bytes);
    assert.equal(replay.size, 1);
  });
});

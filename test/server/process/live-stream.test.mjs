// Live updates across processes: two `natter serve` instances on one PostgreSQL database; a comment posted through
// one reaches a stream opened on the other (LISTEN/NOTIFY), and stopping a server ends its open streams at once.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { startServer, withTimeout } from '../../e2e/server-process.mjs';
import { freshSchema, postgresSkip as skip } from './postgres-schema.mjs';
import { postComment } from './protocol-calls.mjs';

/** The events of a `text/event-stream` body, one block at a time. */
async function* eventsOf(body) {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
      const fields = {};
      for (const line of buffer.slice(0, end).split('\n')) {
        const colon = line.indexOf(':');
        if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).replace(/^ /, '');
      }
      buffer = buffer.slice(end + 2);
      yield fields;
    }
  }
}

/** The next `comment` event's comment and id. */
async function nextComment(events) {
  for (;;) {
    const { value, done } = await events.next();
    assert.ok(!done, 'the stream ended before a comment came');
    if (value.event === 'comment') return { comment: JSON.parse(value.data).comment, id: value.id };
  }
}

test(
  'a comment posted through one instance reaches the stream of another',
  { skip, timeout: 60_000 },
  async (t) => {
    const database = await freshSchema();
    after(() => database.drop());
    const [first, second] = await Promise.all([
      startServer({ database: database.url, t }),
      startServer({ database: database.url, t }),
    ]);
    const thread = '/live/two-instances';
    const listing = await (
      await fetch(new URL(`api/v1/comments?thread=${encodeURIComponent(thread)}`, second.url))
    ).json();
    assert.equal(listing.thread.stream, `${second.url}api/v1/stream?thread=${encodeURIComponent(thread)}`);

    const stream = await fetch(listing.thread.stream);
    assert.equal(stream.status, 200);
    const events = eventsOf(stream.body);
    assert.equal((await events.next()).value.retry, '5000');

    for (const [index, server] of [first, second, first].entries()) {
      const text = `post ${index + 1} through ${server.url}`;
      const posted = await (await postComment(server.url, { thread, text })).json();
      const { comment } = await withTimeout(nextComment(events), 5_000, `post ${index + 1} on the stream`);
      assert.equal(comment.id, posted.comment.id);
      assert.equal(comment.text, text);
    }

    // Stopping the server ends the stream: the process exits at once, and cleanly.
    const started = performance.now();
    assert.deepEqual(await second.stop('SIGTERM'), { code: 0, signal: null });
    assert.ok(performance.now() - started < 5_000, 'the open stream did not hold the server up');
    // The body ends or breaks off; either way within 5 s (a timeout fails the test, it is no end of the stream).
    const rest = await withTimeout(
      events.next().catch((error) => ({ error })),
      5_000,
      'the end of the stream',
    );
    assert.ok(rest.done || rest.error, 'the stream ended');
    assert.deepEqual(await first.stop('SIGTERM'), { code: 0, signal: null });
  },
);

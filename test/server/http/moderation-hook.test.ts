// The site owner's moderation hook, against a real HTTP server on a loopback port that checks every signature.
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { GetCommentResponse, PostCommentResponse } from '../../../src/protocol/types.js';
import type { AppOptions } from '../../../src/server/app.js';
import type { HookRequest } from '../../../src/server/moderation/hook.js';
import { createLogger } from '../../../src/server/logger.js';
import { createSourceFetcher } from '../../../src/server/node/source-fetcher.js';
import { withWebSite } from '../node/web-site.js';
import {
  answerWith,
  neverAnswer,
  useFakeService,
  type FakeAnswer,
  type ReceivedRequest,
} from './fake-service.js';
import { backends, newComment, patch, post, useFreshDatabase, type TestApp } from './helpers.js';

const secret = 'hook-secret-0123456789abcdef';

/**
 * What docs/moderation.md tells a hook to do: split `X-Natter-Signature` into `t` and `v1`, compute the HMAC-SHA256
 * of "<t>.<body>" and compare in constant time. (It also tells it to refuse old timestamps; the test clock is not
 * the wall clock, so the timestamp is checked on its own below.)
 */
function isSignedBy(key: string, request: ReceivedRequest): boolean {
  const header = String(request.headers['x-natter-signature'] ?? '');
  const { t, v1 } = Object.fromEntries(header.split(',').map((part) => part.split('='))) as Record<
    string,
    string
  >;
  if (!t || !v1) return false;
  const expected = createHmac('sha256', key).update(`${t}.${request.body}`).digest();
  const given = Buffer.from(v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** An answer of JSON. */
const answerJson = (value: unknown): FakeAnswer =>
  answerWith(200, JSON.stringify(value), { 'Content-Type': 'application/json' });

/** The verified mentions of the store, once there is one. */
async function waitForVerified(app: TestApp) {
  for (let tries = 0; tries < 200; tries += 1) {
    const verified = await app.store.mentions.find({ states: ['verified'], limit: 10 });
    if (verified.length > 0) return verified;
    await sleep(25);
  }
  throw new Error('no mention was verified');
}

describe('the moderation hook', () => {
  const [backend] = backends();
  const database = useFreshDatabase(backend!);
  const hook = useFakeService();

  after(() => {
    // Whatever a test made the hook answer, no request natter sent was ever signed wrongly.
    for (const request of hook().received) assert.ok(isSignedBy(secret, request), request.body);
  });

  function hookedApp(options: Partial<AppOptions> = {}) {
    const lines: string[] = [];
    const app = database().app({
      moderationHook: { url: `${hook().url}moderate?site=blog`, secret, timeoutMs: 400 },
      logger: createLogger('debug', (line) => lines.push(line)),
      ...options,
    });
    return { app, lines };
  }

  async function posted(app: TestApp, body: unknown, init = {}) {
    const answer = await post(app, body, init);
    assert.ok(answer.status === 201 || answer.status === 202, answer.text);
    const { comment, secret: authorSecret } = answer.body as PostCommentResponse;
    const stored = await app.store.getComment(comment.id);
    return {
      status: answer.status,
      id: comment.id,
      secret: authorSecret,
      standing: [stored?.status, stored?.reason],
    };
  }

  it('POSTs each new comment, signed and timestamped, with what the documentation promises', async () => {
    hook().answer = answerJson({ action: 'publish' });
    hook().received.length = 0;
    const { app } = hookedApp({ moderation: 'first-time' });
    const result = await posted(
      app,
      newComment({
        thread: '/p',
        name: 'Ada',
        email: 'ada@example.com',
        url: 'https://ada.example/',
        text: 'Hi',
      }),
      { clientAddress: '198.51.100.4' },
    );
    const [request] = hook().received;
    assert.ok(request);
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/moderate?site=blog');
    assert.match(request.headers['content-type'] ?? '', /^application\/json/);
    assert.equal(
      request.headers['x-natter-signature'],
      `t=${Math.floor(app.clock.now() / 1000)},v1=${String(request.headers['x-natter-signature']).slice(-64)}`,
    );
    assert.match(String(request.headers['x-natter-signature']), /^t=\d+,v1=[0-9a-f]{64}$/);
    assert.ok(isSignedBy(secret, request));
    assert.equal(isSignedBy('another secret', request), false);
    const expected: HookRequest = {
      event: 'new',
      comment: {
        id: result.id,
        thread: '/p',
        parent: null,
        author: { name: 'Ada', email: 'ada@example.com', url: 'https://ada.example/' },
        text: 'Hi',
        createdAt: app.clock.iso(),
      },
      clientAddress: '198.51.100.4',
      mode: 'first-time',
    };
    assert.deepEqual(JSON.parse(request.body), expected);
    // The hook decides: its publish outweighs first-time moderation.
    assert.equal(result.status, 201);
    assert.deepEqual(result.standing, ['published', 'published: moderation hook']);
  });

  it('holds or sends to spam as the hook answers, with its reason', async () => {
    const { app } = hookedApp();
    hook().answer = answerJson({ action: 'hold', reason: 'toxicity 0.93' });
    assert.deepEqual((await posted(app, newComment())).standing, [
      'pending',
      'held: moderation hook (toxicity 0.93)',
    ]);
    hook().answer = answerJson({ action: 'spam' });
    const spam = await posted(app, newComment());
    assert.equal(spam.status, 202);
    assert.deepEqual(spam.standing, ['spam', 'spam: moderation hook']);
    hook().answer = answerJson({ action: 'hold', reason: `line\u0000one\n\ttwo ${'x'.repeat(300)}` });
    const [, reason] = (await posted(app, newComment())).standing;
    assert.match(String(reason), /^held: moderation hook \(line one two x+\)$/);
    assert.ok(String(reason).length < 250);
  });

  it('asks about references from other websites too, as references, and they meet its verdict', async () => {
    const fetchPage = createSourceFetcher({ userAgent: 'natter-test', allowLoopback: true });
    const { app } = hookedApp({
      moderation: 'open',
      webmention: { fetchPage, targets: ['https://blog.example'], sourceRateLimit: false },
    });
    hook().answer = answerJson({ action: 'spam', reason: 'known link farm' });
    const page = '<title>Links</title><p><a href="https://blog.example/post">a post</a></p>';
    await withWebSite(
      (_request, response) => response.writeHead(200, { 'Content-Type': 'text/html' }).end(page),
      async (site) => {
        const sent = await app.request('/webmention', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            source: `${site.origin}/links`,
            target: 'https://blog.example/post',
          }).toString(),
          clientAddress: '203.0.113.8',
        });
        assert.equal(sent.status, 201, sent.text);
        const [mention] = await waitForVerified(app);
        assert.deepEqual(
          [mention.status, mention.reason],
          ['spam', 'spam: moderation hook (known link farm)'],
        );
        const asked = JSON.parse(hook().received.at(-1)!.body) as HookRequest;
        assert.equal(asked.event, 'reference');
        assert.deepEqual(asked.comment.author, {
          name: '127.0.0.1',
          email: null,
          url: `${site.origin}/links`,
        });
        assert.equal(asked.comment.text, 'Links');
        assert.equal(asked.clientAddress, '203.0.113.8');
      },
    );
  });

  it('asks about edits too, as edits', async () => {
    hook().answer = answerJson({ action: 'publish' });
    const { app } = hookedApp();
    const first = await posted(app, newComment());
    hook().received.length = 0;
    hook().answer = answerJson({ action: 'hold', reason: 'edited into an insult' });
    const edited = await patch(app, first.id, { text: 'Something rude.' }, first.secret);
    assert.equal((edited.body as GetCommentResponse).comment.status, 'pending');
    const request = JSON.parse(hook().received[0]?.body ?? '{}') as HookRequest;
    assert.equal(request.event, 'edit');
    assert.equal(request.comment.id, first.id);
    assert.equal(request.comment.text, 'Something rude.');
    assert.equal(
      (await app.store.getComment(first.id))?.reason,
      'held: moderation hook (edited into an insult)',
    );
  });

  const failures: [string, FakeAnswer][] = [
    ['answers 500', answerWith(500, '{"action":"publish"}')],
    ['answers malformed JSON', answerWith(200, '{"action":')],
    ['answers an action it does not know', answerJson({ action: 'approve' })],
    ['answers something other than an object', answerJson(['publish'])],
    ['redirects', answerWith(302, '', { Location: 'http://127.0.0.1:1/' })],
    // A publish it would follow, were it not over the 64 KiB an answer may take.
    ['answers more than 64 KiB', answerJson({ action: 'publish', reason: 'x'.repeat(64 * 1024) })],
    ['breaks the connection', (_, response) => void response.socket?.destroy()],
    ['never answers', neverAnswer],
    [
      'answers after its timeout',
      async (_, response) => {
        await sleep(600);
        if (!response.destroyed) response.end('{"action":"publish"}');
      },
    ],
  ];
  for (const [failure, answer] of failures) {
    it(`holds the comment when the hook ${failure}, waiting no longer than the timeout`, async () => {
      hook().answer = answer;
      const { app, lines } = hookedApp();
      const started = performance.now();
      const result = await posted(app, newComment());
      assert.ok(performance.now() - started < 1_500, `${performance.now() - started} ms`);
      assert.equal(result.status, 202);
      assert.deepEqual(result.standing, ['pending', 'held: moderation hook unavailable']);
      assert.ok(lines.some((line) => line.includes('moderation hook unavailable')));
      for (const line of lines) assert.ok(!line.includes(secret), line);
    });
  }
});

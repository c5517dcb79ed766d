// The Akismet-compatible check, against a small fake of the service on a loopback port: never the real one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GetCommentResponse, PostCommentResponse } from '../../../src/protocol/types.js';
import type { AppOptions } from '../../../src/server/app.js';
import { createLogger } from '../../../src/server/logger.js';
import { answerWith, neverAnswer, useFakeService, type FakeAnswer } from './fake-service.js';
import { backends, newComment, patch, post, useFreshDatabase, type TestApp } from './helpers.js';

const key = 'akismet-key-9f8e7d';
const site = 'https://blog.example.com/';

describe('the Akismet check', () => {
  const [backend] = backends();
  const database = useFreshDatabase(backend!);
  const akismet = useFakeService();

  /** An app asking the fake service, with its log lines. */
  function checkedApp(options: Partial<AppOptions> = {}) {
    const lines: string[] = [];
    const app = database().app({
      akismet: { key, site, url: akismet().url, timeoutMs: 400 },
      logger: createLogger('debug', (line) => lines.push(line)),
      ...options,
    });
    return { app, lines };
  }

  async function posted(app: TestApp, body: unknown, init = {}) {
    const answer = await post(app, body, init);
    assert.ok(answer.status === 201 || answer.status === 202, answer.text);
    const { comment, secret } = answer.body as PostCommentResponse;
    const stored = await app.store.getComment(comment.id);
    return { status: answer.status, id: comment.id, secret, standing: [stored?.status, stored?.reason] };
  }

  it('asks with the fields Akismet documents, and sends to spam what it calls spam', async () => {
    akismet().answer = answerWith(200, 'true', { 'X-akismet-pro-tip': 'discard' });
    akismet().received.length = 0;
    const { app } = checkedApp();
    const comment = newComment({
      thread: '/2026/11/post',
      name: 'Viagra Seller',
      email: 'seller@example.biz',
      url: 'https://example.biz/',
      text: 'Buy now!',
    });
    const result = await posted(app, comment, {
      clientAddress: '203.0.113.9',
      headers: { 'user-agent': 'Bot/1.0', referer: 'https://blog.example.com/2026/11/post' },
    });
    assert.equal(result.status, 202);
    assert.deepEqual(result.standing, ['spam', 'spam: akismet']);
    const [request] = akismet().received;
    assert.ok(request);
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/1.1/comment-check');
    assert.match(request.headers['content-type'] ?? '', /^application\/x-www-form-urlencoded/);
    const fields = Object.fromEntries(new URLSearchParams(request.body));
    assert.deepEqual(
      { ...fields, comment_date_gmt: undefined },
      {
        api_key: key,
        blog: site,
        permalink: 'https://blog.example.com/2026/11/post',
        blog_charset: 'UTF-8',
        user_ip: '203.0.113.9',
        user_agent: 'Bot/1.0',
        referrer: 'https://blog.example.com/2026/11/post',
        comment_type: 'comment',
        comment_author: 'Viagra Seller',
        comment_author_email: 'seller@example.biz',
        comment_author_url: 'https://example.biz/',
        comment_content: 'Buy now!',
        comment_date_gmt: undefined,
      },
    );
    assert.equal(fields.comment_date_gmt, app.clock.iso());
  });

  it('leaves what Akismet calls ham to the next layer and the mode', async () => {
    akismet().answer = answerWith(200, 'false');
    const { app } = checkedApp();
    assert.deepEqual((await posted(app, newComment())).standing, ['published', null]);
    const moderated = checkedApp({ moderation: 'first-time' }).app;
    assert.deepEqual((await posted(moderated, newComment())).standing, ['pending', 'held: first comment']);
  });

  it('says a reply is one, and checks an edit again as an edit', async () => {
    akismet().answer = answerWith(200, 'false');
    akismet().received.length = 0;
    const { app } = checkedApp();
    const parent = await posted(app, newComment());
    const thread = (await app.store.getComment(parent.id))!.thread;
    await posted(app, newComment({ thread, parent: parent.id }));
    akismet().answer = answerWith(200, 'true');
    const edited = await patch(app, parent.id, { text: 'Now an advertisement.' }, parent.secret);
    assert.equal((edited.body as GetCommentResponse).comment.status, 'pending');
    assert.equal((await app.store.getComment(parent.id))?.reason, 'spam: akismet');
    const [first, reply, edit] = akismet().received.map((request) => new URLSearchParams(request.body));
    assert.equal(first?.get('comment_type'), 'comment');
    assert.equal(reply?.get('comment_type'), 'reply');
    assert.equal(first?.get('recheck_reason'), null);
    assert.equal(edit?.get('recheck_reason'), 'edit');
    assert.equal(edit?.get('comment_content'), 'Now an advertisement.');
  });

  const failures: [string, FakeAnswer][] = [
    ['a server error', answerWith(500, 'Internal Server Error')],
    [
      'an invalid key',
      answerWith(200, 'invalid', { 'X-akismet-debug-help': 'We were unable to verify your key' }),
    ],
    ['an answer that is neither true nor false', answerWith(200, 'maybe')],
    ['a broken connection', (_, response) => void response.socket?.destroy()],
    ['no answer in time', neverAnswer],
  ];
  for (const [failure, answer] of failures) {
    it(`holds the comment on ${failure}, and never logs the key`, async () => {
      akismet().answer = answer;
      const { app, lines } = checkedApp();
      const started = performance.now();
      const result = await posted(app, newComment());
      assert.ok(performance.now() - started < 2_000, 'the wait ends with the timeout');
      assert.equal(result.status, 202);
      assert.deepEqual(result.standing, ['pending', 'held: akismet unavailable']);
      const warning = lines.find((line) => line.includes('akismet unavailable'));
      assert.ok(warning, lines.join('\n'));
      for (const line of lines) assert.doesNotMatch(line, new RegExp(key));
    });
  }

  it('holds the comment when the service cannot be reached at all', async () => {
    const { app } = checkedApp({ akismet: { key, site, url: 'http://127.0.0.1:1/', timeoutMs: 400 } });
    assert.deepEqual((await posted(app, newComment())).standing, ['pending', 'held: akismet unavailable']);
  });

  it('is not asked about what the local defences settled', async () => {
    akismet().answer = answerWith(200, 'false');
    akismet().received.length = 0;
    const { app } = checkedApp({ maxLinks: 1 });
    const linked = await posted(app, newComment({ text: 'https://a.com https://b.com' }));
    assert.deepEqual(linked.standing, ['pending', 'held: 2 links']);
    const trapped = await posted(app, newComment({ honeypot: 'filled' }));
    assert.deepEqual(trapped.standing, ['spam', 'spam: honeypot']);
    assert.equal(akismet().received.length, 0);
  });
});

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PostCommentResponse } from '../../../src/protocol/types.js';
import { createLogger } from '../../../src/server/logger.js';
import { createServer, type ServerOptions } from '../../../src/server/node/node-server.js';
import type { WebhookBody } from '../../../src/server/notifications/webhook.js';
import { openStore } from '../../../src/server/storage/open-store.js';
import { startSmtpServer, startWebhookReceiver, waitUntil } from '../notifications/receivers.js';
import { isGenuine } from '../notifications/setup.js';

let folder: string;
before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'natter-notify-'));
});
after(() => rm(folder, { recursive: true, force: true }));

const secret = 'whsec-node-0123456789abcdef';
const publicUrl = 'https://comments.example.com/';

/** `natter serve` as createServer runs it, on a free loopback port and a database file of its own. */
async function serve(options: Partial<ServerOptions>) {
  const lines: string[] = [];
  const database = join(folder, `${Math.random().toString(36).slice(2)}.sqlite`);
  const running = await createServer({
    database,
    port: 0,
    rateLimit: false,
    moderation: 'open',
    publicUrl,
    notificationIntervalMs: 50,
    logger: createLogger('debug', (line) => lines.push(line)),
    ...options,
  });
  return { running, lines, database };
}

/** Posts a comment from the server's own origin, timed. */
async function postComment(url: string, fields: Record<string, string> = {}) {
  const started = performance.now();
  const response = await fetch(new URL('api/v1/comments', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: new URL(publicUrl).origin },
    body: JSON.stringify({ thread: '/posts/hello', name: 'Ada', text: 'Hello', ...fields }),
  });
  const body = (await response.json()) as PostCommentResponse;
  return {
    status: response.status,
    body,
    answeredAt: performance.now(),
    tookMs: performance.now() - started,
  };
}

describe('notifications in natter serve', () => {
  it('answers the post at once while the webhook receiver hangs, and stops without waiting for it', async (t) => {
    const hook = await startWebhookReceiver(() => 'hang');
    t.after(() => hook.close());
    const { running, lines, database } = await serve({ webhook: { url: hook.url, secret } });
    let isClosed = false;
    t.after(() => (isClosed ? undefined : running.close()));

    // Published, or held (by whatever spam defences the server runs): either way, news for the webhook.
    const posted = await postComment(running.url);
    assert.ok([201, 202].includes(posted.status), String(posted.status));
    await waitUntil(() => hook.received.length === 1, 'the webhook');
    assert.ok(posted.answeredAt < hook.received[0]!.arrivedAt, 'the answer came before the webhook went');

    // A second post, while the receiver holds the first webhook: answered just as fast.
    const second = await postComment(running.url, { text: 'Still quick' });
    assert.ok([201, 202].includes(second.status), String(second.status));
    assert.ok(second.tookMs < 1_000, `the post took ${second.tookMs} ms`);

    const stopping = performance.now();
    await running.close();
    isClosed = true;
    assert.ok(performance.now() - stopping < 3_000, 'close() aborts the hanging send');

    // The webhook cut short is tried again at once, by the next start or another instance: nothing is lost.
    const store = await openStore(database);
    try {
      const pending = await store.deliveries.pending();
      assert.equal(pending.length, 2);
      const cut = pending.find((delivery) => delivery.attempts === 1)!;
      assert.equal(cut.lastError, 'the server stopped while sending');
      assert.ok(Date.parse(cut.nextAttemptAt) <= Date.now());
    } finally {
      await store.close();
    }
    assert.ok(lines.some((line) => /"level":"warn".*tried again/.test(line)));
    assert.ok(!lines.some((line) => line.includes(secret)), 'the secret is never logged');
    assert.ok(
      lines.some((line) => line.includes(`"notifications on","webhook":"${new URL(hook.url).origin}"`)),
    );
  });

  it('sends each new comment to the webhook, signed, linking to the admin page at --public-url', async (t) => {
    const hook = await startWebhookReceiver();
    t.after(() => hook.close());
    const { running } = await serve({ webhook: { url: hook.url, secret } });
    t.after(() => running.close());
    const { body } = await postComment(running.url);
    await waitUntil(() => hook.received.length === 1, 'the webhook');
    const [request] = hook.received;
    assert.ok(isGenuine(String(request!.headers['x-natter-signature']), request!.body, secret));
    const sent = JSON.parse(request!.body) as WebhookBody;
    assert.equal(sent.comment.id, body.comment.id);
    assert.equal(sent.adminUrl, `${publicUrl}admin#/comment/${body.comment.id}`);
    // Marked delivered once the receiver's answer is in.
    let pending = await running.store.deliveries.pending();
    for (let tries = 0; pending.length > 0 && tries < 100; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      pending = await running.store.deliveries.pending();
    }
    assert.deepEqual(pending, []);
  });

  it('e-mails a held comment through a real SMTP server with a login, never logging the password', async (t) => {
    const password = 'smtp-password-9f8e7d';
    const smtp = await startSmtpServer({ security: 'none', auth: { user: 'natter', password } });
    t.after(() => smtp.close());
    const { running, lines } = await serve({
      moderation: 'all',
      email: {
        from: 'natter@example.com',
        to: ['owner@example.com'],
        mode: 'each',
        smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', user: 'natter', password },
      },
    });
    t.after(() => running.close());
    const posted = await postComment(running.url, { text: 'Please <approve> me' });
    assert.equal(posted.status, 202);
    await waitUntil(() => smtp.messages.length === 1, 'the e-mail');
    const [mail] = smtp.messages;
    assert.equal(mail!.user, 'natter');
    assert.deepEqual(mail!.recipients, ['owner@example.com']);
    assert.match(mail!.parsed.subject!, /Awaiting moderation: Ada on \/posts\/hello/);
    assert.ok(mail!.parsed.text!.includes(`${publicUrl}admin#/comment/${posted.body.comment.id}`));
    assert.ok(String(mail!.parsed.html).includes('Please &#60;approve&#62; me'));
    assert.ok(!lines.some((line) => line.includes(password)));
  });

  it('warns when notifications would link to the listening address for want of --public-url', async (t) => {
    const hook = await startWebhookReceiver();
    t.after(() => hook.close());
    const { running, lines } = await serve({ publicUrl: undefined, webhook: { url: hook.url, secret } });
    t.after(() => running.close());
    assert.ok(lines.some((line) => /"level":"warn".*--public-url/.test(line)));
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSmtpSender } from '../../../src/server/node/smtp-sender.js';
import { digestMessage, escapeHtml, heldMessage } from '../../../src/server/notifications/email.js';
import { noticeOf, type CommentNotice } from '../../../src/server/notifications/notice.js';
import { startTime, storedComment } from '../http/helpers.js';
import { startSmtpServer } from './receivers.js';
import { publicUrl } from './setup.js';

/** The notice of an event about a comment with these fields, as a moderator's tool could have stored it. */
function notice(
  type: CommentNotice['type'],
  fields: Parameters<typeof storedComment>[0] = {},
  reason: string | null = null,
) {
  return noticeOf({ type, comment: storedComment({ status: 'pending', ...fields }), reason, at: startTime });
}

describe('notification e-mails', () => {
  it('escapes the five characters that matter in HTML text and attributes', () => {
    assert.equal(
      escapeHtml(`<a href="x" title='y'>&amp;</a>`),
      '&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;amp;&#60;/a&#62;',
    );
  });

  it('keeps a subject to one line that reads as it is: no line breaks, no bidirectional overrides, not too long', () => {
    const { subject } = heldMessage(
      notice('held', {
        authorName: 'Eve\r\nBcc: everyone@example.com \u202Egnp.exe',
        thread: `/${'long/'.repeat(40)}`,
      }),
      publicUrl,
    );
    assert.doesNotMatch(subject, /[\r\n\u202E]/);
    assert.ok(
      subject.startsWith(
        '[comments.example.com] Awaiting moderation: Eve Bcc: everyone@example.com gnp.exe on /long/',
      ),
      subject,
    );
    assert.ok(subject.length < 200 && subject.endsWith('…'), subject);
  });

  it('cannot be made to add a recipient or a header through what an author typed', async (t) => {
    const server = await startSmtpServer({ security: 'none' });
    const sender = createSmtpSender({ host: '127.0.0.1', port: server.port, security: 'none' });
    t.after(async () => {
      sender.close();
      await server.close();
    });
    const message = heldMessage(
      notice('held', {
        authorName: 'Eve\r\nBcc: everyone@example.com\r\n\r\nforged body',
        text: 'x\r\n.\r\nRCPT TO:<b@example.com>',
      }),
      publicUrl,
    );
    await sender.send(
      { ...message, from: 'natter@example.com', to: ['owner@example.com'] },
      new AbortController().signal,
    );
    assert.equal(server.messages.length, 1);
    const [mail] = server.messages;
    assert.deepEqual(mail!.recipients, ['owner@example.com']);
    assert.equal(mail!.parsed.headers.has('bcc'), false);
    assert.equal(mail!.parsed.subject, message.subject);
    assert.match(mail!.parsed.text!, /^> \.$/m, 'a lone dot in the text stays text');
  });

  it('says when a held comment is an edit', () => {
    const edited = heldMessage(notice('held', { editedAt: new Date(startTime).toISOString() }), publicUrl);
    assert.match(edited.text, /^An edited comment on .* awaits moderation\.$/m);
    assert.match(edited.text, /^Edited: 2025-06-01 10:00 UTC$/m);
  });

  it('shows the first 1,000 characters of a long comment in a digest, and links to the rest', () => {
    const long = notice('held', { text: `${'a'.repeat(1000)}${'b'.repeat(500)}` }, 'held: first comment');
    const { text, html } = digestMessage([long], publicUrl);
    assert.ok(text.includes(`> ${'a'.repeat(1000)} […]`));
    assert.ok(!text.includes('b'.repeat(10)));
    assert.ok(text.includes(`${publicUrl}admin#/comment/${long.comment.id}`));
    assert.ok(html.includes(`${'a'.repeat(1000)} […]`));
  });

  it('links to the admin page under the public URL, a path included', () => {
    const held = notice('held', { id: 'c_1/x?y#z' });
    assert.ok(
      heldMessage(held, 'https://example.com/comments').text.includes(
        'https://example.com/comments/admin#/comment/c_1%2Fx%3Fy%23z',
      ),
    );
  });
});

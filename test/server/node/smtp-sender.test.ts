import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createSmtpSender, type SmtpSettings } from '../../../src/server/node/smtp-sender.js';
import type { OutgoingEmail } from '../../../src/server/notifications/email.js';
import {
  makeCertificate,
  startSmtpServer,
  type Certificate,
  type SmtpServerOptions,
  type TestSmtpServer,
} from '../notifications/receivers.js';

const message: OutgoingEmail = {
  from: 'Comments <natter@example.com>',
  to: ['owner@example.com', 'moderator@example.com'],
  subject: 'Awaiting moderation: Ada on /posts/hello',
  text: 'Lovely post.\nOpen it: https://comments.example.com/admin#/comment/c_1',
  html: '<p>Lovely post.</p>',
};

/** Starts a test SMTP server, runs `use` with it, and closes it whatever happens. */
async function withSmtpServer(options: SmtpServerOptions, use: (server: TestSmtpServer) => Promise<void>) {
  const server = await startSmtpServer(options);
  try {
    await use(server);
  } finally {
    await server.close();
  }
}

/** Sends `message` through a sender for `settings`, closing the sender after. */
async function send(settings: SmtpSettings, signal = new AbortController().signal): Promise<void> {
  const sender = createSmtpSender(settings);
  try {
    await sender.send(message, signal);
  } finally {
    sender.close();
  }
}

describe('createSmtpSender', () => {
  let certificate: Certificate;
  before(async () => {
    certificate = await makeCertificate();
  });
  const auth = { user: 'natter', password: 'correct horse battery staple' };

  it('hands a message to a local relay without TLS or a login: envelope, headers, text and HTML', async () => {
    await withSmtpServer({ security: 'none' }, async (server) => {
      await send({ host: '127.0.0.1', port: server.port, security: 'none' });
      assert.equal(server.messages.length, 1);
      const [mail] = server.messages;
      assert.deepEqual(mail!.recipients, ['owner@example.com', 'moderator@example.com']);
      assert.equal(mail!.sender, 'natter@example.com');
      assert.equal(mail!.isSecure, false);
      assert.equal(mail!.parsed.subject, message.subject);
      assert.equal(mail!.parsed.from?.text, '"Comments" <natter@example.com>');
      assert.equal(mail!.parsed.text?.trim(), message.text);
      assert.equal(mail!.parsed.html, message.html);
    });
  });

  it('upgrades to TLS with STARTTLS before logging in, trusting the CA it is given', async () => {
    await withSmtpServer({ security: 'starttls', auth, certificate }, async (server) => {
      await send({
        host: 'localhost',
        port: server.port,
        security: 'starttls',
        user: auth.user,
        password: auth.password,
        ca: certificate.cert,
      });
      assert.equal(server.messages.length, 1);
      assert.equal(server.messages[0]!.isSecure, true);
      assert.equal(server.messages[0]!.user, auth.user);
    });
  });

  it('speaks TLS from the first byte with security tls', async () => {
    await withSmtpServer({ security: 'tls', auth, certificate }, async (server) => {
      await send({
        host: 'localhost',
        port: server.port,
        security: 'tls',
        user: auth.user,
        password: auth.password,
        ca: certificate.cert,
      });
      assert.equal(server.messages.length, 1);
      assert.equal(server.messages[0]!.isSecure, true);
    });
  });

  it('never falls back to a plain connection when STARTTLS is required but not offered', async () => {
    await withSmtpServer({ security: 'none' }, async (server) => {
      await assert.rejects(send({ host: '127.0.0.1', port: server.port, security: 'starttls' }), /STARTTLS/);
      assert.equal(server.messages.length, 0);
    });
  });

  it('refuses a certificate nobody vouches for', async () => {
    await withSmtpServer({ security: 'tls', certificate }, async (server) => {
      await assert.rejects(send({ host: 'localhost', port: server.port, security: 'tls' }), /self-signed/);
      assert.equal(server.messages.length, 0);
    });
  });

  it('fails on a wrong password without repeating the password in its error', async () => {
    await withSmtpServer({ security: 'starttls', auth, certificate }, async (server) => {
      const password = 'wrong-password-d2f1';
      const error = await send({
        host: 'localhost',
        port: server.port,
        security: 'starttls',
        user: auth.user,
        password,
        ca: certificate.cert,
      }).then(
        () => assert.fail('sent with a wrong password'),
        (error: unknown) => error as Error & Record<string, unknown>,
      );
      assert.match(error.message, /Invalid login/);
      assert.equal(server.refusedLogins, 1);
      assert.equal(server.messages.length, 0);
      const told = `${error.message} ${JSON.stringify(error)}`;
      assert.doesNotMatch(told, new RegExp(password));
      assert.doesNotMatch(told, new RegExp(Buffer.from(`\0${auth.user}\0${password}`).toString('base64')));
    });
  });

  it('gives up at once when the server stops while it sends', async () => {
    const controller = new AbortController();
    controller.abort();
    await withSmtpServer({ security: 'none' }, async (server) => {
      await assert.rejects(
        send({ host: '127.0.0.1', port: server.port, security: 'none' }, controller.signal),
        /abort/i,
      );
      assert.equal(server.messages.length, 0);
    });
  });
});

import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import type { ReceivedMail } from '../notifications/receivers.js';
import { startSmtpServer, type TestSmtpServer } from '../notifications/receivers.js';

/** A real SMTP server on a free loopback port for one test, closed when it ends. */
export async function smtpServer(t: TestContext): Promise<TestSmtpServer> {
  const server = await startSmtpServer({ security: 'none' });
  t.after(() => server.close());
  return server;
}

/** A header of a received message as it was sent, its folded lines joined; `undefined` when it has none. */
export function rawHeader(mail: ReceivedMail, name: string): string | undefined {
  const head = mail.raw.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded
    .split(/\r?\n/)
    .find((candidate) => candidate.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

/** The first link of a message's plain text under `path` (`notifications/confirm`). */
export function linkIn(mail: ReceivedMail, path: string): string {
  const link = new RegExp(`https?://\\S+/${path}\\?token=[A-Za-z0-9._~%-]+`).exec(
    mail.parsed.text ?? '',
  )?.[0];
  assert.ok(link, `a ${path} link in:\n${mail.parsed.text}`);
  return link;
}

/** Waits a while for messages that must not come: several rounds of a worker that looks every 50 ms. */
export function quietPeriod(milliseconds = 400): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

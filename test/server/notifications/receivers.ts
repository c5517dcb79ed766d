import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** Resolves once `isDone()` holds, checking every 10 ms; rejects after `timeoutMs` saying what it waited for. */
export async function waitUntil(isDone: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!isDone()) {
    if (Date.now() - start > timeoutMs) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A POST a webhook receiver got. */
export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  /** When it arrived (performance.now()). */
  arrivedAt: number;
}

/** What the receiver does with the `index`-th request (0 first): answer with a status, or never answer. */
export type WebhookAnswer = (request: ReceivedWebhook, index: number) => number | 'hang';

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  close(): Promise<void>;
}

/** A real HTTP server on a free loopback port that records every request and answers as `answer` says. */
export async function startWebhookReceiver(answer: WebhookAnswer = () => 204): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const webhook = {
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        arrivedAt: performance.now(),
      };
      received.push(webhook);
      const status = answer(webhook, received.length - 1);
      if (status === 'hang') hanging.add(response);
      else response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/natter`,
    received,
    async close() {
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** A message a test SMTP server accepted. */
export interface ReceivedMail {
  /** The envelope's recipients, as the client gave them in RCPT TO. */
  recipients: string[];
  sender: string;
  /** Whether the connection was secured by TLS (from the start or by STARTTLS). */
  isSecure: boolean;
  /** The user the client authenticated as, if it did. */
  user: string | undefined;
  raw: string;
  parsed: ParsedMail;
}

export interface SmtpServerOptions {
  /** Require this user and password; without, no authentication is offered. */
  auth?: { user: string; password: string };
  /** `starttls` offers STARTTLS on a plain connection, `tls` speaks TLS from the start, `none` offers no TLS. */
  security: 'starttls' | 'tls' | 'none';
  /** Key and certificate for TLS (`makeCertificate`). */
  certificate?: Certificate;
  /** The port to listen on: a free one when omitted. */
  port?: number;
}

export interface TestSmtpServer {
  port: number;
  messages: ReceivedMail[];
  /** Authentication attempts refused. */
  refusedLogins: number;
  close(): Promise<void>;
}

/** A real SMTP server (the `smtp-server` package) on a free loopback port, keeping every message it accepts. */
export async function startSmtpServer(options: SmtpServerOptions): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const state = { refusedLogins: 0 };
  const { auth, security, certificate } = options;
  const server = new SMTPServer({
    secure: security === 'tls',
    ...(certificate && { key: certificate.key, cert: certificate.cert }),
    hideSTARTTLS: security !== 'starttls',
    authOptional: !auth,
    disabledCommands: [...(auth ? [] : ['AUTH']), ...(security === 'none' ? ['STARTTLS'] : [])],
    allowInsecureAuth: security === 'none',
    logger: false,
    onAuth(credentials, _session, callback) {
      if (auth && credentials.username === auth.user && credentials.password === auth.password) {
        callback(null, { user: credentials.username });
      } else {
        state.refusedLogins += 1;
        callback(new Error('Invalid username or password'));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (parsed) => {
            messages.push({
              recipients: session.envelope.rcptTo.map((recipient) => recipient.address),
              sender: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              isSecure: session.secure,
              user: typeof session.user === 'string' ? session.user : undefined,
              raw,
              parsed,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    messages,
    get refusedLogins() {
      return state.refusedLogins;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A private key and a self-signed certificate for `localhost` and 127.0.0.1, valid for a day. */
export interface Certificate {
  key: string;
  cert: string;
}

/** Makes a `Certificate` with openssl (which PostgreSQL's packages bring along) in a folder that is then removed. */
export async function makeCertificate(): Promise<Certificate> {
  const folder = await mkdtemp(join(tmpdir(), 'natter-tls-'));
  try {
    const key = join(folder, 'key.pem');
    const cert = join(folder, 'cert.pem');
    await promisify(execFile)('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ]);
    return { key: await readFile(key, 'utf8'), cert: await readFile(cert, 'utf8') };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

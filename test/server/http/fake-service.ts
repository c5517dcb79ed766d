import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before } from 'node:test';

/** A request the fake service received, read whole. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** How the fake answers one request: it may wait, answer, or never answer. */
export type FakeAnswer = (request: ReceivedRequest, response: ServerResponse) => void | Promise<void>;

/** A small HTTP service on a loopback port, standing in for Akismet or a moderation hook in tests. */
export interface FakeService {
  /** Its base URL, `http://127.0.0.1:<port>/`. */
  url: string;
  /** Every request so far, oldest first. */
  received: ReceivedRequest[];
  /** What it does with the next requests, until told otherwise. */
  answer: FakeAnswer;
}

/**
 * Starts a fake service before the suite it is called in and stops it after, closing any connection it left
 * hanging (an answer that never comes).
 */
export function useFakeService(): () => FakeService {
  let service: FakeService | undefined;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received: ReceivedRequest = {
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      service?.received.push(received);
      void service?.answer(received, response);
    });
  });
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    service = {
      url: `http://127.0.0.1:${port}/`,
      received: [],
      answer: (_, response) => void response.end(),
    };
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return () => {
    if (!service) throw new Error('the fake service starts in before()');
    return service;
  };
}

/** An answer of `status` with `body` as text, and `headers`. */
export function answerWith(status: number, body: string, headers: Record<string, string> = {}): FakeAnswer {
  return (_, response) => {
    response.writeHead(status, { 'Content-Type': 'text/plain', ...headers }).end(body);
  };
}

/** No answer at all: the connection stays open until the service stops or the client gives up. */
export const neverAnswer: FakeAnswer = () => {};

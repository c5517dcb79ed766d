import type { Comment, Reference } from '../../src/protocol/types.js';

/** A request as the fake server saw it. */
export interface SeenRequest {
  url: URL;
  method: string;
  headers: Headers;
  /** The parsed JSON body, or `undefined` without one. */
  body: unknown;
  signal: AbortSignal | undefined;
}

/** A stand-in for a natter server: records every request and answers with `answer`. */
export function fakeServer(
  answer: (request: SeenRequest) => Response | Promise<Response> = () => json(200, {}),
) {
  const requests: SeenRequest[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const request: SeenRequest = {
      url: new URL(String(input)),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      signal: init.signal ?? undefined,
    };
    requests.push(request);
    return answer(request);
  };
  return { fetch, requests };
}

/** A JSON response, as a natter server sends it. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });
}

/** A response in the protocol's error shape. */
export function errorResponse(
  status: number,
  code: string,
  field?: string,
  headers?: Record<string, string>,
) {
  return json(status, { error: { code, message: `server says ${code}`, ...(field && { field }) } }, headers);
}

/** A published comment, with `overrides` applied. */
export function aComment(overrides: Partial<Comment> = {}): Comment {
  return {
    id: 'c1',
    thread: '/blog/hello',
    parent: null,
    author: { name: 'Ada', url: null },
    text: 'Hello there',
    createdAt: '2025-06-01T10:00:00.000Z',
    editedAt: null,
    status: 'published',
    ...overrides,
  };
}

/** A reply from another website, as the server lists a reference, with `overrides` applied. */
export function aReference(overrides: Partial<Reference> = {}): Reference {
  return {
    id: 'r1',
    thread: '/blog/hello',
    kind: 'reply',
    url: 'https://ada.example/2025/06/re-hello',
    title: 'Re: Hello',
    author: { name: 'Ada Lovelace', url: 'https://ada.example/', photo: 'https://ada.example/me.jpg' },
    excerpt: 'I agree with most of this.',
    publishedAt: '2025-06-02T10:00:00.000Z',
    via: 'webmention',
    ...overrides,
  };
}

/** A fetch that never answers but, like the real one, rejects with the signal's reason when it aborts. */
export function silentFetch(honoursSignal = true) {
  return (_input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> =>
    new Promise((_resolve, reject) => {
      if (honoursSignal) init.signal?.addEventListener('abort', () => reject(init.signal!.reason));
    });
}

/** The rejection of `promise`; fails the test if it fulfils. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected the promise to reject, but it fulfilled');
}

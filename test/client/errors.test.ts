import { expect } from '@open-wc/testing';
import { createClient, NatterHttpError, type NatterClient } from '../../src/client/index.js';
import { parseRetryAfter } from '../../src/client/response-error.js';
import { aComment, errorResponse, fakeServer, json, rejectionOf, silentFetch } from './fakes.js';

const endpoint = 'https://example.com';

/** The NatterHttpError `promise` rejects with; fails the test for any other outcome. */
async function httpErrorOf(promise: Promise<unknown>): Promise<NatterHttpError> {
  const error = await rejectionOf(promise);
  expect(error).to.be.instanceOf(NatterHttpError);
  return error as NatterHttpError;
}

/** Every client call, so that each error path is shown to hold for all of them. */
const calls: [string, (client: NatterClient, options?: { signal?: AbortSignal }) => Promise<unknown>][] = [
  ['listComments', (client, options) => client.listComments({ thread: 't' }, options)],
  ['getComment', (client, options) => client.getComment('c1', { ...options, secret: 's' })],
  ['getFormToken', (client, options) => client.getFormToken('t', options)],
  ['postComment', (client, options) => client.postComment({ thread: 't', name: 'Ada', text: 'Hi' }, options)],
  ['editComment', (client, options) => client.editComment('c1', 'Hi', 's', options)],
  ['deleteComment', (client, options) => client.deleteComment('c1', 's', options)],
  ['reportComment', (client, options) => client.reportComment('c1', 'spam', options)],
  ['getCounts', (client, options) => client.getCounts(['t'], options)],
];

describe('client errors: the server’s own', () => {
  for (const [name, call] of calls) {
    it(`${name} throws the protocol error the server sent`, async () => {
      const server = fakeServer(() => errorResponse(403, 'edit_window_closed'));
      const error = await httpErrorOf(call(createClient({ endpoint, fetch: server.fetch })));
      expect(error.status).to.equal(403);
      expect(error.code).to.equal('edit_window_closed');
      expect(error.message).to.equal('server says edit_window_closed');
      expect(error.name).to.equal('NatterHttpError');
      expect(error.field).to.equal(undefined);
      expect(error.retryAfter).to.equal(undefined);
    });
  }

  it('names the field at fault', async () => {
    const server = fakeServer(() => errorResponse(422, 'validation_failed', 'email'));
    const error = await httpErrorOf(
      createClient({ endpoint, fetch: server.fetch }).postComment({ thread: 't', name: 'A', text: 'x' }),
    );
    expect(error).to.include({ status: 422, code: 'validation_failed', field: 'email' });
  });

  it('reads Retry-After given in seconds', async () => {
    const server = fakeServer(() => errorResponse(429, 'rate_limited', undefined, { 'Retry-After': '120' }));
    const error = await httpErrorOf(
      createClient({ endpoint, fetch: server.fetch }).listComments({ thread: 't' }),
    );
    expect(error).to.include({ status: 429, code: 'rate_limited', retryAfter: 120 });
  });

  it('reads Retry-After given as an HTTP date', async () => {
    const inNinetySeconds = new Date(Date.now() + 90_000).toUTCString();
    const server = fakeServer(() =>
      errorResponse(429, 'rate_limited', undefined, { 'Retry-After': inNinetySeconds }),
    );
    const error = await httpErrorOf(
      createClient({ endpoint, fetch: server.fetch }).listComments({ thread: 't' }),
    );
    expect(error.retryAfter).to.be.within(88, 90);
  });

  it('reads Retry-After on a 503 without a JSON body too', async () => {
    const server = fakeServer(
      () => new Response('down for maintenance', { status: 503, headers: { 'Retry-After': '30' } }),
    );
    const error = await httpErrorOf(createClient({ endpoint, fetch: server.fetch }).getCounts(['t']));
    expect(error).to.include({ status: 503, code: 'unavailable', retryAfter: 30 });
  });
});

describe('client errors: parseRetryAfter', () => {
  const now = Date.UTC(2025, 5, 1, 10, 0, 0);

  it('takes delay-seconds as they are', () => {
    expect(parseRetryAfter('0', now)).to.equal(0);
    expect(parseRetryAfter(' 45 ', now)).to.equal(45);
  });

  it('turns an IMF-fixdate into seconds from now, never fewer than 0', () => {
    expect(parseRetryAfter('Sun, 01 Jun 2025 10:01:30 GMT', now)).to.equal(90);
    expect(parseRetryAfter('Sun, 01 Jun 2025 09:00:00 GMT', now)).to.equal(0);
  });

  for (const value of [
    null,
    '',
    '-5',
    '1.5',
    'soon',
    '2025-06-01T10:01:30Z',
    'Sun, 01 Jun 2025 10:01:30 CEST',
  ]) {
    it(`ignores ${JSON.stringify(value)}`, () => {
      expect(parseRetryAfter(value, now)).to.equal(undefined);
    });
  }
});

describe('client errors: answers that do not follow the protocol', () => {
  for (const [status, statusText, expectedCode] of [
    [400, 'Bad Request', 'bad_request'],
    [401, 'Unauthorized', 'bad_request'],
    [404, 'Not Found', 'not_found'],
    [413, 'Payload Too Large', 'payload_too_large'],
    [429, 'Too Many Requests', 'rate_limited'],
    [500, 'Internal Server Error', 'internal'],
    [502, 'Bad Gateway', 'unavailable'],
    [504, 'Gateway Timeout', 'unavailable'],
  ] as const) {
    it(`describes a ${status} with an HTML body by its status`, async () => {
      const server = fakeServer(() => new Response('<h1>Oops</h1>', { status, statusText }));
      const error = await httpErrorOf(
        createClient({ endpoint, fetch: server.fetch }).listComments({ thread: 't' }),
      );
      expect(error).to.include({ status, code: expectedCode, message: `HTTP ${status} ${statusText}` });
    });
  }

  for (const body of [{}, { error: 'nope' }, { error: null }, [], { message: 'not here' }]) {
    it(`describes an error body ${JSON.stringify(body)} by its status`, async () => {
      const server = fakeServer(() => json(409, body));
      const error = await httpErrorOf(
        createClient({ endpoint, fetch: server.fetch }).deleteComment('c1', 's'),
      );
      expect(error).to.include({ status: 409, code: 'conflict' });
    });
  }

  it('replaces an error code it does not know by the status’s, but keeps the message', async () => {
    const server = fakeServer(() =>
      json(403, { error: { code: 'shadow_banned', message: 'Go away', field: 7 } }),
    );
    const error = await httpErrorOf(
      createClient({ endpoint, fetch: server.fetch }).listComments({ thread: 't' }),
    );
    expect(error).to.include({ status: 403, code: 'forbidden', message: 'Go away' });
    expect(error.field).to.equal(undefined);
  });

  it('does not take an Object.prototype member for an error code', async () => {
    const server = fakeServer(() => json(400, { error: { code: 'constructor', message: 'x' } }));
    const error = await httpErrorOf(
      createClient({ endpoint, fetch: server.fetch }).listComments({ thread: 't' }),
    );
    expect(error.code).to.equal('bad_request');
  });

  const malformed: [string, (client: NatterClient) => Promise<unknown>, () => Response][] = [
    ['a comment list that is not JSON', (c) => c.listComments({ thread: 't' }), () => new Response('<html>')],
    [
      'an empty comment list',
      (c) => c.listComments({ thread: 't' }),
      () => new Response(null, { status: 200 }),
    ],
    [
      'a comment list without comments',
      (c) => c.listComments({ thread: 't' }),
      () => json(200, { next: null }),
    ],
    [
      'a comment list with a comment without an id',
      (c) => c.listComments({ thread: 't' }),
      () =>
        json(200, {
          thread: { key: 't', count: 1, locked: false },
          comments: [{ ...aComment(), id: undefined }],
          next: null,
        }),
    ],
    [
      'a comment list with an id that would escape the path',
      (c) => c.listComments({ thread: 't' }),
      () =>
        json(200, {
          thread: { key: 't', count: 1, locked: false },
          comments: [aComment({ id: '../x' })],
          next: null,
        }),
    ],
    [
      'a comment list with a negative count',
      (c) => c.listComments({ thread: 't' }),
      () => json(200, { thread: { key: 't', count: -1, locked: false }, comments: [], next: null }),
    ],
    [
      'a posted comment without a secret',
      (c) => c.postComment({ thread: 't', name: 'A', text: 'x' }),
      () => json(201, { comment: aComment(), editableUntil: 'x' }),
    ],
    [
      'a posted comment with an unknown status',
      (c) => c.postComment({ thread: 't', name: 'A', text: 'x' }),
      () =>
        json(201, { comment: aComment({ status: 'spam' as 'pending' }), secret: 's', editableUntil: 'x' }),
    ],
    ['an edited comment missing', (c) => c.editComment('c1', 'x', 's'), () => json(200, {})],
    ['counts as a list', (c) => c.getCounts(['t']), () => json(200, { counts: [3] })],
    ['counts missing a thread', (c) => c.getCounts(['t', 'u']), () => json(200, { counts: { t: 1 } })],
    ['counts as strings', (c) => c.getCounts(['t']), () => json(200, { counts: { t: '1' } })],
  ];
  for (const [what, call, answer] of malformed) {
    it(`reports ${what} as bad_response`, async () => {
      const server = fakeServer(answer);
      const error = await httpErrorOf(call(createClient({ endpoint, fetch: server.fetch })));
      expect(error.code).to.equal('bad_response');
      expect(error.status).to.be.within(200, 299);
    });
  }
});

describe('client errors: no answer', () => {
  for (const [name, call] of calls) {
    it(`${name} reports a network failure with status 0`, async () => {
      const cause = new TypeError('Failed to fetch');
      const fetch = () => Promise.reject(cause);
      const error = await httpErrorOf(call(createClient({ endpoint, fetch })));
      expect(error).to.include({ status: 0, code: 'network' });
      expect(error.cause).to.equal(cause);
    });

    it(`${name} gives up after the timeout`, async () => {
      const error = await httpErrorOf(call(createClient({ endpoint, fetch: silentFetch(), timeout: 20 })));
      expect(error).to.include({ status: 0, code: 'timeout' });
    });
  }

  it('reaches a real network failure as network', async () => {
    const error = await httpErrorOf(
      createClient({ endpoint: 'http://127.0.0.1:1/' }).listComments({ thread: 't' }),
    );
    expect(error).to.include({ status: 0, code: 'network' });
  });

  it('gives up even when fetch ignores its signal', async () => {
    const client = createClient({ endpoint, fetch: silentFetch(false), timeout: 20 });
    const error = await httpErrorOf(client.listComments({ thread: 't' }));
    expect(error.code).to.equal('timeout');
  });

  it('gives up when the body stops arriving', async () => {
    const stalled = () => Promise.resolve(new Response(new ReadableStream({ start() {} }), { status: 200 }));
    const error = await httpErrorOf(
      createClient({ endpoint, fetch: stalled, timeout: 20 }).listComments({ thread: 't' }),
    );
    expect(error).to.include({ status: 0, code: 'timeout' });
  });

  it('takes a per-call timeout over the client’s', async () => {
    const client = createClient({ endpoint, fetch: silentFetch(), timeout: 60_000 });
    const started = Date.now();
    const error = await httpErrorOf(client.listComments({ thread: 't' }, { timeout: 20 }));
    expect(error.code).to.equal('timeout');
    expect(Date.now() - started).to.be.below(1000);
  });

  it('waits for ever with timeout 0', async () => {
    const client = createClient({ endpoint, fetch: silentFetch(), timeout: 0 });
    const controller = new AbortController();
    const outcome = client.listComments({ thread: 't' }, { signal: controller.signal });
    const winner = await Promise.race([
      outcome.catch(() => 'settled'),
      new Promise((r) => setTimeout(() => r('waiting'), 50)),
    ]);
    controller.abort();
    await outcome.catch(() => undefined);
    expect(winner).to.equal('waiting');
  });
});

describe('client errors: the caller’s abort', () => {
  for (const [name, call] of calls) {
    it(`${name} rethrows the caller’s AbortError untouched`, async () => {
      const controller = new AbortController();
      const outcome = call(createClient({ endpoint, fetch: silentFetch() }), { signal: controller.signal });
      controller.abort();
      const error = await rejectionOf(outcome);
      expect(error).to.equal(controller.signal.reason);
      expect((error as Error).name).to.equal('AbortError');
      expect(error).not.to.be.instanceOf(NatterHttpError);
    });
  }

  it('rethrows the caller’s own abort reason', async () => {
    const controller = new AbortController();
    const reason = new Error('thread switched');
    const outcome = createClient({ endpoint, fetch: silentFetch(false) }).listComments(
      { thread: 't' },
      {
        signal: controller.signal,
      },
    );
    controller.abort(reason);
    expect(await rejectionOf(outcome)).to.equal(reason);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const server = fakeServer();
    const signal = AbortSignal.abort();
    const error = await rejectionOf(
      createClient({ endpoint, fetch: server.fetch }).getCounts(['t'], { signal }),
    );
    expect(error).to.equal(signal.reason);
    expect(server.requests).to.have.length(0);
  });

  it('passes an abort signal on to fetch', async () => {
    const server = fakeServer(() => json(200, { counts: { t: 1 } }));
    await createClient({ endpoint, fetch: server.fetch }).getCounts(['t'], {
      signal: new AbortController().signal,
    });
    expect(server.requests[0].signal).to.be.instanceOf(AbortSignal);
  });

  it('is a timeout, not an abort, when the deadline comes first', async () => {
    const controller = new AbortController();
    const client = createClient({ endpoint, fetch: silentFetch(), timeout: 20 });
    const error = await httpErrorOf(client.listComments({ thread: 't' }, { signal: controller.signal }));
    controller.abort();
    expect(error.code).to.equal('timeout');
  });
});

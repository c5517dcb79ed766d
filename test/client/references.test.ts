import { expect } from '@open-wc/testing';
import { createClient, NatterHttpError } from '../../src/client/index.js';
import { aReference, errorResponse, fakeServer, json, rejectionOf } from './fakes.js';

// The client's calls about references: a thread's list, sending a Webmention, and reading its status.

/** With the fields a source may leave out left out: the shape check lets `null` through. */
const reference = aReference({ title: null, author: { name: 'Ada', url: null, photo: null } });

const queued = {
  state: 'queued',
  source: 'https://reader.example/answer',
  target: 'https://blog.example/blog/hello',
  updatedAt: '2025-06-10T12:00:00.000Z',
};

/** A server that answers every request with `answer`, recording the form bodies it was sent. */
function formServer(answer: () => Response) {
  const sent: { url: string; method: string; body: string; headers: Headers }[] = [];
  const fetch = (input: RequestInfo | URL, init: RequestInit = {}) => {
    sent.push({
      url: String(input),
      method: init.method ?? 'GET',
      body: String(init.body),
      headers: new Headers(init.headers),
    });
    return Promise.resolve(answer());
  };
  return { sent, client: createClient({ endpoint: 'https://comments.example/', fetch }) };
}

describe('client: references', () => {
  it('lists a thread’s references, and refuses a malformed list', async () => {
    const server = fakeServer(() => json(200, { thread: '/blog/hello', references: [reference] }));
    const client = createClient({ endpoint: 'https://comments.example/natter', fetch: server.fetch });
    expect(await client.listReferences('/blog/hello')).to.deep.equal([reference]);
    expect(server.requests[0]!.url.href).to.equal(
      'https://comments.example/natter/api/v1/references?thread=%2Fblog%2Fhello',
    );
    const broken = fakeServer(() =>
      json(200, { thread: '/blog/hello', references: [{ ...reference, kind: 'comment' }] }),
    );
    const error = await rejectionOf(
      createClient({ endpoint: 'https://comments.example/', fetch: broken.fetch }).listReferences('/x'),
    );
    expect((error as NatterHttpError).code).to.equal('bad_response');
  });

  it('sends a Webmention form-encoded and gives the status URL of its Location', async () => {
    const { sent, client } = formServer(() => json(201, queued, { Location: '/webmention/status/m1' }));
    const answer = await client.sendWebmention('https://comments.example/webmention', {
      source: 'https://reader.example/answer?a=1&b=2',
      target: 'https://blog.example/blog/hello',
    });
    expect(answer).to.deep.equal({
      mention: queued,
      statusUrl: 'https://comments.example/webmention/status/m1',
    });
    const [request] = sent;
    expect(request!.method).to.equal('POST');
    expect(request!.url).to.equal('https://comments.example/webmention');
    expect(request!.headers.get('Content-Type')).to.equal('application/x-www-form-urlencoded; charset=utf-8');
    expect(request!.headers.get('Accept')).to.equal('application/json');
    expect(request!.body).to.equal(
      'source=https%3A%2F%2Freader.example%2Fanswer%3Fa%3D1%26b%3D2&target=https%3A%2F%2Fblog.example%2Fblog%2Fhello',
    );
  });

  it('takes an answer without a body as queued, and one without a readable Location as having no status URL', async () => {
    const { client } = formServer(() => new Response(null, { status: 202 }));
    const { mention, statusUrl } = await client.sendWebmention('https://comments.example/webmention', {
      source: queued.source,
      target: queued.target,
    });
    expect(mention.state).to.equal('queued');
    expect(statusUrl).to.equal(undefined);
    const scheme = formServer(() => json(201, queued, { Location: 'javascript:alert(1)' }));
    const odd = await scheme.client.sendWebmention('https://comments.example/webmention', queued);
    expect(odd.statusUrl).to.equal(undefined);
  });

  it('throws the protocol’s error for a refusal, and a TypeError for an endpoint that is no web address', async () => {
    const { client } = formServer(() => errorResponse(400, 'validation_failed', 'source'));
    const error = (await rejectionOf(
      client.sendWebmention('https://comments.example/webmention', queued),
    )) as NatterHttpError;
    expect([error.status, error.code, error.field]).to.deep.equal([400, 'validation_failed', 'source']);
    const notWeb = await rejectionOf(client.sendWebmention('javascript:alert(1)', queued));
    expect(notWeb).to.be.instanceOf(TypeError);
  });

  it('reads a status, and refuses one of an unknown state', async () => {
    const verified = { ...queued, state: 'verified', status: 'published', reference };
    const server = fakeServer(() => json(200, verified));
    const client = createClient({ endpoint: 'https://comments.example/', fetch: server.fetch });
    expect(await client.getMentionStatus('https://comments.example/webmention/status/m1')).to.deep.equal(
      verified,
    );
    const odd = fakeServer(() => json(200, { ...queued, state: 'lost' }));
    const error = await rejectionOf(
      createClient({ endpoint: 'https://comments.example/', fetch: odd.fetch }).getMentionStatus(
        'https://comments.example/webmention/status/m1',
      ),
    );
    expect((error as NatterHttpError).code).to.equal('bad_response');
  });
});

import { expect } from '@open-wc/testing';
import { createClient, NatterHttpError } from '../../src/client/index.js';
import { aComment, json, rejectionOf } from './fakes.js';

// A browser refuses a page the answer of a server that does not allow the page's origin (CORS), and tells the
// page nothing but "Failed to fetch", exactly as when the server cannot be reached. The client tells the two
// apart where the browser lets it: a `no-cors` request resolves whenever the server answers at all.

/** A server on another origin, the way a browser page sees it: `no-cors` requests resolve, and CORS ones `fail`. */
function otherOrigin({ isRefusing = true, isReachable = true } = {}) {
  const requests: RequestInit[] = [];
  const fetch = (_input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    requests.push(init);
    if (!isReachable) return Promise.reject(new TypeError('Failed to fetch'));
    if (init.mode === 'no-cors') return Promise.resolve(new Response(null, { status: 200 }));
    if (isRefusing) return Promise.reject(new TypeError('Failed to fetch'));
    return Promise.resolve(json(200, { comment: aComment() }));
  };
  return { fetch, requests };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await rejectionOf(promise);
  expect(error).to.be.instanceOf(NatterHttpError);
  return (error as NatterHttpError).code;
}

describe('client: a server that refuses this page’s origin (CORS)', () => {
  it('reports a read that the browser withheld as cors, not network, naming both origins', async () => {
    const server = otherOrigin();
    const client = createClient({ endpoint: 'https://comments.example/', fetch: server.fetch });
    const error = (await rejectionOf(client.listComments({ thread: 't' }))) as NatterHttpError;
    expect(error).to.include({ status: 0, code: 'cors' });
    expect(error.message).to.include('https://comments.example').and.include(location.origin);
    expect(server.requests.map((request) => request.mode ?? 'cors')).to.deep.equal([
      'cors',
      'no-cors',
      'cors',
    ]);
    expect(server.requests[1]).to.include({ credentials: 'omit' });
  });

  it('still reports a server that does not answer at all as network', async () => {
    const server = otherOrigin({ isReachable: false });
    const client = createClient({ endpoint: 'https://comments.example/', fetch: server.fetch });
    expect(await codeOf(client.listComments({ thread: 't' }))).to.equal('network');
  });

  it('takes a refusal that does not hold (a moment’s blip) as no refusal: asked again, the read succeeds', async () => {
    let failures = 1;
    const fetch = (_input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
      if (init.mode === 'no-cors') return Promise.resolve(new Response(null, { status: 200 }));
      if (failures-- > 0) return Promise.reject(new TypeError('Failed to fetch'));
      return Promise.resolve(json(200, { comment: aComment() }));
    };
    const client = createClient({ endpoint: 'https://comments.example/', fetch });
    expect(await client.getComment('c1')).to.deep.equal({ comment: aComment() });
  });

  it('never sends a write twice, nor probes for one: a refused post is a network failure', async () => {
    const server = otherOrigin();
    const client = createClient({ endpoint: 'https://comments.example/', fetch: server.fetch });
    expect(await codeOf(client.postComment({ thread: 't', name: 'Ada', text: 'Hi' }))).to.equal('network');
    expect(server.requests).to.have.length(1);
  });

  it('does not blame CORS for its own origin, which CORS never refuses', async () => {
    const server = otherOrigin();
    const client = createClient({ endpoint: location.origin, fetch: server.fetch });
    expect(await codeOf(client.listComments({ thread: 't' }))).to.equal('network');
    expect(server.requests).to.have.length(1);
  });

  it('tells a real refusal from a real unreachable server, with the browser’s own fetch', async () => {
    // The test server answers on 127.0.0.1 as well as on localhost: to this page another origin, whose answers
    // carry no Access-Control-Allow-Origin.
    const other = new URL(location.href);
    other.hostname = other.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
    const refusing = createClient({ endpoint: other.origin });
    expect(await codeOf(refusing.listComments({ thread: 't' }))).to.equal('cors');
    const unreachable = createClient({ endpoint: 'http://127.0.0.1:1/' });
    expect(await codeOf(unreachable.listComments({ thread: 't' }))).to.equal('network');
  });
});

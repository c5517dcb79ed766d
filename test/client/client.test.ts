import { expect } from '@open-wc/testing';
import { createClient } from '../../src/client/index.js';
import { limits } from '../../src/protocol/limits.js';
import { aComment, fakeServer, json, rejectionOf } from './fakes.js';

const listAnswer = (comments = [aComment()]) =>
  json(200, { thread: { key: '/blog/hello', count: comments.length, locked: false }, comments, next: null });

describe('client: where requests go', () => {
  for (const [endpoint, expected] of [
    ['https://example.com', 'https://example.com/api/v1/comments'],
    ['https://example.com/', 'https://example.com/api/v1/comments'],
    ['https://example.com/natter', 'https://example.com/natter/api/v1/comments'],
    ['https://example.com/natter/', 'https://example.com/natter/api/v1/comments'],
    ['https://example.com/natter/?site=1#top', 'https://example.com/natter/api/v1/comments'],
    ['http://localhost:8787/a/b/', 'http://localhost:8787/a/b/api/v1/comments'],
  ]) {
    it(`puts the API of ${endpoint} at ${expected}`, async () => {
      const server = fakeServer(() => listAnswer());
      await createClient({ endpoint, fetch: server.fetch }).listComments({ thread: 't' });
      expect(server.requests[0].url.origin + server.requests[0].url.pathname).to.equal(expected);
    });
  }

  it('takes a URL object as the endpoint', async () => {
    const server = fakeServer(() => listAnswer());
    const endpoint = new URL('https://example.com/natter');
    await createClient({ endpoint, fetch: server.fetch }).listComments({ thread: 't' });
    expect(server.requests[0].url.pathname).to.equal('/natter/api/v1/comments');
  });

  for (const endpoint of ['/natter/', 'natter', 'ftp://example.com/', 'javascript:alert(1)']) {
    it(`refuses the endpoint ${endpoint} at once`, () => {
      expect(() => createClient({ endpoint })).to.throw(TypeError);
    });
  }

  it('percent-encodes the thread key so that it survives the trip unchanged', async () => {
    const thread = '/blog/héllo world?a=1&b=2#x+y%20z/../..';
    const server = fakeServer(() => listAnswer());
    await createClient({ endpoint: 'https://example.com', fetch: server.fetch }).listComments({ thread });
    const { url } = server.requests[0];
    expect(url.pathname).to.equal('/api/v1/comments');
    expect(url.search).to.equal(`?thread=${encodeURIComponent(thread)}`);
    expect(url.search).not.to.include('+');
    expect(url.searchParams.get('thread')).to.equal(thread);
  });

  it('sends limit, sort and cursor only when given', async () => {
    const server = fakeServer(() => listAnswer());
    const client = createClient({ endpoint: 'https://example.com', fetch: server.fetch });
    await client.listComments({ thread: 't', cursor: null });
    await client.listComments({ thread: 't', limit: 20, sort: 'newest', cursor: 'abc=/+&' });
    expect([...server.requests[0].url.searchParams.keys()]).to.deep.equal(['thread']);
    const { searchParams } = server.requests[1].url;
    expect(searchParams.get('limit')).to.equal('20');
    expect(searchParams.get('sort')).to.equal('newest');
    expect(searchParams.get('cursor')).to.equal('abc=/+&');
  });

  it('puts the comment id in the path', async () => {
    const server = fakeServer(() => new Response(null, { status: 204 }));
    await createClient({ endpoint: 'https://example.com/natter', fetch: server.fetch }).deleteComment(
      'c_1-A',
      's',
    );
    expect(server.requests[0].url.href).to.equal('https://example.com/natter/api/v1/comments/c_1-A');
  });

  for (const id of ['', '.', '..', 'a/b', '../counts', 'a?b', 'x'.repeat(65)]) {
    it(`refuses the comment id ${JSON.stringify(id)} without sending anything`, async () => {
      const server = fakeServer();
      const client = createClient({ endpoint: 'https://example.com', fetch: server.fetch });
      expect(await rejectionOf(client.editComment(id, 'text', 's'))).to.be.instanceOf(TypeError);
      expect(await rejectionOf(client.deleteComment(id, 's'))).to.be.instanceOf(TypeError);
      expect(server.requests).to.have.length(0);
    });
  }

  it('uses the global fetch when given none, looked up at each call', async () => {
    const original = globalThis.fetch;
    const server = fakeServer(() => listAnswer());
    const client = createClient({ endpoint: 'https://example.com' });
    globalThis.fetch = server.fetch;
    try {
      await client.listComments({ thread: 't' });
    } finally {
      globalThis.fetch = original;
    }
    expect(server.requests).to.have.length(1);
  });
});

describe('client: headers', () => {
  it('asks for JSON, and labels only bodies as JSON', async () => {
    const server = fakeServer(() => listAnswer());
    await createClient({ endpoint: 'https://example.com', fetch: server.fetch }).listComments({
      thread: 't',
    });
    const { headers } = server.requests[0];
    expect(headers.get('Accept')).to.equal('application/json');
    expect(headers.has('Content-Type')).to.equal(false);
    expect(headers.has('Authorization')).to.equal(false);
  });

  it('sends JSON bodies as application/json in UTF-8', async () => {
    const server = fakeServer(() => json(201, { comment: aComment(), secret: 's', editableUntil: 'x' }));
    await createClient({ endpoint: 'https://example.com', fetch: server.fetch }).postComment({
      thread: 't',
      name: 'Ada',
      text: 'Hi',
    });
    expect(server.requests[0].headers.get('Content-Type')).to.equal('application/json; charset=utf-8');
  });

  it('authorises edits and deletions with the secret as a bearer token', async () => {
    const server = fakeServer((request) =>
      request.method === 'PATCH' ? json(200, { comment: aComment() }) : new Response(null, { status: 204 }),
    );
    const client = createClient({ endpoint: 'https://example.com', fetch: server.fetch });
    await client.editComment('c1', 'new', 'SeCrEt_-1');
    await client.deleteComment('c1', 'SeCrEt_-1');
    for (const request of server.requests) {
      expect(request.headers.get('Authorization')).to.equal('Bearer SeCrEt_-1');
    }
  });

  it('adds the caller’s headers to every request, but keeps the protocol’s own', async () => {
    const server = fakeServer(() => listAnswer());
    const headers = { 'X-Site': 'blog', Accept: 'text/html' };
    await createClient({ endpoint: 'https://example.com', fetch: server.fetch, headers }).listComments({
      thread: 't',
    });
    expect(server.requests[0].headers.get('X-Site')).to.equal('blog');
    expect(server.requests[0].headers.get('Accept')).to.equal('application/json');
  });
});

describe('client: listComments', () => {
  it('resolves with the page, the thread and the next cursor', async () => {
    const comments = [
      aComment(),
      aComment({ id: 'c2', parent: 'c1', author: { name: 'Bo', url: 'https://bo.example/' } }),
    ];
    const page = {
      thread: { key: 't', count: 7, locked: true, policy: '<p>Be kind</p>' },
      comments,
      next: 'n1',
    };
    const server = fakeServer(() => json(200, page));
    const answer = await createClient({ endpoint: 'https://example.com', fetch: server.fetch }).listComments({
      thread: 't',
    });
    expect(answer).to.deep.equal(page);
    expect(server.requests[0].method).to.equal('GET');
  });

  it('accepts an unknown thread as an empty one', async () => {
    const server = fakeServer(() =>
      json(200, { thread: { key: 'new', count: 0, locked: false }, comments: [], next: null }),
    );
    const answer = await createClient({ endpoint: 'https://example.com', fetch: server.fetch }).listComments({
      thread: 'new',
    });
    expect(answer.comments).to.deep.equal([]);
    expect(answer.thread.count).to.equal(0);
  });

  it('lets a newer server add members', async () => {
    const server = fakeServer(() =>
      json(200, {
        thread: { key: 't', count: 1, locked: false, subscribers: 3 },
        comments: [{ ...aComment(), likes: 2 }],
        next: null,
      }),
    );
    const answer = await createClient({ endpoint: 'https://example.com', fetch: server.fetch }).listComments({
      thread: 't',
    });
    expect(answer.comments[0].id).to.equal('c1');
  });
});

describe('client: postComment', () => {
  const newComment = {
    thread: '/blog/hello',
    parent: 'c1',
    name: 'Ada',
    email: 'ada@example.com',
    url: '',
    text: 'Hi',
  };

  it('sends exactly the protocol’s fields', async () => {
    const server = fakeServer(() => json(201, { comment: aComment(), secret: 's', editableUntil: 'x' }));
    const client = createClient({ endpoint: 'https://example.com', fetch: server.fetch });
    await client.postComment({ ...newComment, isRemembered: true } as typeof newComment);
    expect(server.requests[0].method).to.equal('POST');
    expect(server.requests[0].url.pathname).to.equal('/api/v1/comments');
    expect(server.requests[0].body).to.deep.equal(newComment);
  });

  it('leaves out the optional fields not given', async () => {
    const server = fakeServer(() => json(201, { comment: aComment(), secret: 's', editableUntil: 'x' }));
    const client = createClient({ endpoint: 'https://example.com', fetch: server.fetch });
    await client.postComment({ thread: 't', name: 'Ada', text: 'Hi' });
    expect(server.requests[0].body).to.deep.equal({ thread: 't', name: 'Ada', text: 'Hi' });
  });

  it('reports a published comment (201) with its secret and edit window', async () => {
    const comment = aComment();
    const until = '2025-06-01T10:15:00.000Z';
    const server = fakeServer(() => json(201, { comment, secret: 'abc', editableUntil: until }));
    const posted = await createClient({ endpoint: 'https://example.com', fetch: server.fetch }).postComment(
      newComment,
    );
    expect(posted).to.deep.equal({ comment, secret: 'abc', editableUntil: until, isPending: false });
  });

  it('reports a comment held for moderation (202) as pending', async () => {
    const comment = aComment({ status: 'pending' });
    const server = fakeServer(() => json(202, { comment, secret: 'abc', editableUntil: 'x' }));
    const posted = await createClient({ endpoint: 'https://example.com', fetch: server.fetch }).postComment(
      newComment,
    );
    expect(posted.isPending).to.equal(true);
    expect(posted.comment.status).to.equal('pending');
  });

  it('sends the form token, the honeypot and the trust token when given', async () => {
    const server = fakeServer(() => json(201, { comment: aComment(), secret: 's', editableUntil: 'x' }));
    const client = createClient({ endpoint: 'https://example.com', fetch: server.fetch });
    const defended = { ...newComment, formToken: 'form-1', honeypot: '', trust: 'trust-1' };
    await client.postComment(defended);
    expect(server.requests[0].body).to.deep.equal(defended);
  });

  it('hands over the trust token a published comment brings', async () => {
    const comment = aComment();
    const server = fakeServer(() =>
      json(201, { comment, secret: 'abc', editableUntil: 'x', trust: 'trust-for-ada' }),
    );
    const posted = await createClient({ endpoint: 'https://example.com', fetch: server.fetch }).postComment(
      newComment,
    );
    expect(posted).to.deep.equal({
      comment,
      secret: 'abc',
      editableUntil: 'x',
      isPending: false,
      trust: 'trust-for-ada',
    });
  });

  for (const trust of [42, '', null]) {
    it(`refuses an answer whose trust token is ${JSON.stringify(trust)}`, async () => {
      const server = fakeServer(() =>
        json(201, { comment: aComment(), secret: 's', editableUntil: 'x', trust }),
      );
      const client = createClient({ endpoint: 'https://example.com', fetch: server.fetch });
      expect(await rejectionOf(client.postComment(newComment))).to.include({ code: 'bad_response' });
    });
  }
});

describe('client: getFormToken', () => {
  it('asks for a form token for the thread and resolves with it', async () => {
    const server = fakeServer(() => json(200, { formToken: 'ft.1.abc' }));
    const client = createClient({ endpoint: 'https://example.com/natter', fetch: server.fetch });
    expect(await client.getFormToken('/blog/héllo?x=1&y')).to.equal('ft.1.abc');
    const [request] = server.requests;
    expect(request.method).to.equal('GET');
    expect(request.url.pathname).to.equal('/natter/api/v1/form-token');
    expect(request.url.search).to.equal(`?thread=${encodeURIComponent('/blog/héllo?x=1&y')}`);
    expect(request.headers.has('Authorization')).to.equal(false);
  });

  for (const body of [{}, { formToken: '' }, { formToken: 7 }, { token: 'abc' }]) {
    it(`refuses the answer ${JSON.stringify(body)}`, async () => {
      const server = fakeServer(() => json(200, body));
      const client = createClient({ endpoint: 'https://example.com', fetch: server.fetch });
      expect(await rejectionOf(client.getFormToken('t'))).to.include({ code: 'bad_response' });
    });
  }
});

describe('client: reportComment', () => {
  for (const reason of ['spam', 'abuse', 'off_topic'] as const) {
    it(`reports a comment as ${reason} with POST to its reports and resolves with nothing`, async () => {
      const server = fakeServer(() => json(202, {}));
      const client = createClient({ endpoint: 'https://example.com/natter/', fetch: server.fetch });
      expect(await client.reportComment('c_1-A', reason)).to.equal(undefined);
      const [request] = server.requests;
      expect(request.method).to.equal('POST');
      expect(request.url.href).to.equal('https://example.com/natter/api/v1/comments/c_1-A/reports');
      expect(request.body).to.deep.equal({ reason });
      expect(request.headers.has('Authorization')).to.equal(false);
    });
  }

  it('refuses a comment id outside the id alphabet without sending anything', async () => {
    const server = fakeServer();
    const client = createClient({ endpoint: 'https://example.com', fetch: server.fetch });
    expect(await rejectionOf(client.reportComment('..', 'spam'))).to.be.instanceOf(TypeError);
    expect(server.requests).to.have.length(0);
  });
});

describe('client: getComment', () => {
  it('reads one comment with GET and resolves with it, sending no secret unless given one', async () => {
    const comment = aComment({ id: 'c_1-A' });
    const server = fakeServer(() => json(200, { comment }));
    const client = createClient({ endpoint: 'https://example.com/natter', fetch: server.fetch });
    expect(await client.getComment('c_1-A')).to.deep.equal({ comment });
    expect(server.requests[0].method).to.equal('GET');
    expect(server.requests[0].url.href).to.equal('https://example.com/natter/api/v1/comments/c_1-A');
    expect(server.requests[0].headers.has('Authorization')).to.equal(false);
    expect(server.requests[0].body).to.equal(undefined);
  });

  it('reads a held comment with its secret as a bearer token', async () => {
    const comment = aComment({ status: 'pending' });
    const server = fakeServer(() => json(200, { comment }));
    const client = createClient({ endpoint: 'https://example.com', fetch: server.fetch });
    expect(await client.getComment('c1', { secret: 'Zk3q9wXb2Lr8TnV0cYpA1g' })).to.deep.equal({ comment });
    expect(server.requests[0].headers.get('Authorization')).to.equal('Bearer Zk3q9wXb2Lr8TnV0cYpA1g');
  });

  it('hands its author the trust token of a comment a moderator published', async () => {
    const comment = aComment();
    const server = fakeServer(() => json(200, { comment, trust: 'trust-for-ada' }));
    const client = createClient({ endpoint: 'https://example.com', fetch: server.fetch });
    expect(await client.getComment('c1', { secret: 's' })).to.deep.equal({ comment, trust: 'trust-for-ada' });
  });

  it('refuses an answer whose trust token is not a string', async () => {
    const server = fakeServer(() => json(200, { comment: aComment(), trust: { token: 'x' } }));
    const client = createClient({ endpoint: 'https://example.com', fetch: server.fetch });
    expect(await rejectionOf(client.getComment('c1', { secret: 's' }))).to.include({ code: 'bad_response' });
  });

  it('refuses an answer without a comment', async () => {
    const server = fakeServer(() => json(200, { comments: [] }));
    const client = createClient({ endpoint: 'https://example.com', fetch: server.fetch });
    expect(await rejectionOf(client.getComment('c1'))).to.include({ code: 'bad_response' });
  });

  it('refuses a comment id outside the id alphabet without sending anything', async () => {
    const server = fakeServer();
    const client = createClient({ endpoint: 'https://example.com', fetch: server.fetch });
    expect(await rejectionOf(client.getComment('../counts'))).to.be.instanceOf(TypeError);
    expect(server.requests).to.have.length(0);
  });
});

describe('client: editComment and deleteComment', () => {
  it('edits with PATCH and resolves with the edited comment', async () => {
    const edited = aComment({ text: 'Better', editedAt: '2025-06-01T10:05:00.000Z' });
    const server = fakeServer(() => json(200, { comment: edited }));
    const client = createClient({ endpoint: 'https://example.com', fetch: server.fetch });
    expect(await client.editComment('c1', 'Better', 's')).to.deep.equal(edited);
    expect(server.requests[0].method).to.equal('PATCH');
    expect(server.requests[0].url.pathname).to.equal('/api/v1/comments/c1');
    expect(server.requests[0].body).to.deep.equal({ text: 'Better' });
  });

  it('deletes with DELETE, sends no body and resolves with nothing', async () => {
    const server = fakeServer(() => new Response(null, { status: 204 }));
    const client = createClient({ endpoint: 'https://example.com', fetch: server.fetch });
    expect(await client.deleteComment('c1', 's')).to.equal(undefined);
    expect(server.requests[0].method).to.equal('DELETE');
    expect(server.requests[0].body).to.equal(undefined);
    expect(server.requests[0].headers.has('Content-Type')).to.equal(false);
  });
});

describe('client: getCounts', () => {
  const countingServer = () =>
    fakeServer((request) => {
      const threads = request.url.searchParams.getAll('thread');
      return json(200, { counts: Object.fromEntries(threads.map((thread) => [thread, thread.length])) });
    });

  it('asks once for several threads and keys the answer by thread', async () => {
    const server = countingServer();
    const counts = await createClient({ endpoint: 'https://example.com', fetch: server.fetch }).getCounts([
      '/a',
      '/bb b',
      '/a',
    ]);
    expect(counts).to.deep.equal({ '/a': 2, '/bb b': 5 });
    expect(server.requests).to.have.length(1);
    expect(server.requests[0].url.pathname).to.equal('/api/v1/counts');
    expect(server.requests[0].url.search).to.equal('?thread=%2Fa&thread=%2Fbb%20b');
  });

  it('asks nothing for no threads', async () => {
    const server = countingServer();
    expect(
      await createClient({ endpoint: 'https://example.com', fetch: server.fetch }).getCounts([]),
    ).to.deep.equal({});
    expect(server.requests).to.have.length(0);
  });

  it('splits many threads into requests within the protocol’s limit', async () => {
    const server = countingServer();
    const threads = Array.from({ length: 120 }, (_, index) => `/post/${index}`);
    const counts = await createClient({ endpoint: 'https://example.com', fetch: server.fetch }).getCounts(
      threads,
    );
    expect(Object.keys(counts)).to.have.length(120);
    expect(server.requests.map((request) => request.url.searchParams.getAll('thread').length)).to.deep.equal([
      limits.maxCountThreads,
      limits.maxCountThreads,
      20,
    ]);
  });

  it('keeps every request URL within the length servers must accept', async () => {
    const server = countingServer();
    const threads = Array.from(
      { length: 40 },
      (_, index) => `${index}-${'ü'.repeat(limits.threadLength - 3)}`,
    );
    const counts = await createClient({ endpoint: 'https://example.com', fetch: server.fetch }).getCounts(
      threads,
    );
    expect(Object.keys(counts)).to.have.length(40);
    expect(server.requests.length).to.be.greaterThan(1);
    for (const request of server.requests)
      expect(request.url.href.length).to.be.at.most(limits.requestUrlLength);
  });

  it('copes with thread keys that name Object.prototype members', async () => {
    const server = countingServer();
    const counts = await createClient({ endpoint: 'https://example.com', fetch: server.fetch }).getCounts([
      '__proto__',
      'constructor',
    ]);
    expect(Object.hasOwn(counts, '__proto__')).to.equal(true);
    expect(counts['__proto__']).to.equal(9);
    expect(counts.constructor).to.equal(11);
  });
});

describe('client: likeComment', () => {
  it('likes a comment with POST to its likes and resolves with its count after the like', async () => {
    const server = fakeServer(() => json(200, { likes: 4 }));
    const client = createClient({ endpoint: 'https://example.com/natter/', fetch: server.fetch });
    expect(await client.likeComment('c_1-A')).to.equal(4);
    const [request] = server.requests;
    expect(request.method).to.equal('POST');
    expect(request.url.href).to.equal('https://example.com/natter/api/v1/comments/c_1-A/likes');
  });

  it('takes a like back with DELETE to the same place', async () => {
    const server = fakeServer(() => json(200, { likes: 0 }));
    const client = createClient({ endpoint: 'https://example.com', fetch: server.fetch });
    expect(await client.likeComment('c1', false)).to.equal(0);
    expect(server.requests[0].method).to.equal('DELETE');
    expect(server.requests[0].url.pathname).to.equal('/api/v1/comments/c1/likes');
  });

  for (const body of [{}, { likes: -1 }, { likes: 1.5 }, { likes: '3' }]) {
    it(`refuses the answer ${JSON.stringify(body)} as malformed`, async () => {
      const server = fakeServer(() => json(200, body));
      const client = createClient({ endpoint: 'https://example.com', fetch: server.fetch });
      expect(await rejectionOf(client.likeComment('c1'))).to.include({ code: 'bad_response' });
    });
  }

  it('passes a 429 on as rate_limited with its Retry-After', async () => {
    const server = fakeServer(
      () =>
        new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'Slow down' } }), {
          status: 429,
          headers: { 'Content-Type': 'application/json', 'Retry-After': '30' },
        }),
    );
    const client = createClient({ endpoint: 'https://example.com', fetch: server.fetch });
    expect(await rejectionOf(client.likeComment('c1'))).to.include({ code: 'rate_limited', retryAfter: 30 });
  });
});

import { expect, waitUntil } from '@open-wc/testing';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import type { Comment, NewComment } from '../../src/protocol/types.js';
import { trustTokensLimit } from '../../src/elements/natter-comments/reader-storage.js';
import { fakeServer, json, type SeenRequest } from '../client/fakes.js';
import {
  aComment,
  aPage,
  fillAndSubmit,
  isFormTokenRequest,
  mount,
  noFormToken,
  postingDone,
  resetPage,
  textOf,
} from './helpers.js';
import { endpoint } from './own-helpers.js';

// First-time moderation: a server publishes at once the comments of an author it approved before, recognised by
// the trust token it gave for their e-mail address, never by the address alone. The widget keeps that token per
// server and address, and sends it with later comments that give the address.

afterEach(resetPage);

const trustKey = (server = endpoint) => `natter:trust:${server}`;

/** The trust tokens kept for `server`, by address. */
function storedTrust(server = endpoint): Record<string, { token: string }> {
  return JSON.parse(localStorage.getItem(trustKey(server)) ?? '{}') as ReturnType<typeof storedTrust>;
}

/** The token a server gives for `email`: bound to the address, whatever its case. */
const tokenFor = (email: string) => `trust-for-${email.toLowerCase()}`;

/**
 * A fake server under first-time moderation: a post whose `trust` is the token for its address is published (201)
 * with a fresh token; any other is held (202). `approve(id)` publishes a held comment as a moderator does: the
 * thread lists it, and its author's read by the secret brings the token for its address.
 */
function firstTimeServer() {
  const comments = new Map<string, { comment: Comment; email?: string }>();
  const server = fakeServer((request: SeenRequest) => {
    if (isFormTokenRequest(request)) return noFormToken();
    const one = /\/comments\/([^/]+)$/.exec(request.url.pathname)?.[1];
    if (request.method === 'GET' && !one) {
      const listed = [...comments.values()].filter((entry) => entry.comment.status === 'published');
      return json(200, aPage({ comments: listed.map((entry) => entry.comment) }));
    }
    if (request.method === 'GET') {
      const entry = comments.get(one!);
      if (!entry || request.headers.get('Authorization') !== `Bearer secret-of-${one}`) {
        return json(404, { error: { code: 'not_found', message: 'No such comment' } });
      }
      const isTrusted = entry.comment.status === 'published' && entry.email;
      return json(200, { comment: entry.comment, ...(isTrusted && { trust: tokenFor(entry.email!) }) });
    }
    const sent = request.body as NewComment;
    const isTrusted = sent.email !== undefined && sent.trust === tokenFor(sent.email);
    const comment = aComment({
      id: `c${comments.size + 1}`,
      thread: sent.thread,
      author: { name: sent.name, url: null },
      text: sent.text,
      createdAt: new Date(Date.UTC(2025, 6, 1, 10, comments.size)).toISOString(),
      status: isTrusted ? 'published' : 'pending',
    });
    comments.set(comment.id, { comment, email: sent.email });
    return json(isTrusted ? 201 : 202, {
      comment,
      secret: `secret-of-${comment.id}`,
      editableUntil: new Date(Date.now() + 15 * 60_000).toISOString(),
      ...(isTrusted && { trust: tokenFor(sent.email!) }),
    });
  });
  window.fetch = server.fetch;
  return {
    approve(id: string) {
      comments.get(id)!.comment.status = 'published';
    },
    get posts() {
      return server.requests
        .filter((request) => request.method === 'POST')
        .map((request) => request.body as NewComment);
    },
    /** The requests for one comment, as `id: authorization`. */
    get reads() {
      return server.requests
        .filter((request) => request.method === 'GET' && /\/comments\/[^/]+$/.test(request.url.pathname))
        .map(
          (request) => `${request.url.pathname.split('/').pop()}: ${request.headers.get('Authorization')}`,
        );
    },
  };
}

async function post(element: NatterComments, email: string | undefined, text: string): Promise<string> {
  await fillAndSubmit(element, { name: 'Grace', text, ...(email !== undefined && { email }) });
  await postingDone(element);
  return textOf(element, '[part="confirmation"]');
}

const published = 'Your comment is published.';
const held = 'Your comment is awaiting moderation and will appear once approved.';

describe('natter-comments trust tokens', () => {
  it('holds a first comment, keeps the token a moderator’s approval brings, and publishes the next at once', async () => {
    const server = firstTimeServer();
    let element = await mount({ endpoint });
    expect(await post(element, 'Grace@Example.com', 'My first comment')).to.equal(held);
    expect(server.posts[0]).not.to.have.property('trust');

    server.approve('c1');
    element.parentElement!.remove();
    element = await mount({ endpoint });
    await waitUntil(() => storedTrust()['grace@example.com'], 'the approval’s token was never kept');
    expect(server.reads).to.deep.equal(['c1: Bearer secret-of-c1']);
    expect(storedTrust()['grace@example.com'].token).to.equal(tokenFor('Grace@Example.com'));

    expect(await post(element, 'grace@example.COM', 'Now I am trusted')).to.equal(published);
    expect(server.posts[1].trust).to.equal(tokenFor('grace@example.com'));
  });

  it('keeps the token a comment published at once brings, and sends it only with the same address', async () => {
    const server = firstTimeServer();
    localStorage.setItem(
      trustKey(),
      JSON.stringify({ 'grace@example.com': { token: tokenFor('grace@example.com'), savedAt: 1 } }),
    );
    const element = await mount({ endpoint });
    expect(await post(element, 'grace@example.com', 'Trusted')).to.equal(published);
    expect(storedTrust()['grace@example.com'].token, 'renewed').to.equal(tokenFor('grace@example.com'));
    expect(storedTrust()['grace@example.com']).not.to.deep.include({ savedAt: 1 });
    expect(await post(element, 'ada@example.com', 'Another address')).to.equal(held);
    expect(await post(element, undefined, 'No address')).to.equal(held);
    expect(server.posts.map((sent) => sent.trust)).to.deep.equal([
      tokenFor('grace@example.com'),
      undefined,
      undefined,
    ]);
  });

  it('asks about a held comment before posting when the page stayed open while a moderator approved it', async () => {
    const server = firstTimeServer();
    const element = await mount({ endpoint });
    expect(await post(element, 'grace@example.com', 'First')).to.equal(held);
    server.approve('c1');
    expect(await post(element, 'grace@example.com', 'Second')).to.equal(published);
    expect(server.reads).to.deep.equal(['c1: Bearer secret-of-c1']);
    expect(server.posts[1].trust).to.equal(tokenFor('grace@example.com'));
    expect(await post(element, 'grace@example.com', 'Third')).to.equal(published);
    expect(server.reads, 'no more reads once the token is kept').to.have.length(1);
  });

  it('sends no other server’s token', async () => {
    const server = firstTimeServer();
    localStorage.setItem(
      trustKey('https://elsewhere.example/'),
      JSON.stringify({ 'grace@example.com': { token: tokenFor('grace@example.com'), savedAt: Date.now() } }),
    );
    const element = await mount({ endpoint });
    expect(await post(element, 'grace@example.com', 'New here')).to.equal(held);
    expect(server.posts[0]).not.to.have.property('trust');
  });

  it(`keeps the tokens of the ${trustTokensLimit} addresses most recently trusted`, async () => {
    firstTimeServer();
    const old = Object.fromEntries(
      Array.from({ length: trustTokensLimit }, (_, index) => [
        `reader${index}@example.com`,
        { token: tokenFor(`reader${index}@example.com`), savedAt: index + 1 },
      ]),
    );
    localStorage.setItem(trustKey(), JSON.stringify(old));
    const element = await mount({ endpoint });
    expect(await post(element, `reader5@example.com`, 'Still trusted')).to.equal(published);
    localStorage.setItem(
      trustKey(),
      JSON.stringify({ ...storedTrust(), 'new@example.com': { token: 'stale', savedAt: 0 } }),
    );
    expect(await post(element, 'reader3@example.com', 'Trusted too')).to.equal(published);
    const kept = Object.keys(storedTrust());
    expect(kept).to.have.length(trustTokensLimit);
    expect(kept).to.include.members(['reader5@example.com', 'reader3@example.com', 'reader9@example.com']);
    expect(kept).not.to.include('new@example.com');
  });
});

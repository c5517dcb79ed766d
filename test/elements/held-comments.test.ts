import { expect, waitUntil } from '@open-wc/testing';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import type { Comment, NewComment } from '../../src/protocol/types.js';
import { fakeServer, json, type SeenRequest } from '../client/fakes.js';
import {
  $$,
  aComment,
  aPage,
  fillAndSubmit,
  isFormTokenRequest,
  lateAnswersArrived,
  mount,
  noFormToken,
  postingDone,
  resetPage,
  someComments,
  textOf,
} from './helpers.js';
import { click, endpoint, fromNow, ownIds, typeEdit } from './own-helpers.js';

// A reader's comment that a moderator holds is theirs to see, marked, on every later visit, until it is
// approved (then the thread lists it) or turned down (then the server no longer knows it): it never seems lost.

const heldKey = `natter:held:${endpoint}`;

afterEach(resetPage);

/** A secret as the server issues them, one per comment. */
const secretOf = (id: string) => `secret-of-${id}`;

/** The held comments kept in storage, by id. */
function storedHeld(): Record<string, { secret: string; thread: string; createdAt: string }> {
  return JSON.parse(localStorage.getItem(heldKey) ?? '{}') as ReturnType<typeof storedHeld>;
}

/**
 * A fake natter server under moderation: it lists `listed` (top-level comments, in the order `sort` asks for),
 * holds every new comment (ids held1, held2, …, posted a minute apart after the listed ones, with an edit window of
 * `editWindowMs`), and shows a held comment only to a request carrying its secret, as
 * `GET /api/v1/comments/{id}` does. `read` replaces that answer; `held` carries over what an earlier one held.
 */
function moderatedServer({
  listed = someComments(3),
  editWindowMs = 15 * 60_000,
  read,
  held = new Map<string, Comment>(),
}: {
  listed?: Comment[];
  editWindowMs?: number;
  read?: (request: SeenRequest, held: Comment | undefined) => Response | Promise<Response>;
  held?: Map<string, Comment>;
} = {}) {
  let posted = held.size;
  const idOf = (request: SeenRequest) => decodeURIComponent(request.url.pathname.split('/').pop()!);
  const server = fakeServer((request) => {
    if (isFormTokenRequest(request)) return noFormToken();
    const isOne = /\/comments\/[^/]+$/.test(request.url.pathname);
    if (request.method === 'GET' && !isOne) {
      const isNewest = request.url.searchParams.get('sort') === 'newest';
      return json(200, aPage({ comments: isNewest ? [...listed].reverse() : listed }));
    }
    if (request.method === 'GET') {
      const comment = held.get(idOf(request));
      if (read) return read(request, comment);
      const isAuthor = comment && request.headers.get('Authorization') === `Bearer ${secretOf(comment.id)}`;
      return isAuthor
        ? json(200, { comment })
        : json(404, { error: { code: 'not_found', message: 'No such comment' } });
    }
    if (request.method === 'POST') {
      posted += 1;
      const sent = request.body as NewComment;
      const comment = aComment({
        id: `held${posted}`,
        thread: sent.thread,
        author: { name: sent.name, url: null },
        text: sent.text,
        createdAt: new Date(Date.UTC(2025, 6, 1, 10, posted)).toISOString(),
        status: 'pending',
      });
      held.set(comment.id, comment);
      return json(202, {
        comment,
        secret: secretOf(comment.id),
        editableUntil: new Date(Date.now() + editWindowMs).toISOString(),
      });
    }
    if (request.method === 'PATCH') {
      const comment = { ...held.get(idOf(request))!, text: (request.body as { text: string }).text };
      held.set(comment.id, comment);
      return json(200, { comment });
    }
    held.delete(idOf(request));
    return new Response(null, { status: 204 });
  });
  window.fetch = server.fetch;
  return {
    held,
    /** The requests for one comment, as `id: authorization`. */
    get reads() {
      return server.requests
        .filter((request) => request.method === 'GET' && /\/comments\/[^/]+$/.test(request.url.pathname))
        .map((request) => `${idOf(request)}: ${request.headers.get('Authorization')}`);
    },
  };
}

/** Posts a comment through the form, as the reader does. */
async function postThrough(element: NatterComments, text: string): Promise<void> {
  await fillAndSubmit(element, { name: 'Grace', text });
  await postingDone(element);
}

/** Leaves the page and opens it again: a new element on the same storage. */
async function reload(
  element: NatterComments,
  attributes: Record<string, string> = {},
): Promise<NatterComments> {
  element.parentElement!.remove();
  return mount({ endpoint, ...attributes });
}

/** Waits until the comment `id` shows. */
async function shows(element: NatterComments, id: string): Promise<void> {
  await waitUntil(() => $$(element, `#comment-${id}`).length === 1, `comment ${id} never showed`);
}

describe('held comments: still there after a reload', () => {
  it('shows the reader’s held comment again, in place and marked, read with its secret, without counting it', async () => {
    const server = moderatedServer();
    const first = await mount({ endpoint });
    await postThrough(first, 'Waiting for a moderator.');
    const element = await reload(first);
    await shows(element, 'held1');

    expect(server.reads).to.deep.equal([`held1: Bearer ${secretOf('held1')}`]);
    expect(textOf(element, '#comment-held1 [part="body"]')).to.equal('Waiting for a moderator.');
    expect(textOf(element, '#comment-held1 [part="badge"]')).to.equal('Awaiting moderation');
    expect($$(element, '.comment').map((item) => item.id)).to.deep.equal([
      'comment-c1',
      'comment-c2',
      'comment-c3',
      'comment-held1',
    ]);
    expect(textOf(element, 'h2')).to.equal('3 comments');
    // Its edit window is still open: Edit and Delete are there too.
    expect(ownIds(element)).to.deep.equal(['held1']);
  });

  it('keeps showing it after the edit window closed: reading is not editing', async () => {
    const server = moderatedServer({ editWindowMs: 0 });
    const first = await mount({ endpoint });
    await postThrough(first, 'Posted, and no longer editable.');
    const element = await reload(first);
    await shows(element, 'held1');
    expect(server.reads).to.deep.equal([`held1: Bearer ${secretOf('held1')}`]);
    expect(textOf(element, '#comment-held1 [part="badge"]')).to.equal('Awaiting moderation');
    expect(ownIds(element)).to.deep.equal([]);
    expect(Object.keys(storedHeld())).to.deep.equal(['held1']);
  });

  it('shows a held comment where it was posted, among comments listed since', async () => {
    const listed = someComments(4);
    const server = moderatedServer({ listed: listed.slice(0, 2) });
    const first = await mount({ endpoint });
    await postThrough(first, 'Held, while others were approved.');
    // Later comments were published meanwhile; the held one was posted before them.
    const later = listed.slice(2).map((comment, index) => ({
      ...comment,
      createdAt: new Date(Date.UTC(2025, 6, 2, index)).toISOString(),
    }));
    moderatedServer({ listed: [...listed.slice(0, 2), ...later], held: server.held });
    for (const [sort, expected] of [
      ['oldest', ['c1', 'c2', 'held1', 'c3', 'c4']],
      ['newest', ['c4', 'c3', 'held1', 'c2', 'c1']],
    ] as const) {
      const element = await reload(first, { sort });
      await shows(element, 'held1');
      expect($$(element, '.comment').map((item) => item.id.replace('comment-', ''))).to.deep.equal(expected);
      element.parentElement!.remove();
    }
  });

  it('forgets a held comment once the thread lists it, without asking for it', async () => {
    const server = moderatedServer();
    const first = await mount({ endpoint });
    await postThrough(first, 'Soon approved.');
    const approved = { ...server.held.get('held1')!, status: 'published' as const };
    const again = moderatedServer({ listed: [...someComments(3), approved] });
    const element = await reload(first);
    await lateAnswersArrived(element);
    expect(again.reads).to.deep.equal([]);
    expect($$(element, '#comment-held1 [part="badge"]')).to.have.length(0);
    expect(storedHeld()).to.deep.equal({});
  });

  it('forgets a held comment that the server no longer knows (404), and shows nothing for it', async () => {
    moderatedServer();
    const first = await mount({ endpoint });
    await postThrough(first, 'Turned down.');
    moderatedServer();
    const element = await reload(first);
    await waitUntil(() => Object.keys(storedHeld()).length === 0, 'the held comment was not forgotten');
    expect($$(element, '#comment-held1')).to.have.length(0);
  });

  it('forgets one the server now publishes (it is on a later page), and keeps one it could not ask about', async () => {
    const server = moderatedServer();
    const first = await mount({ endpoint });
    await postThrough(first, 'Approved.');
    await postThrough(first, 'Asked about while offline.');
    moderatedServer({
      read: (request, comment) =>
        request.url.pathname.endsWith('/held1')
          ? json(200, { comment: { ...comment, status: 'published' } })
          : Promise.reject(new TypeError('Failed to fetch')),
      held: server.held,
    });
    const element = await reload(first);
    await waitUntil(() => Object.keys(storedHeld()).length === 1, 'the published one was not forgotten');
    await lateAnswersArrived(element);
    expect(Object.keys(storedHeld())).to.deep.equal(['held2']);
    expect($$(element, '#comment-held1, #comment-held2')).to.have.length(0);
  });

  it('asks only about the held comments of the thread shown', async () => {
    const server = moderatedServer();
    const first = await mount({ endpoint, thread: '/blog/other' });
    await postThrough(first, 'On another page.');
    const element = await reload(first);
    await lateAnswersArrived(element);
    expect(server.reads).to.deep.equal([]);
    expect(Object.keys(storedHeld())).to.deep.equal(['held1']);
  });

  it('keeps an edit the server held, and shows it, edited and marked, after a reload', async () => {
    const mine = aComment({ id: 'mine', text: 'Published first.', createdAt: fromNow(-60_000) });
    const server = moderatedServer({ listed: [mine] });
    localStorage.setItem(
      `natter:secrets:${endpoint}`,
      JSON.stringify({ mine: { secret: secretOf('mine'), editableUntil: fromNow(15 * 60_000) } }),
    );
    server.held.set('mine', { ...mine, status: 'pending' });
    const first = await mount({ endpoint });
    await waitUntil(() => ownIds(first).length === 1, 'Edit never appeared');
    await click(first, '#comment-mine .own-edit');
    await typeEdit(first, 'mine', 'Changed, and held.');
    await click(first, '#comment-mine button[type="submit"]');
    await waitUntil(() => Object.keys(storedHeld()).includes('mine'), 'the held edit was not kept');

    // The thread no longer lists it.
    moderatedServer({ listed: [], held: server.held });
    const element = await reload(first);
    await shows(element, 'mine');
    expect(textOf(element, '#comment-mine [part="body"]')).to.equal('Changed, and held.');
    expect(textOf(element, '#comment-mine [part="badge"]')).to.equal('Awaiting moderation');
  });

  it('forgets a held comment its author deletes', async () => {
    moderatedServer();
    const element = await mount({ endpoint });
    await postThrough(element, 'Deleted before anyone saw it.');
    await click(element, '#comment-held1 .own-delete');
    await click(element, '#comment-held1 .own-confirm-delete');
    await waitUntil(() => $$(element, '#comment-held1').length === 0, 'the comment stayed');
    expect(storedHeld()).to.deep.equal({});
  });

  it(`keeps at most the 50 newest held comments per server, however many are posted`, async function () {
    // Sixty posts, each with its requests for a form token.
    this.timeout(15_000);
    moderatedServer();
    const element = await mount({ endpoint });
    for (let index = 1; index <= 60; index += 1) await postThrough(element, `Held comment ${index}`);
    const kept = Object.keys(storedHeld());
    expect(kept).to.have.length(50);
    expect(kept.sort()).to.deep.equal(Array.from({ length: 50 }, (_, index) => `held${index + 11}`).sort());
    expect(JSON.stringify(storedHeld())).to.include(secretOf('held60'));
  });

  it('never paints the held comments of a thread the reader has left', async () => {
    let release = () => {};
    const server = moderatedServer();
    const first = await mount({ endpoint });
    await postThrough(first, 'Held on the first page.');
    moderatedServer({
      read: (_request, comment) =>
        new Promise((resolve) => {
          release = () => resolve(json(200, { comment }));
        }),
      held: server.held,
    });
    const element = await reload(first);
    await waitUntil(() => $$(element, '.comment').length === 3, 'the thread never showed');
    element.thread = '/blog/elsewhere';
    await element.updateComplete;
    release();
    await lateAnswersArrived(element);
    expect($$(element, '#comment-held1')).to.have.length(0);
  });
});

describe('held comments: an element moved while it looks for them', () => {
  it('looks again when it comes back, and shows the held comment', async () => {
    const answers: (() => void)[] = [];
    const server = moderatedServer();
    const first = await mount({ endpoint });
    await postThrough(first, 'Held while the page rearranged itself.');
    const again = moderatedServer({
      held: server.held,
      read: (_request, comment) =>
        new Promise((resolve) => answers.push(() => resolve(json(200, { comment })))),
    });
    const element = await reload(first);
    await waitUntil(() => again.reads.length === 1, 'the held comment was never asked for');
    const parent = element.parentElement!;
    element.remove();
    parent.append(element);
    await waitUntil(() => again.reads.length === 2, 'the element did not look again');
    for (const answer of answers) answer();
    await shows(element, 'held1');
    expect($$(element, '#comment-held1')).to.have.length(1);
  });
});

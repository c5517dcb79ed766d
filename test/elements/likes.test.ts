import { expect, waitUntil } from '@open-wc/testing';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import { commentIdsLimit } from '../../src/elements/natter-comments/reader-storage.js';
import { json } from '../client/fakes.js';
import {
  $,
  aComment,
  aPage,
  errorResponse,
  has,
  heldBack,
  mount,
  resetPage,
  serve,
  textOf,
} from './helpers.js';
import { collectErrors, endpoint } from './own-helpers.js';

// Like: one per browser, counted on the server, remembered here; the count changes at once and goes back when the
// server refuses.

afterEach(resetPage);

const likedKey = `natter:liked:${endpoint}`;

async function mountLikes(comments = [aComment({ id: 'c1', likes: 2 })]): Promise<NatterComments> {
  const element = await mount({ endpoint });
  await waitUntil(() => has(element, `#comment-${comments[0]!.id} .like-button`), 'Like never appeared');
  return element;
}

function likeButton(element: NatterComments, id = 'c1'): HTMLButtonElement {
  return $<HTMLButtonElement>(element, `#comment-${id} .like-button`)!;
}

describe('natter-comments Like', () => {
  it('shows Like with the count under each published comment, and none on a deleted placeholder', async () => {
    serve({
      list: aPage({
        comments: [
          aComment({ id: 'c1', likes: 2 }),
          aComment({ id: 'c2' }),
          aComment({ id: 'gone', deleted: true }),
          // A placeholder shows only while a reply answers it.
          aComment({ id: 'r1', parent: 'gone' }),
        ],
      }),
    });
    const element = await mountLikes();
    expect(textOf(element, '#comment-c1 .like-button')).to.equal('♡ Like 2');
    expect(likeButton(element).getAttribute('aria-pressed')).to.equal('false');
    expect(likeButton(element).getAttribute('aria-label')).to.equal('Like (2 likes)');
    expect(likeButton(element).getAttribute('aria-describedby')).to.equal('author-c1');
    // No count of nothing.
    expect(textOf(element, '#comment-c2 .like-button')).to.equal('♡ Like');
    expect(has(element, '#comment-gone [part="deleted"]')).to.equal(true);
    expect(has(element, '#comment-gone > article .like-button')).to.equal(false);
  });

  it('likes with POST, counts at once, keeps the server’s count and remembers the like; a second press takes it back', async () => {
    const server = serve({
      list: aPage({ comments: [aComment({ id: 'c1', likes: 2 })] }),
      like: (request) => json(200, { likes: request.method === 'POST' ? 7 : 6 }),
    });
    const element = await mountLikes();
    likeButton(element).click();
    await element.updateComplete;
    expect(likeButton(element).getAttribute('aria-pressed')).to.equal('true');
    await waitUntil(
      () => textOf(element, '#comment-c1 .like-button') === '♥ Like 7',
      'the server’s count never showed',
    );
    expect(server.likes).to.deep.equal(['POST c1']);
    expect(JSON.parse(localStorage.getItem(likedKey)!)).to.deep.equal(['c1']);

    likeButton(element).click();
    await waitUntil(
      () => textOf(element, '#comment-c1 .like-button') === '♡ Like 6',
      'the unlike never counted',
    );
    expect(likeButton(element).getAttribute('aria-pressed')).to.equal('false');
    expect(server.likes).to.deep.equal(['POST c1', 'DELETE c1']);
    expect(localStorage.getItem(likedKey)).to.equal(null);
  });

  it('keeps focus on the button it was pressed on, and shows no count once the last like is taken back', async () => {
    serve({
      list: aPage({ comments: [aComment({ id: 'c1', likes: 0 })] }),
      like: (request) => json(200, { likes: request.method === 'POST' ? 1 : 0 }),
    });
    const element = await mountLikes();
    const button = likeButton(element);
    button.focus();
    button.click();
    await waitUntil(
      () => textOf(element, '#comment-c1 .like-button') === '♥ Like 1',
      'the like never counted',
    );
    expect(likeButton(element)).to.equal(button);
    expect(element.shadowRoot!.activeElement).to.equal(button);
    expect(button.getAttribute('aria-label')).to.equal('Like (1 like)');

    button.click();
    await waitUntil(
      () => textOf(element, '#comment-c1 .like-button') === '♡ Like',
      'the unlike never counted',
    );
    expect(has(element, '#comment-c1 .like-count')).to.equal(false);
    expect(element.shadowRoot!.activeElement).to.equal(button);
    expect(button.getAttribute('aria-pressed')).to.equal('false');
  });

  it('changes only the liked comment: its neighbours are left as they were', async () => {
    serve({
      // Recent: a comment rendered again says its "minutes ago" again, which the observer below would see.
      list: aPage({
        comments: [
          aComment({ id: 'c1', likes: 2, createdAt: new Date(Date.now() - 120_000).toISOString() }),
          aComment({ id: 'c2', likes: 1, createdAt: new Date(Date.now() - 60_000).toISOString() }),
        ],
      }),
      like: () => json(200, { likes: 3 }),
    });
    const element = await mountLikes();
    const changes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => changes.push(...records));
    expect(textOf(element, '#comment-c2 time [aria-hidden]')).to.equal('1 minute ago');
    observer.observe($(element, '#comment-c2')!, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
    likeButton(element).click();
    await waitUntil(
      () => textOf(element, '#comment-c1 .like-button') === '♥ Like 3',
      'the like never counted',
    );
    changes.push(...observer.takeRecords());
    observer.disconnect();
    expect(changes.map((change) => `${change.type} of ${change.target.nodeName}`)).to.deep.equal([]);
  });

  it('shows a comment liked on an earlier visit as pressed', async () => {
    localStorage.setItem(likedKey, JSON.stringify(['c1']));
    serve({ list: aPage({ comments: [aComment({ id: 'c1', likes: 1 })] }) });
    const element = await mountLikes();
    expect(likeButton(element).getAttribute('aria-pressed')).to.equal('true');
  });

  it('counts optimistically, and on 429 goes back and says when to try again', async () => {
    const held = heldBack(() => errorResponse(429, 'rate_limited', undefined, { 'Retry-After': '20' }));
    serve({ list: aPage({ comments: [aComment({ id: 'c1', likes: 2 })] }), like: held.answer });
    const element = await mountLikes();
    const errors = collectErrors(element);
    likeButton(element).click();
    await element.updateComplete;
    expect(textOf(element, '#comment-c1 .like-button')).to.equal('♥ Like 3');
    held.release();
    await waitUntil(() => has(element, '#comment-c1 .like-error'), 'the refusal was never explained');
    expect(textOf(element, '#comment-c1 .like-error')).to.equal(
      'You are liking comments too quickly. Please try again in 20 seconds.',
    );
    expect($(element, '#comment-c1 .like-error')!.getAttribute('role')).to.equal('alert');
    expect(textOf(element, '#comment-c1 .like-button')).to.equal('♡ Like 2');
    expect(likeButton(element).getAttribute('aria-pressed')).to.equal('false');
    expect(localStorage.getItem(likedKey)).to.equal(null);
    expect(errors).to.deep.equal(['like: rate_limited']);
  });

  it('explains a server that cannot be reached', async () => {
    serve({
      list: aPage({ comments: [aComment({ id: 'c1' })] }),
      like: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    const element = await mountLikes();
    likeButton(element).click();
    await waitUntil(() => has(element, '#comment-c1 .like-error'), 'the failure was never explained');
    expect(textOf(element, '#comment-c1 .like-error')).to.equal(
      'The like could not be saved because the server could not be reached. Please try again.',
    );
  });

  it(`keeps the ${commentIdsLimit} newest likes per server`, async () => {
    const many = Array.from({ length: commentIdsLimit }, (_, index) => `old${index}`);
    localStorage.setItem(likedKey, JSON.stringify(many));
    serve({ list: aPage({ comments: [aComment({ id: 'c1' })] }) });
    const element = await mountLikes();
    likeButton(element).click();
    await waitUntil(() => localStorage.getItem(likedKey)!.includes('c1'), 'the like was never remembered');
    const kept = JSON.parse(localStorage.getItem(likedKey)!) as string[];
    expect(kept).to.have.length(commentIdsLimit);
    expect(kept.at(-1)).to.equal('c1');
    expect(kept).not.to.include('old0');
  });

  it('reads German', async () => {
    serve({ list: aPage({ comments: [aComment({ id: 'c1', likes: 1200 })] }) });
    const element = await mount({ endpoint, locale: 'de' });
    await waitUntil(() => has(element, '#comment-c1 .like-button'), 'Like never appeared');
    expect(textOf(element, '#comment-c1 .like-button')).to.equal('♡ Gefällt mir 1.200');
  });
});

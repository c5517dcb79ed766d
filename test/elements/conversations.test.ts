import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import type { Comment, NewComment } from '../../src/protocol/types.js';
import { json } from '../client/fakes.js';
import {
  $,
  $$,
  aComment,
  aPage,
  errorResponse,
  focusedId,
  has,
  mount,
  resetPage,
  serve,
  textOf,
  waitFor,
} from './helpers.js';
import { click, endpoint, mountOwning, serveOwn } from './own-helpers.js';

afterEach(() => {
  resetPage();
  history.replaceState(null, '', location.pathname + location.search);
});

/** A reply to `parent`, written `minute` minutes after the first comment. */
function aReply(id: string, parent: string, minute = 1, overrides: Partial<Comment> = {}): Comment {
  return aComment({
    id,
    parent,
    author: { name: `Author of ${id}`, url: null },
    text: `Text of ${id}`,
    createdAt: new Date(Date.UTC(2025, 5, 1, 10, minute)).toISOString(),
    ...overrides,
  });
}

/** The ids of the comments in the list at `selector`, at its own level. */
function idsIn(element: NatterComments, selector: string): string[] {
  return $$(element, `:is(${selector}, ${selector} > .group) > .comment`).map((item) =>
    item.id.replace('comment-', ''),
  );
}

/** A chain a → b → c → d → e, each answering the one before. */
const chain = [
  aComment({ id: 'a', author: { name: 'Ada', url: null } }),
  aReply('b', 'a', 1),
  aReply('c', 'b', 2),
  aReply('d', 'c', 3),
  aReply('e', 'd', 4),
];

describe('natter-comments conversations: nesting', () => {
  it('nests replies to max-depth, then shows deeper ones at the last level, saying whom they answer', async () => {
    serve({ list: aPage({ comments: chain }) });
    const element = await mount();
    expect(idsIn(element, '.comments')).to.deep.equal(['a']);
    expect(idsIn(element, '#comment-a > .replies')).to.deep.equal(['b']);
    expect(idsIn(element, '#comment-b > .replies')).to.deep.equal(['c']);
    // c is at the third level: d, and e below it, stand beside d's parent's replies at that level.
    expect(idsIn(element, '#comment-c > .replies')).to.deep.equal(['d', 'e']);
    expect(has(element, '#comment-d [part="in-reply-to"]')).to.equal(false);
    expect(textOf(element, '#comment-e [part="in-reply-to"]')).to.equal('in reply to Author of d');
    expect($<HTMLAnchorElement>(element, '#comment-e [part="in-reply-to"]')!.hash).to.equal('#comment-d');
  });

  it('takes max-depth from its attribute: 1 keeps one level of replies, 0 none', async () => {
    serve({ list: aPage({ comments: chain }) });
    const one = await mount({ 'max-depth': '1' });
    expect(idsIn(one, '#comment-a > .replies')).to.deep.equal(['b', 'c']);
    expect(textOf(one, '#comment-c [part="in-reply-to"]')).to.equal('in reply to Author of b');
    expect(textOf(one, '#comment-a > .more-replies')).to.equal('Show 2 more replies');
    const flat = await mount({ 'max-depth': '0' });
    expect(idsIn(flat, '.comments')).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
    expect(has(flat, '.replies')).to.equal(false);
  });

  it('keeps conversations out of sight from layout eight at a time, one list of conversations to assistive technology', async () => {
    const conversations = Array.from({ length: 19 }, (_, index) => [
      aComment({ id: `t${index}` }),
      aReply(`r${index}`, `t${index}`, index),
    ]).flat();
    serve({ list: aPage({ comments: conversations }) });
    const element = await mount();
    const boxes = $$(element, '[part="list"] > .group');
    expect(boxes.map((box) => box.querySelectorAll(':scope > [role="listitem"]').length)).to.deep.equal([
      8, 8, 3,
    ]);
    expect(boxes.map((box) => getComputedStyle(box).contentVisibility)).to.deep.equal([
      'auto',
      'auto',
      'auto',
    ]);
    expect($(element, '[part="list"]')!.getAttribute('role')).to.equal('list');
    expect(idsIn(element, '.comments')).to.deep.equal(
      conversations.filter((c) => !c.parent).map((c) => c.id),
    );
    expect(idsIn(element, '#comment-t18 > .replies')).to.deep.equal(['r18']);
    await expect(element).to.be.accessible();
  });

  it('shows two of more than three replies and the rest behind a button, which moves focus to the first revealed', async () => {
    const replies = ['r1', 'r2', 'r3', 'r4', 'r5'].map((id, index) => aReply(id, 'a', index + 1));
    serve({
      list: aPage({
        comments: [aComment({ id: 'a' }), replies[0]!, aReply('r1a', 'r1', 9), ...replies.slice(1)],
      }),
    });
    const element = await mount();
    expect(idsIn(element, '#comment-a > .replies')).to.deep.equal(['r1', 'r2']);
    expect(idsIn(element, '#comment-r1 > .replies')).to.deep.equal(['r1a']);
    expect(textOf(element, '#comment-a > .more-replies')).to.equal('Show 3 more replies');
    $<HTMLButtonElement>(element, '#comment-a > .more-replies')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(
      () => focusedId(element) === '' && element.shadowRoot!.activeElement?.closest('#comment-r3'),
    );
    expect(idsIn(element, '#comment-a > .replies')).to.deep.equal(['r1', 'r2', 'r3', 'r4', 'r5']);
    expect(has(element, '.more-replies')).to.equal(false);
  });

  it('shows a deleted comment that replies answer as a placeholder, without author, text or actions', async () => {
    serve({
      list: aPage({
        comments: [
          aComment({ id: 'a', deleted: true, text: '', author: { name: '', url: null } }),
          aReply('b', 'a'),
          aComment({ id: 'z', deleted: true, text: '', author: { name: '', url: null } }),
        ],
        count: 1,
      }),
    });
    const element = await mount();
    await waitUntil(() => has(element, '#comment-b .reply-open'), 'Reply never appeared');
    expect(textOf(element, '#comment-a > article')).to.equal('Comment deleted');
    expect($$(element, '#comment-a > article button, #comment-a > article [part="author"]')).to.have.length(
      0,
    );
    expect(textOf(element, '#comment-b [part="body"]')).to.equal('Text of b');
    // A placeholder that nothing answers any more is not shown.
    expect(has(element, '#comment-z')).to.equal(false);
    expect(textOf(element, '#heading')).to.equal('1 comment');
  });
});

describe('natter-comments conversations: replying', () => {
  /** Opens the reply form under comment `id`. */
  async function openReply(element: NatterComments, id: string): Promise<void> {
    await waitUntil(() => has(element, `#comment-${id} .reply-open`), 'Reply never appeared');
    await click(element, `#comment-${id} .reply-open`);
  }

  /** Types into a reply form's field. */
  async function type(element: NatterComments, id: string, field: string, value: string): Promise<void> {
    const input = $<HTMLInputElement>(element, `#reply-${id}-${field}`)!;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await element.updateComplete;
  }

  it('opens the form under the comment, focused, and posts the reply with its parent, shown nested and focused', async () => {
    const server = serve({ list: aPage({ comments: [aComment({ id: 'a' })] }) });
    const element = await mount();
    await openReply(element, 'a');
    expect(textOf(element, '#comment-a [part~="reply-form"] h3')).to.equal('Reply to Ada');
    expect(focusedId(element)).to.equal('reply-a-name');
    await type(element, 'a', 'name', 'Grace');
    await type(element, 'a', 'text', 'Indeed.');
    $<HTMLButtonElement>(element, '#comment-a .reply-form button[type="submit"]')!.click();
    await waitUntil(() => has(element, '#comment-a > .replies #comment-new1'), 'the reply never showed');
    expect(server.posts.map(({ parent, name, text }: NewComment) => ({ parent, name, text }))).to.deep.equal([
      { parent: 'a', name: 'Grace', text: 'Indeed.' },
    ]);
    expect(has(element, '.reply-form')).to.equal(false);
    await waitUntil(() => element.shadowRoot!.activeElement?.closest('#comment-new1'), 'focus stayed');
    expect(textOf(element, '#heading')).to.equal('2 comments');
  });

  it('keeps a failed reply in the form and in storage, apart from the main draft, and brings it back after a reload', async () => {
    serve({
      list: aPage({ comments: [aComment({ id: 'a' })] }),
      post: () => errorResponse(503, 'unavailable'),
    });
    const element = await mount();
    await openReply(element, 'a');
    await type(element, 'a', 'name', 'Grace');
    await type(element, 'a', 'text', 'Not lost');
    $<HTMLButtonElement>(element, '#comment-a .reply-form button[type="submit"]')!.click();
    await waitUntil(() => has(element, '.reply-form [part="form-error"]'), 'no error');
    expect($<HTMLTextAreaElement>(element, '#reply-a-text')!.value).to.equal('Not lost');
    expect($<HTMLTextAreaElement>(element, '#text')!.value).to.equal('');
    expect(Object.keys(localStorage).filter((key) => key.includes('reply:'))).to.have.length(1);
    element.parentElement!.remove();

    const again = await mount();
    await waitUntil(() => has(again, '#reply-a-text'), 'the reply form did not open again');
    expect($<HTMLTextAreaElement>(again, '#reply-a-text')!.value).to.equal('Not lost');
    expect(textOf(again, '.reply-form [part="draft-notice"]')).to.equal('Your unsent comment was restored.');
  });

  it('closes with Escape, keeping the draft, and returns focus to Reply', async () => {
    serve({ list: aPage({ comments: [aComment({ id: 'a' })] }) });
    const element = await mount();
    await openReply(element, 'a');
    await type(element, 'a', 'text', 'Later');
    $<HTMLTextAreaElement>(element, '#reply-a-text')!.focus();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => element.shadowRoot!.activeElement?.matches('#comment-a .reply-open'), 'focus lost');
    expect(has(element, '.reply-form')).to.equal(false);
    await click(element, '#comment-a .reply-open');
    expect($<HTMLTextAreaElement>(element, '#reply-a-text')!.value).to.equal('Later');
  });

  it('offers no Reply on a locked thread, a comment awaiting moderation or a placeholder', async () => {
    serve({ list: aPage({ comments: [aComment({ id: 'a' })], locked: true }) });
    const locked = await mount();
    await waitFor(() => has(locked, '[part="report"]'), 'Report never appeared');
    expect(has(locked, '.reply-open')).to.equal(false);
    resetPage();
    serve({
      list: aPage({
        comments: [
          aComment({ id: 'p', status: 'pending' }),
          aComment({ id: 'd', deleted: true, text: '', author: { name: '', url: null } }),
          aReply('r', 'd'),
        ],
      }),
    });
    const open = await mount({ thread: '/blog/other' });
    await waitUntil(() => has(open, '#comment-r .reply-open'), 'Reply never appeared');
    expect($$(open, '.reply-open').map((button) => button.closest('.comment')!.id)).to.deep.equal([
      'comment-r',
    ]);
  });
});

describe('natter-comments conversations: deleting', () => {
  it('shows the placeholder in place when the reader deletes their comment that has replies', async () => {
    const placeholder = aComment({ id: 'c1', deleted: true, text: '', author: { name: '', url: null } });
    serveOwn({
      comments: [aComment({ id: 'c1' }), aReply('c2', 'c1')],
      remove: () => json(200, { comment: placeholder }),
    });
    const element = await mountOwning('c1', { endpoint });
    await click(element, '#comment-c1 .own-delete');
    await click(element, '#comment-c1 .own-confirm-delete');
    await waitUntil(() => textOf(element, '#comment-c1 > article') === 'Comment deleted', 'no placeholder');
    expect(textOf(element, '#comment-c2 [part="body"]')).to.equal('Text of c2');
    await waitUntil(() => element.shadowRoot!.activeElement?.matches('#comment-c1 > article'), 'focus lost');
  });
});

describe('natter-comments conversations: permalinks', () => {
  it('links every comment to itself on the page', async () => {
    serve({ list: aPage({ comments: chain }) });
    const element = await mount();
    const link = $<HTMLAnchorElement>(element, '#comment-c [part="permalink"]')!;
    expect(link.href).to.equal(`${location.href.split('#')[0]}#comment-c`);
  });

  it('loads the page around the fragment’s comment, scrolls to it, focuses and highlights it, opening its replies', async () => {
    const replies = ['r1', 'r2', 'r3', 'r4', 'r5'].map((id, index) => aReply(id, 'a', index + 1));
    history.replaceState(null, '', '#comment-r5');
    const server = serve({
      list: (request) =>
        json(200, {
          ...aPage({ comments: [aComment({ id: 'a' }), ...replies], count: 80, next: 'after' }),
          previous: request.url.searchParams.get('around') ? 'before' : null,
        }),
    });
    const element = await mount({ lazy: null });
    expect(server.lists[0]!.url.searchParams.get('around')).to.equal('r5');
    await waitUntil(
      () => element.shadowRoot!.activeElement?.closest('#comment-r5'),
      'the target never had focus',
    );
    expect($(element, '#comment-r5')!.part.contains('target')).to.equal(true);
    expect(has(element, '#comment-a > .more-replies')).to.equal(false);
    await waitUntil(() => {
      const box = $(element, '#comment-r5')!.getBoundingClientRect();
      return box.top < innerHeight && box.bottom > 0;
    }, 'the target never came into view');

    // Earlier pages come with "Show earlier comments".
    serve({ list: aPage({ comments: [aComment({ id: 'z', createdAt: '2025-05-01T10:00:00.000Z' })] }) });
    $<HTMLButtonElement>(element, '.earlier button')!.click();
    await waitUntil(() => idsIn(element, '.comments')[0] === 'z', 'the earlier page never showed');
    expect(has(element, '.earlier')).to.equal(false);
  });

  it('follows a permalink on the page (hashchange) to a comment that is not loaded', async () => {
    const server = serve({
      list: (request) =>
        json(
          200,
          request.url.searchParams.get('around') === 'far'
            ? { ...aPage({ comments: [aComment({ id: 'far' })], count: 200 }), previous: 'p' }
            : aPage({ comments: [aComment({ id: 'near' })], count: 200, next: 'n' }),
        ),
    });
    const element = await mount();
    location.hash = '#comment-far';
    await waitUntil(() => element.shadowRoot!.activeElement?.closest('#comment-far'), 'never went there');
    expect(server.lists.map((request) => request.url.searchParams.get('around'))).to.deep.equal([
      null,
      'far',
    ]);
    expect(has(element, '.earlier button')).to.equal(true);
  });
});

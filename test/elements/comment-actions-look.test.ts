import { expect, waitUntil } from '@open-wc/testing';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import { $, $$, aComment, aPage, has, mount, resetPage, serve } from './helpers.js';

// How the row under a comment and a permalink's highlight sit: the buttons' words line up with the comment's
// text (each button's padding hangs to the left of it, no further), and the highlight leaves room around its
// comment.

afterEach(() => {
  resetPage();
  history.replaceState(null, '', location.pathname + location.search);
});

const thread = aPage({
  comments: [
    aComment({ id: 'a' }),
    aComment({
      id: 'b',
      parent: 'a',
      author: { name: 'Bo', url: null },
      createdAt: '2025-06-01T11:00:00.000Z',
    }),
  ],
});

/** Where the first word of each button in comment `id`'s row starts, less where its text starts. */
function offsets(element: NatterComments, id: string): number[] {
  const text = $(element, `#comment-${id} > article [part="body"]`)!.getBoundingClientRect().left;
  return $$(element, `#comment-${id} > article .comment-actions button`).map((button) => {
    const box = button.getBoundingClientRect();
    return Math.round(box.left + Number.parseFloat(getComputedStyle(button).paddingLeft) - text);
  });
}

describe('the row of actions under a comment', () => {
  it('starts Reply’s word where the comment’s text starts, at the top and in a reply', async () => {
    serve({ list: thread });
    const element = await mount();
    await waitUntil(() => has(element, '#comment-b .reply-open'), 'Reply never appeared');
    for (const id of ['a', 'b']) {
      const [reply] = offsets(element, id);
      expect(Math.abs(reply!), `comment ${id}: Reply's word ${reply} px from the text`).to.be.at.most(2);
    }
  });

  it('keeps the permalink’s highlight off its comment’s edges', async () => {
    history.replaceState(null, '', '#comment-b');
    serve({ list: thread });
    const element = await mount();
    await waitUntil(() => has(element, '#comment-b.target .reply-open'), 'the target never showed');
    const article = $(element, '#comment-b > article')!.getBoundingClientRect();
    const header = $(element, '#comment-b > article header')!.getBoundingClientRect();
    const actions = $(element, '#comment-b > article .comment-actions')!.getBoundingClientRect();
    expect(header.top - article.top).to.be.at.least(4);
    expect(article.bottom - actions.bottom).to.be.at.least(4);
    expect(offsets(element, 'b').every((offset) => offset >= 0 - 2)).to.equal(true);
  });
});

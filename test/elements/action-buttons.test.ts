import { expect, waitUntil } from '@open-wc/testing';
import { $, $$, aComment, aPage, fillAndSubmit, has, mount, resetPage, serve } from './helpers.js';

// Reply, Like and Report are made once for a comment and kept up to date in place (action-buttons.ts): when a list
// shows its comments in other places than before, each comment's buttons are still its own. (The fake server's new
// comment is dated after these.)

afterEach(resetPage);

describe('the buttons under a comment', () => {
  it('stay those of their own comment when a new comment comes before it, newest first', async () => {
    serve({
      list: aPage({
        comments: [
          aComment({ id: 'c2', createdAt: '2025-06-02T10:00:00.000Z' }),
          aComment({ id: 'c1', createdAt: '2025-06-01T10:00:00.000Z' }),
        ],
      }),
    });
    const element = await mount({ sort: 'newest' });
    await waitUntil(() => has(element, '#comment-c1 .report-open'), 'Report never appeared');
    await fillAndSubmit(element, { name: 'Grace', text: 'First!' });
    await waitUntil(() => has(element, '#comment-new1'), 'the new comment never showed');
    await element.updateComplete;
    expect($$(element, '.comment').map((item) => item.id)).to.deep.equal([
      'comment-new1',
      'comment-c2',
      'comment-c1',
    ]);
    for (const id of ['c2', 'c1']) {
      const buttons = $$(element, `#comment-${id} .comment-actions button`);
      expect(buttons.map((button) => button.className)).to.deep.equal([
        'reply-open secondary',
        'like-button secondary',
        'report-open secondary',
      ]);
      expect(buttons.map((button) => button.getAttribute('aria-describedby'))).to.deep.equal(
        Array(3).fill(`author-${id}`),
      );
    }
  });
});

describe('the row of buttons under a comment', () => {
  it('keeps Reply and Like where they are while Report opens its choice and closes it again', async () => {
    serve({ list: aPage({ comments: [aComment({ id: 'c1' })] }) });
    const element = await mount();
    await waitUntil(() => has(element, '#comment-c1 .report-open'), 'Report never appeared');
    const boxes = () => $$(element, '#comment-c1 .comment-actions > *');
    const [reply, like] = boxes();
    expect(boxes().map((box) => box.className)).to.deep.equal(['reply', 'like', 'report']);

    $<HTMLButtonElement>(element, '#comment-c1 .report-open')!.click();
    await waitUntil(() => has(element, '#comment-c1 .report-form'), 'the choice never opened');
    expect(boxes().map((box) => box.className)).to.deep.equal(['reply', 'like', 'report-form']);
    expect(boxes()[0] === reply && boxes()[1] === like, 'Reply and Like are the boxes they were').to.equal(
      true,
    );

    $$<HTMLButtonElement>(element, '#comment-c1 .report-form button').at(-1)!.click();
    await waitUntil(() => has(element, '#comment-c1 .report-open'), 'Report never came back');
    expect(boxes().map((box) => box.className)).to.deep.equal(['reply', 'like', 'report']);
    expect(boxes()[0] === reply && boxes()[1] === like, 'Reply and Like are the boxes they were').to.equal(
      true,
    );
  });
});

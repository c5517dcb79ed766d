import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { Comment, NewComment } from '../../src/protocol/types.js';
import { json } from '../client/fakes.js';
import {
  aComment,
  aPage,
  control,
  deferred,
  errorResponse,
  fillAndSubmit,
  has,
  mount,
  resetPage,
  serve,
  textOf,
} from './helpers.js';
import { endpoint, fromNow, ownIds } from './own-helpers.js';

afterEach(resetPage);

/**
 * A reader posts and leaves the page (or the app unmounts the widget) before the server answers. The post is
 * not aborted: the server may already have accepted it. Whatever the answer, storage ends up as if the reader
 * had stayed, so that the next visit shows the outcome.
 */
describe('natter-comments: a post still on its way when the element is removed', () => {
  /** A server that holds posts until the test answers them, and lists the comments it accepted. */
  function serveHeldPosts() {
    const accepted: Comment[] = [];
    const answer = deferred<(sent: NewComment) => Response>();
    const server = serve({
      list: () => json(200, aPage({ comments: [...accepted], count: accepted.length })),
      post: async (request) => (await answer.promise)(request.body as NewComment),
    });
    return {
      server,
      accept: () =>
        answer.resolve((sent) => {
          const comment = aComment({ id: 'mine', author: { name: sent.name, url: null }, text: sent.text });
          accepted.push(comment);
          return json(201, { comment, secret: 'secret-mine', editableUntil: fromNow(15 * 60_000) });
        }),
      refuse: () => answer.resolve(() => errorResponse(503, 'unavailable')),
    };
  }

  /** Mounts the widget, posts a comment, and removes the element while the server still holds the post. */
  async function postAndLeave(server: ReturnType<typeof serve>) {
    const element = await mount({ endpoint });
    await fillAndSubmit(element, { name: 'Grace', email: 'grace@example.com', text: 'Sent as I left' });
    await waitUntil(() => server.posts.length === 1, 'the comment was never sent');
    element.parentElement!.remove();
    return element;
  }

  it('is not aborted; once accepted, the draft is gone and the comment is the reader’s own next time', async () => {
    const { server, accept } = serveHeldPosts();
    const left = await postAndLeave(server);
    const posted = oneEvent(left, 'natter-posted');
    expect(server.requests.at(-1)!.signal?.aborted ?? false, 'aborted').to.equal(false);

    accept();
    expect((await posted).detail.comment.text).to.equal('Sent as I left');
    const stored = Object.entries(localStorage).map(([key, value]) => `${key}=${value}`);
    expect(
      stored.filter((entry) => entry.includes('Sent as I left')),
      'the draft',
    ).to.deep.equal([]);
    expect(
      stored.filter((entry) => entry.includes('grace@example.com')),
      'the e-mail',
    ).to.deep.equal([]);

    const again = await mount({ endpoint });
    await waitUntil(() => ownIds(again).includes('mine'), 'the comment was not the reader’s own');
    expect(textOf(again, '#comment-mine [part="body"]')).to.equal('Sent as I left');
    expect(control(again, 'text').value).to.equal('');
    expect(has(again, '[part="draft-notice"]')).to.equal(false);
  });

  it('keeps the draft, e-mail included, when the post fails after the element left', async () => {
    const { server, refuse } = serveHeldPosts();
    const left = await postAndLeave(server);
    const failed = oneEvent(left, 'natter-error');

    refuse();
    expect((await failed).detail.phase).to.equal('post');

    const again = await mount({ endpoint });
    expect(control(again, 'text').value).to.equal('Sent as I left');
    expect(control(again, 'name').value).to.equal('Grace');
    expect(control(again, 'email').value).to.equal('grace@example.com');
    expect(textOf(again, '[part="draft-notice"]')).to.equal('Your unsent comment was restored.');
    expect(ownIds(again)).to.deep.equal([]);
  });
});

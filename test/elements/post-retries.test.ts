import { expect, waitUntil } from '@open-wc/testing';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import type { SeenRequest } from '../client/fakes.js';
import {
  $,
  aComment,
  aPage,
  control,
  fill,
  fillAndSubmit,
  has,
  mount,
  postedAnswer,
  postingDone,
  resetPage,
  serve,
  submit,
} from './helpers.js';
import { click } from './own-helpers.js';

afterEach(resetPage);

/** A post whose answer never arrives: the server may have stored it, or not. */
const lostAnswer = () => Promise.reject(new TypeError('Failed to fetch'));

/** Answers the posts in turn: `answers[0]` the first, and so on; the last answers all that come after. */
function inTurn(...answers: ((request: SeenRequest) => Response | Promise<Response>)[]) {
  let sent = 0;
  return (request: SeenRequest) => answers[Math.min(sent++, answers.length - 1)]!(request);
}

/** Takes the element off the page, as leaving or reloading it would. */
function unmount(element: NatterComments): void {
  element.parentElement!.remove();
}

/** Submits the form as it is and waits for the answer. */
async function postAgain(element: NatterComments): Promise<void> {
  submit(element);
  await postingDone(element);
}

describe('natter-comments posting again after a lost answer', () => {
  it('sends the same idempotency key when the reader posts again, and a new one with the next comment', async () => {
    const server = serve({ post: inTurn(lostAnswer, lostAnswer, postedAnswer) });
    const element = await mount();
    await fillAndSubmit(element, { name: 'Grace', text: 'Sent once, stored once' });
    await postingDone(element);
    expect(has(element, '[part="form-error"]'), 'the failure is shown').to.equal(true);
    await postAgain(element);
    await postAgain(element);
    expect(control(element, 'text').value, 'posted at last').to.equal('');
    await fillAndSubmit(element, { text: 'Another comment' });
    await postingDone(element);

    const keys = server.posts.map((post) => post.idempotencyKey);
    expect(keys).to.have.length(4);
    expect(keys[0]).to.match(/^[A-Za-z0-9_-]{22}$/);
    expect(keys[1]).to.equal(keys[0]);
    expect(keys[2]).to.equal(keys[0]);
    expect(keys[3]).to.match(/^[A-Za-z0-9_-]{22}$/);
    expect(keys[3]).not.to.equal(keys[0]);
  });

  it('sends the same key after a reload, from the draft kept in storage, and forgets it once answered', async () => {
    const server = serve({ post: lostAnswer });
    const element = await mount();
    await fillAndSubmit(element, { name: 'Grace', text: 'Survives a reload' });
    await postingDone(element);
    unmount(element);

    const retried = serve({ post: postedAnswer });
    const again = await mount();
    expect(control(again, 'text').value).to.equal('Survives a reload');
    await postAgain(again);
    const [first] = server.posts;
    const [second] = retried.posts;
    expect(second?.idempotencyKey).to.be.a('string').and.equal(first?.idempotencyKey);
    expect(JSON.stringify({ ...localStorage })).not.to.include(first?.idempotencyKey);
  });

  it('sends a new key once the reader changed the comment after a failed post', async () => {
    const server = serve({ post: inTurn(lostAnswer, postedAnswer) });
    const element = await mount();
    await fillAndSubmit(element, { name: 'Grace', text: 'First version' });
    await postingDone(element);
    await fill(element, { text: 'Second version' });
    await postAgain(element);
    const [first, second] = server.posts;
    expect(second?.text).to.equal('Second version');
    expect(second?.idempotencyKey).to.be.a('string').and.not.equal(first?.idempotencyKey);
  });

  it('gives a reply its own key, the same when it is posted again', async () => {
    const server = serve({
      list: aPage({ comments: [aComment({ id: 'a' })] }),
      post: inTurn(lostAnswer, postedAnswer),
    });
    const element = await mount();
    await fill(element, { name: 'Grace', text: 'A draft of the main form' });
    await waitUntil(() => has(element, '#comment-a .reply-open'), 'Reply never appeared');
    await click(element, '#comment-a .reply-open');
    for (const [field, value] of [
      ['name', 'Grace'],
      ['text', 'A reply'],
    ]) {
      const input = $<HTMLInputElement>(element, `#reply-a-${field}`)!;
      input.value = value!;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
    await element.updateComplete;
    const send = () => $<HTMLButtonElement>(element, '#comment-a .reply-form button[type="submit"]')!.click();
    send();
    await waitUntil(() => has(element, '.reply-form [part="form-error"]'), 'no error');
    send();
    await waitUntil(
      () => server.posts.length === 2 && !has(element, '.reply-form'),
      'the reply was not posted',
    );
    const [first, second] = server.posts;
    expect(first?.parent).to.equal('a');
    expect(second?.idempotencyKey).to.be.a('string').and.equal(first?.idempotencyKey);
    expect(JSON.stringify({ ...localStorage })).not.to.include(first?.idempotencyKey);
  });
});

import { expect } from '@open-wc/testing';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import { json, type SeenRequest } from '../client/fakes.js';
import { useFakeClock } from './fake-clock.js';
import {
  $,
  control,
  errorResponse,
  fill,
  mount,
  postingDone,
  resetPage,
  serve,
  settled,
  submit,
  textOf,
} from './helpers.js';

// The form token tells the server that a form was loaded before the comment came: it files a comment whose token
// is younger than 3 seconds as a bot's. The form asks for one when the reader starts writing and never posts one
// too young, so that a reader quick to post is never taken for a bot.

let clock: ReturnType<typeof useFakeClock> | undefined;

afterEach(() => {
  clock?.restore();
  clock = undefined;
  resetPage();
});

/** A server that hands out form tokens `token-1`, `token-2`, … (or answers `formToken` instead). */
function serveTokens(formToken?: (request: SeenRequest) => Response) {
  let issued = 0;
  return serve({
    formToken: formToken ?? (() => json(200, { formToken: `token-${(issued += 1)}` })),
  });
}

/** Whether the Post button shows that the form is busy posting. */
function isBusy(element: NatterComments): boolean {
  return (
    $<HTMLButtonElement>(element, 'button[type="submit"]')!.disabled &&
    textOf(element, 'button[type="submit"]') === 'Posting…'
  );
}

/** Mounts the form, then puts the test in charge of the clock. */
async function mountWithClock(): Promise<NatterComments> {
  const element = await mount();
  clock = useFakeClock();
  return element;
}

describe('natter-comments form token', () => {
  it('asks for a form token when the reader starts writing, once, for the thread', async () => {
    const server = serveTokens();
    const element = await mount();
    expect(server.formTokenRequests, 'before the reader does anything').to.have.length(0);
    control(element, 'name').focus();
    await fill(element, { name: 'Grace', text: 'Hello' });
    control(element, 'text').focus();
    expect(server.formTokenRequests).to.have.length(1);
    expect(server.formTokenRequests[0].url.pathname).to.equal('/api/v1/form-token');
    expect(server.formTokenRequests[0].url.searchParams.get('thread')).to.equal('/blog/hello');
  });

  it('asks for a token on the first keystroke too, without a focus event before it', async () => {
    const server = serveTokens();
    const element = await mount();
    await fill(element, { text: 'Typed by a tool that never focused' });
    expect(server.formTokenRequests).to.have.length(1);
  });

  it('posts with the token once it is 3 seconds old, keeping the button busy until then', async () => {
    const server = serveTokens();
    const element = await mountWithClock();
    control(element, 'name').focus();
    await clock!.settle();
    // A reader who types fast: 1 second after the form got its token, the comment is written and sent.
    await clock!.tick(1000);
    await fill(element, { name: 'Grace', text: 'Quick!' });
    submit(element);
    await clock!.settle();
    expect(server.posts, 'a second after the token arrived').to.have.length(0);
    expect(isBusy(element), 'busy while the token ages').to.equal(true);

    await clock!.tick(1999);
    expect(server.posts, 'a moment before the token is 3 seconds old').to.have.length(0);
    expect(isBusy(element)).to.equal(true);

    await clock!.tick(1);
    expect(server.posts).to.have.length(1);
    expect(server.posts[0].formToken).to.equal('token-1');
    await postingDone(element);
    expect(isBusy(element)).to.equal(false);
  });

  it('holds the post back for as long as the server says a token must age, longer or shorter', async () => {
    for (const minimumAgeMs of [5_000, 0]) {
      const server = serveTokens(() => json(200, { formToken: 'token-1', minimumAgeMs }));
      const element = await mountWithClock();
      control(element, 'name').focus();
      await clock!.settle();
      await fill(element, { name: 'Grace', text: 'Quick!' });
      submit(element);
      await clock!.settle();
      if (minimumAgeMs > 0) {
        await clock!.tick(minimumAgeMs - 1);
        expect(server.posts, `a moment before the token is ${minimumAgeMs} ms old`).to.have.length(0);
        await clock!.tick(1);
      }
      expect(server.posts, `${minimumAgeMs} ms`).to.have.length(1);
      await postingDone(element);
      clock!.restore();
      clock = undefined;
      resetPage();
    }
  });

  it('posts at once with a token that is old enough', async () => {
    const server = serveTokens();
    const element = await mountWithClock();
    control(element, 'name').focus();
    await clock!.settle();
    await clock!.tick(45_000);
    await fill(element, { name: 'Grace', text: 'Thought it over' });
    submit(element);
    await clock!.settle();
    expect(server.posts.map((post) => post.formToken)).to.deep.equal(['token-1']);
    expect(server.formTokenRequests).to.have.length(1);
  });

  it('asks for a fresh token before posting when its token is more than an hour old, and lets that one age', async () => {
    const server = serveTokens();
    const element = await mountWithClock();
    control(element, 'name').focus();
    await clock!.settle();
    await clock!.tick(61 * 60_000);
    await fill(element, { name: 'Grace', text: 'Back from lunch' });
    submit(element);
    await clock!.settle();
    expect(server.formTokenRequests).to.have.length(2);
    expect(server.posts, 'while the fresh token ages').to.have.length(0);
    await clock!.tick(3000);
    expect(server.posts.map((post) => post.formToken)).to.deep.equal(['token-2']);
  });

  it('asks for a fresh token on the next keystroke once its token is an hour old, so that it ages while the reader writes', async () => {
    const server = serveTokens();
    const element = await mountWithClock();
    await fill(element, { name: 'Grace' });
    await clock!.settle();
    await clock!.tick(30 * 60_000);
    await fill(element, { text: 'Half an hour later' });
    expect(server.formTokenRequests, 'half an hour on').to.have.length(1);
    await clock!.tick(31 * 60_000);
    await fill(element, { text: 'An hour later' });
    await clock!.settle();
    expect(server.formTokenRequests, 'over an hour on').to.have.length(2);
    await clock!.tick(10_000);
    submit(element);
    await clock!.settle();
    expect(
      server.posts.map((post) => post.formToken),
      'posted at once',
    ).to.deep.equal(['token-2']);
  });

  it('asks again when posting, and waits, when the token did not come when the reader started', async () => {
    let isUp = false;
    let issued = 0;
    const server = serveTokens(() =>
      isUp ? json(200, { formToken: `token-${(issued += 1)}` }) : errorResponse(503, 'unavailable'),
    );
    const element = await mountWithClock();
    control(element, 'name').focus();
    await clock!.settle();
    isUp = true;
    await clock!.tick(10_000);
    await fill(element, { name: 'Grace', text: 'Second try' });
    submit(element);
    await clock!.settle();
    expect(server.formTokenRequests).to.have.length(2);
    expect(server.posts).to.have.length(0);
    await clock!.tick(3000);
    expect(server.posts.map((post) => post.formToken)).to.deep.equal(['token-1']);
  });

  it('posts without a token, at once, when the server gives none', async () => {
    const server = serveTokens(() => errorResponse(404, 'not_found'));
    const element = await mountWithClock();
    await fill(element, { name: 'Grace', text: 'No token here' });
    submit(element);
    await clock!.settle();
    expect(server.posts).to.have.length(1);
    expect(server.posts[0]).not.to.have.property('formToken');
    await postingDone(element);
    expect(textOf(element, '[part="confirmation"]')).to.equal('Your comment is published.');
  });

  it('gives each accepted comment a token of its own', async () => {
    const server = serveTokens();
    const element = await mountWithClock();
    await fill(element, { name: 'Grace', text: 'First' });
    await clock!.settle();
    await clock!.tick(5000);
    submit(element);
    await clock!.settle();
    await postingDone(element);
    await fill(element, { text: 'Second' });
    await clock!.settle();
    await clock!.tick(5000);
    submit(element);
    await clock!.settle();
    await postingDone(element);
    expect(server.posts.map((post) => post.formToken)).to.deep.equal(['token-1', 'token-2']);
  });

  it('keeps the token of a post the server refused, for the next try', async () => {
    let isRefusing = true;
    const server = serve({
      formToken: () => json(200, { formToken: 'token-1' }),
      post: (request) =>
        isRefusing
          ? errorResponse(503, 'unavailable')
          : json(201, {
              comment: { ...(request.body as object), id: 'new1' },
              secret: 's',
              editableUntil: new Date().toISOString(),
            }),
    });
    const element = await mountWithClock();
    await fill(element, { name: 'Grace', text: 'Persistent' });
    await clock!.settle();
    await clock!.tick(5000);
    submit(element);
    await clock!.settle();
    await postingDone(element);
    isRefusing = false;
    submit(element);
    await clock!.settle();
    expect(server.formTokenRequests).to.have.length(1);
    expect(server.posts.map((post) => post.formToken)).to.deep.equal(['token-1', 'token-1']);
  });

  it('asks for a token of the thread it now shows when the thread changes', async () => {
    const server = serveTokens();
    const element = await mount();
    await fill(element, { text: 'On the first thread' });
    element.thread = '/blog/other';
    await settled(element);
    await fill(element, { text: 'On the other thread' });
    expect(server.formTokenRequests.map((request) => request.url.searchParams.get('thread'))).to.deep.equal([
      '/blog/hello',
      '/blog/other',
    ]);
  });
});

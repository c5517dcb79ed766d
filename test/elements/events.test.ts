import { expect, waitUntil } from '@open-wc/testing';
import { NatterHttpError } from '../../src/client/index.js';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import type {
  NatterErrorDetail,
  NatterLoadedDetail,
  NatterPostedDetail,
  NatterSubmitDetail,
} from '../../src/index.js';
import {
  aPage,
  control,
  errorResponse,
  fillAndSubmit,
  has,
  lateAnswersArrived,
  mount,
  postedAnswer,
  postingDone,
  resetPage,
  serve,
  someComments,
  textOf,
} from './helpers.js';

/** One natter event as a host page's listener on `document` saw it. */
interface Heard<Detail> {
  detail: Detail;
  target: EventTarget | null;
  bubbles: boolean;
  composed: boolean;
  cancelable: boolean;
}

const heard = {
  loaded: [] as Heard<NatterLoadedDetail>[],
  submit: [] as Heard<NatterSubmitDetail>[],
  posted: [] as Heard<NatterPostedDetail>[],
  error: [] as Heard<NatterErrorDetail>[],
};

/** Copies what a listener can see of `event`. */
function record<Detail>(event: CustomEvent<Detail>): Heard<Detail> {
  const { detail, target, bubbles, composed, cancelable } = event;
  return { detail, target, bubbles, composed, cancelable };
}

// Listeners on the document, as a host page would add them; their `event.detail` must type-check as declared.
const listeners = {
  'natter-loaded': (event: DocumentEventMap['natter-loaded']) => heard.loaded.push(record(event)),
  'natter-submit': (event: DocumentEventMap['natter-submit']) => heard.submit.push(record(event)),
  'natter-posted': (event: DocumentEventMap['natter-posted']) => heard.posted.push(record(event)),
  'natter-error': (event: DocumentEventMap['natter-error']) => heard.error.push(record(event)),
};

beforeEach(() => {
  for (const list of Object.values(heard)) list.length = 0;
  document.addEventListener('natter-loaded', listeners['natter-loaded']);
  document.addEventListener('natter-submit', listeners['natter-submit']);
  document.addEventListener('natter-posted', listeners['natter-posted']);
  document.addEventListener('natter-error', listeners['natter-error']);
});

afterEach(() => {
  document.removeEventListener('natter-loaded', listeners['natter-loaded']);
  document.removeEventListener('natter-submit', listeners['natter-submit']);
  document.removeEventListener('natter-posted', listeners['natter-posted']);
  document.removeEventListener('natter-error', listeners['natter-error']);
  resetPage();
});

/** Expects `event` to have come from `element` and to have bubbled out of its shadow root. */
function expectFromElement(event: Heard<unknown>, element: NatterComments): void {
  expect(event.target === element, 'target is the element').to.equal(true);
  expect(event.bubbles, 'bubbles').to.equal(true);
  expect(event.composed, 'composed').to.equal(true);
}

describe('natter-comments events', () => {
  it('fires natter-loaded with the thread and the comments of each page', async () => {
    serve({
      list: (request) =>
        Response.json(
          request.url.searchParams.get('cursor')
            ? aPage({ comments: someComments(3).slice(2), count: 3 })
            : aPage({ comments: someComments(2), count: 3, next: 'more' }),
        ),
    });
    const element = await mount();
    expect(heard.loaded).to.have.length(1);
    expectFromElement(heard.loaded[0], element);
    expect(heard.loaded[0].detail.thread).to.deep.equal({ key: '/blog/hello', count: 3, locked: false });
    expect(heard.loaded[0].detail.comments.map((comment) => comment.id)).to.deep.equal(['c1', 'c2']);

    element.shadowRoot!.querySelector<HTMLButtonElement>('.actions button')!.click();
    await waitUntil(() => heard.loaded.length === 2, 'no event for the second page');
    expect(heard.loaded[1].detail.comments.map((comment) => comment.id)).to.deep.equal(['c3']);
  });

  it('fires natter-error with phase "load" and the typed error when the thread cannot be loaded', async () => {
    serve({ list: () => errorResponse(503, 'unavailable') });
    const element = await mount();
    expect(heard.error).to.have.length(1);
    expectFromElement(heard.error[0], element);
    const { phase, error } = heard.error[0].detail;
    expect(phase).to.equal('load');
    expect(error).to.be.instanceOf(NatterHttpError);
    expect((error as NatterHttpError).status).to.equal(503);
    expect(heard.loaded).to.have.length(0);
  });

  it('fires a cancelable natter-submit with the comment, then natter-posted with the server’s comment', async () => {
    serve();
    const element = await mount();
    await fillAndSubmit(element, { name: 'Grace', text: 'Hello' });
    await postingDone(element);
    expect(heard.submit).to.have.length(1);
    expectFromElement(heard.submit[0], element);
    expect(heard.submit[0].cancelable).to.equal(true);
    expect(heard.submit[0].detail.comment).to.include({
      thread: '/blog/hello',
      name: 'Grace',
      text: 'Hello',
    });

    expect(heard.posted).to.have.length(1);
    expectFromElement(heard.posted[0], element);
    expect(heard.posted[0].detail.isPending).to.equal(false);
    expect(heard.posted[0].detail.comment).to.include({ id: 'new1', text: 'Hello', status: 'published' });
    expect(heard.error).to.have.length(0);
  });

  it('says in natter-posted when the comment awaits moderation', async () => {
    serve({ post: (request) => postedAnswer(request, 'pending') });
    const element = await mount();
    await fillAndSubmit(element);
    await postingDone(element);
    expect(heard.posted.map((event) => event.detail.isPending)).to.deep.equal([true]);
  });

  it('fires natter-error with phase "post" and the server’s error when posting fails', async () => {
    serve({ post: () => errorResponse(422, 'validation_failed', 'text') });
    const element = await mount();
    await fillAndSubmit(element);
    await postingDone(element);
    expect(heard.error).to.have.length(1);
    expectFromElement(heard.error[0], element);
    const { phase, error } = heard.error[0].detail;
    expect(phase).to.equal('post');
    expect(error).to.be.instanceOf(NatterHttpError);
    expect((error as NatterHttpError).field).to.equal('text');
    expect(heard.posted).to.have.length(0);
  });

  it('lets a host page veto a post: nothing is sent and the text stays', async () => {
    const server = serve();
    const veto = (event: Event) => event.preventDefault();
    document.addEventListener('natter-submit', veto);
    try {
      const element = await mount();
      await fillAndSubmit(element, { name: 'Grace', text: 'Held by the page' });
      await postingDone(element);
      expect(server.posts).to.have.length(0);
      expect(control(element, 'text').value).to.equal('Held by the page');
      expect(has(element, '[part="form-error"]')).to.equal(false);
      expect(textOf(element, 'button[type="submit"]')).to.equal('Post');
      expect(heard.posted).to.have.length(0);
      expect(heard.error).to.have.length(0);
    } finally {
      document.removeEventListener('natter-submit', veto);
    }
  });

  it('fires nothing for a thread switched away from before it loaded', async () => {
    let answerFirst!: () => void;
    serve({
      list: (request) =>
        request.url.searchParams.get('thread') === '/blog/first'
          ? new Promise((resolve) => {
              answerFirst = () => resolve(Response.json(aPage({ key: '/blog/first' })));
            })
          : Response.json(aPage({ key: '/blog/second' })),
    });
    const element = await mount({ thread: '/blog/first' }, { settle: false });
    await waitUntil(() => answerFirst, 'the first thread was never requested');
    element.thread = '/blog/second';
    await waitUntil(() => heard.loaded.length === 1, 'the second thread never loaded');
    answerFirst();
    await lateAnswersArrived(element);
    expect(heard.loaded.map((event) => event.detail.thread.key)).to.deep.equal(['/blog/second']);
    expect(heard.error).to.have.length(0);
  });
});

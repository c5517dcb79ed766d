import { expect, fixture, html, nextFrame, waitUntil } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import { limits } from '../../src/protocol/limits.js';
import {
  $$,
  aPage,
  aComment,
  deferred,
  fillAndSubmit,
  lateAnswersArrived,
  mount,
  resetPage,
  serve,
  settled,
  textOf,
} from './helpers.js';

afterEach(resetPage);

describe('natter-comments configuration: which thread', () => {
  it('defaults to the path of the page’s canonical link', async () => {
    const canonical = Object.assign(document.createElement('link'), {
      rel: 'canonical',
      href: 'https://blog.example/2025/canonical-post?utm_source=feed#comments',
    });
    document.head.append(canonical);
    try {
      const server = serve();
      await mount({ thread: null });
      expect(server.lists[0].url.searchParams.get('thread')).to.equal('/2025/canonical-post');
    } finally {
      canonical.remove();
    }
  });

  it('defaults to the page’s path without a canonical link', async () => {
    const server = serve();
    await mount({ thread: null });
    expect(server.lists[0].url.searchParams.get('thread')).to.equal(location.pathname);
  });

  it('loads the new thread when the thread changes, and posts to it', async () => {
    const server = serve({
      list: (request) => {
        const thread = request.url.searchParams.get('thread')!;
        return Response.json(aPage({ key: thread, comments: [aComment({ thread, text: `On ${thread}` })] }));
      },
    });
    const element = await mount({ thread: '/blog/one' });
    expect(textOf(element, '[part="body"]')).to.equal('On /blog/one');
    element.thread = '/blog/two';
    await settled(element);
    expect(textOf(element, '[part="body"]')).to.equal('On /blog/two');
    expect(server.lists.map((request) => request.url.searchParams.get('thread'))).to.deep.equal([
      '/blog/one',
      '/blog/two',
    ]);
  });

  it('never paints the old thread’s answer when it arrives after the new one', async () => {
    const oldAnswer = deferred<Response>();
    serve({
      list: (request) =>
        request.url.searchParams.get('thread') === '/blog/old'
          ? oldAnswer.promise
          : Response.json(aPage({ key: '/blog/new', comments: [aComment({ text: 'New thread' })] })),
    });
    const element = await mount({ thread: '/blog/old' }, { settle: false });
    element.thread = '/blog/new';
    await settled(element);
    oldAnswer.resolve(
      Response.json(aPage({ key: '/blog/old', comments: [aComment({ text: 'Old thread' })] })),
    );
    await lateAnswersArrived(element);
    expect($$(element, '[part="body"]').map((body) => body.textContent!.trim())).to.deep.equal([
      'New thread',
    ]);
  });
});

describe('natter-comments configuration: where and how to ask', () => {
  const apiOf = (url: URL) => url.origin + url.pathname;

  it('asks the server the script came from by default', async () => {
    const server = serve();
    await mount();
    expect(apiOf(server.lists[0].url)).to.equal(`${location.origin}/api/v1/comments`);
  });

  for (const [endpoint, expected] of [
    ['https://comments.example/natter', 'https://comments.example/natter/api/v1/comments'],
    ['/natter/', `${location.origin}/natter/api/v1/comments`],
  ]) {
    it(`asks ${expected} for endpoint="${endpoint}", and posts there too`, async () => {
      const server = serve();
      const element = await mount({ endpoint });
      expect(apiOf(server.lists[0].url)).to.equal(expected);
      await fillAndSubmit(element);
      await waitUntil(() => server.posts.length === 1, 'nothing was posted');
      expect(apiOf(server.requests.at(-1)!.url)).to.equal(expected);
    });
  }

  it('asks the new endpoint when it changes', async () => {
    const server = serve();
    const element = await mount({ endpoint: 'https://one.example/' });
    element.endpoint = 'https://two.example/';
    await settled(element);
    expect(server.lists.map((request) => request.url.origin)).to.deep.equal([
      'https://one.example',
      'https://two.example',
    ]);
  });

  it('asks for 50 comments, oldest first, by default', async () => {
    const server = serve();
    await mount();
    const query = server.lists[0].url.searchParams;
    expect([query.get('limit'), query.get('sort'), query.get('cursor')]).to.deep.equal([
      '50',
      'oldest',
      null,
    ]);
  });

  it('passes page-size and sort to the server', async () => {
    const server = serve();
    await mount({ 'page-size': '10', sort: 'newest' });
    const query = server.lists[0].url.searchParams;
    expect([query.get('limit'), query.get('sort')]).to.deep.equal(['10', 'newest']);
  });

  for (const [pageSize, expected] of [
    ['1000', String(limits.maxPageSize)],
    ['0', String(limits.defaultPageSize)],
    ['lots', String(limits.defaultPageSize)],
  ]) {
    it(`asks for ${expected} comments for page-size="${pageSize}"`, async () => {
      const server = serve();
      await mount({ 'page-size': pageSize });
      expect(server.lists[0].url.searchParams.get('limit')).to.equal(expected);
    });
  }
});

describe('natter-comments configuration: lazy loading', () => {
  afterEach(() => window.scrollTo(0, 0));

  /** Mounts the element far below the fold, with the `lazy` attribute when given. */
  async function mountBelowTheFold(lazy?: string): Promise<NatterComments> {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="en">
        <div style="height: calc(100vh + 3000px)"></div>
        <natter-comments thread="/blog/hello" lazy=${ifDefined(lazy)}></natter-comments>
      </div>`,
    );
    return wrapper.querySelector('natter-comments')!;
  }

  it('asks nothing until the element nears the viewport, then loads', async () => {
    const server = serve();
    const element = await mountBelowTheFold();
    expect(element.lazy).to.equal(true);
    await nextFrame();
    await nextFrame();
    expect(server.requests).to.have.length(0);

    element.scrollIntoView();
    await waitUntil(() => server.lists.length === 1, 'scrolling into view never loaded the thread');
    await settled(element);
    expect($$(element, '[part="comment"]')).to.have.length(1);
  });

  it('loads at once with lazy="false", wherever the element is', async () => {
    const server = serve();
    const element = await mountBelowTheFold('false');
    expect(element.lazy).to.equal(false);
    await waitUntil(() => server.lists.length === 1, 'the thread was never requested');
  });
});

describe('natter-comments configuration: theme', () => {
  it('reflects the theme to the attribute that styles it', async () => {
    serve();
    const element = await mount({ theme: 'dark' });
    expect(element.theme).to.equal('dark');
    element.theme = 'light';
    await element.updateComplete;
    expect(element.getAttribute('theme')).to.equal('light');
  });
});

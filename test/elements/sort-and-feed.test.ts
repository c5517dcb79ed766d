import { expect, waitUntil } from '@open-wc/testing';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import type { SortOrder } from '../../src/protocol/types.js';
import { $, $$, aPage, has, mount, resetPage, serve, someComments } from './helpers.js';
import { endpoint } from './own-helpers.js';

// The reader chooses the order of the thread (remembered for the site); the thread's feed is linked.

afterEach(resetPage);

const sortKey = `natter:sort:${endpoint}`;

function select(element: NatterComments): HTMLSelectElement {
  return $<HTMLSelectElement>(element, '[part="sort"] select')!;
}

async function mountTools(attributes: Record<string, string> = {}): Promise<NatterComments> {
  const element = await mount({ endpoint, ...attributes });
  await waitUntil(() => has(element, '.thread-tools'), 'the thread’s tools never appeared');
  return element;
}

function listing(sorts?: SortOrder[], feed?: string) {
  return (request: { url: URL }) => {
    const page = aPage({ comments: someComments(3), thread: { sorts, feed } });
    const sort = request.url.searchParams.get('sort');
    if (sort === 'newest') page.comments.reverse();
    return Response.json(page);
  };
}

describe('natter-comments order and feed', () => {
  it('offers oldest and newest first by default, and most liked and replied when the server does', async () => {
    serve({ list: listing() });
    const plain = await mountTools();
    expect([...select(plain).options].map((option) => option.value)).to.deep.equal(['oldest', 'newest']);
    expect(select(plain).value).to.equal('oldest');
    expect($(plain, '[part="sort"]')!.textContent).to.include('Sort by');
    resetPage();
    serve({ list: listing(['oldest', 'newest', 'liked', 'replied']) });
    const offered = await mountTools();
    expect([...select(offered).options].map((option) => option.textContent!.trim())).to.deep.equal([
      'Oldest first',
      'Newest first',
      'Most liked',
      'Most replies',
    ]);
  });

  it('reloads the thread in the chosen order, keeps focus on the choice and remembers it for the site', async () => {
    const server = serve({ list: listing() });
    const element = await mountTools();
    select(element).focus();
    select(element).value = 'newest';
    select(element).dispatchEvent(new Event('change'));
    await waitUntil(() => $$(element, '.comment')[0]?.id === 'comment-c3', 'the newest never came first');
    expect(server.lists.at(-1)!.url.searchParams.get('sort')).to.equal('newest');
    expect(element.shadowRoot!.activeElement).to.equal(select(element));
    expect(localStorage.getItem(sortKey)).to.equal('newest');
  });

  it('loads in the remembered order from the start, over the page’s sort', async () => {
    localStorage.setItem(sortKey, 'newest');
    const server = serve({ list: listing() });
    const element = await mountTools({ sort: 'oldest' });
    expect(server.lists.map((request) => request.url.searchParams.get('sort'))).to.deep.equal(['newest']);
    expect(select(element).value).to.equal('newest');
  });

  it('links the thread’s feed as rel="alternate" Atom, and nothing when the server has none', async () => {
    serve({ list: listing(undefined, 'https://comments.example/feeds/thread.atom?thread=%2Fblog%2Fhello') });
    const element = await mountTools();
    const link = $<HTMLAnchorElement>(element, '[part="feed"]')!;
    expect(link.href).to.equal('https://comments.example/feeds/thread.atom?thread=%2Fblog%2Fhello');
    expect(link.rel).to.equal('alternate');
    expect(link.type).to.equal('application/atom+xml');
    expect(link.textContent!.trim()).to.equal('Feed');
    resetPage();
    serve({ list: listing() });
    expect(has(await mountTools(), '[part="feed"]')).to.equal(false);
  });
});

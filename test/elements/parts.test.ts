import { expect, waitUntil } from '@open-wc/testing';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import { whenLinksReady } from '../../src/text/render-text.js';
import { json } from '../client/fakes.js';
import {
  aComment,
  aPage,
  aReference,
  errorResponse,
  fill,
  fillAndSubmit,
  has,
  mount,
  postedAnswer,
  postingDone,
  realFetch,
  resetPage,
  serve,
  silentFetch,
} from './helpers.js';
import { click, endpoint, mountOwning, serveOwn, typeEdit } from './own-helpers.js';

afterEach(resetPage);

/** The `part` names declared for `<natter-comments>` in the generated manifest (`npm run build` writes it). */
async function declaredParts(): Promise<string[]> {
  const response = await realFetch('/dist/custom-elements.json');
  if (!response.ok)
    throw new Error(`No dist/custom-elements.json (HTTP ${response.status}): npm run build first`);
  const manifest = (await response.json()) as {
    modules: { declarations?: { tagName?: string; cssParts?: { name: string }[] }[] }[];
  };
  const element = manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .find((declaration) => declaration.tagName === 'natter-comments');
  return (element?.cssParts ?? []).map((part) => part.name).sort();
}

/** Every `part` token in the element's shadow root right now. */
function partsIn(element: NatterComments): string[] {
  return [...element.shadowRoot!.querySelectorAll('[part]')].flatMap((node) => [...node.part]);
}

describe('natter-comments parts', () => {
  // The `link` part is on URLs in comments, which linkifyjs's chunk (fetched after the first paint) makes.
  before(whenLinksReady);

  it('declares, in custom-elements.json, every part it renders in any state, and renders every part it declares', async () => {
    const rendered = new Set<string>();
    const seen = (element: NatterComments) => partsIn(element).forEach((part) => rendered.add(part));

    // Loading.
    window.fetch = silentFetch();
    const loading = await mount({}, { settle: false });
    await waitUntil(() => has(loading, '[part="placeholder"]'), 'no placeholder');
    seen(loading);
    resetPage();

    // An empty thread; a restored draft near the length limit; a post the server refused.
    serve({
      list: aPage({ comments: [], limits: { textLength: 100 } }),
      post: () => errorResponse(503, 'unavailable'),
    });
    const empty = await mount({ thread: '/blog/empty' });
    await fill(empty, { text: 'x'.repeat(95) });
    empty.parentElement!.remove();
    const drafted = await mount({ thread: '/blog/empty' });
    await fillAndSubmit(drafted, { name: 'Grace' });
    await postingDone(drafted);
    expect(has(drafted, '[part="draft-notice"]') && has(drafted, '[part="form-error"]')).to.equal(true);
    seen(drafted);
    resetPage();

    // A server that offers reply notifications: the box, ticked, then the note to look for the e-mail.
    serve({
      list: aPage({ thread: { replyNotifications: true } }),
      post: (request) => postedAnswer(request, 'pending'),
    });
    const notifying = await mount({ thread: '/blog/notifying' });
    await fill(notifying, { email: 'grace@example.com' });
    notifying.shadowRoot!.querySelector<HTMLInputElement>('input[name="notify"]')!.click();
    await notifying.updateComplete;
    seen(notifying);
    await fillAndSubmit(notifying, { name: 'Grace', text: 'Tell me of answers.' });
    await postingDone(notifying);
    expect(has(notifying, '[part="notify-notice"]')).to.equal(true);
    seen(notifying);
    resetPage();

    // A locked thread.
    serve({ list: aPage({ locked: true }) });
    seen(await mount({ thread: '/blog/locked' }));
    resetPage();

    // A thread with a policy, links, a comment awaiting moderation, more pages, and the reader's own comment,
    // edited (near the limit) and about to be deleted.
    serveOwn({
      limits: { textLength: 100 },
      comments: [
        aComment({ id: 'c1', author: { name: 'Ada', url: 'https://ada.example/' }, text: 'See example.com' }),
        aComment({ id: 'c2', status: 'pending' }),
      ],
    });
    const thread = await mountOwning('c1', { endpoint });
    seen(thread);
    await click(thread, '#comment-c1 .own-edit');
    await typeEdit(thread, 'c1', 'y'.repeat(95));
    seen(thread);
    await click(thread, '#comment-c1 .own-editor button.secondary');
    await click(thread, '#comment-c1 .own-delete');
    seen(thread);
    resetPage();
    serve({ list: aPage({ next: 'page-2', policy: '<p>Be kind.</p>' }) });
    const more = await mount({ thread: '/blog/more' });
    await waitUntil(() => has(more, '[part="policy"] p'), 'the policy never appeared');
    seen(more);
    // Another reader's comment, with Report and then its choice of reason.
    await waitUntil(() => has(more, '[part="report"]'), 'Report never appeared');
    await click(more, '#comment-c1 .report-open');
    expect(has(more, '[part="report-form"]')).to.equal(true);
    seen(more);
    await click(more, '#comment-c1 .report-form button.secondary');
    // A comment just posted, and its confirmation.
    await fillAndSubmit(more, { name: 'Grace', text: 'Just posted.' });
    await postingDone(more);
    expect(has(more, '[part="confirmation"]')).to.equal(true);
    seen(more);

    resetPage();

    // A conversation opened at a permalink: nested and collapsed replies, one deeper than max-depth, a deleted
    // comment's placeholder, and a reply form.
    history.replaceState(null, '', '#comment-d2');
    const reply = (id: string, parent: string) => aComment({ id, parent, author: { name: id, url: null } });
    serve({
      list: aPage({
        comments: [
          aComment({ id: 'a' }),
          reply('r1', 'a'),
          reply('r2', 'a'),
          reply('r3', 'a'),
          reply('r4', 'a'),
          aComment({ id: 'd', deleted: true, text: '', author: { name: '', url: null } }),
          reply('d1', 'd'),
          reply('d2', 'd1'),
        ],
      }),
    });
    const conversation = await mount({ thread: '/blog/conversation', 'max-depth': '1' });
    history.replaceState(null, '', location.pathname);
    await waitUntil(() => has(conversation, '#comment-a .reply-open'), 'Reply never appeared');
    await click(conversation, '#comment-a .reply-open');
    expect(has(conversation, '[part~="reply-form"]') && has(conversation, '[part~="target"]')).to.equal(true);
    seen(conversation);
    resetPage();

    // A thread with a feed and a stream, on which a comment from someone else has just arrived.
    const realEventSource = window.EventSource;
    const sources: EventTarget[] = [];
    window.EventSource = class extends EventTarget {
      constructor() {
        super();
        sources.push(this);
      }
      close() {}
    } as unknown as typeof EventSource;
    try {
      const feed = 'https://comments.example/feed.atom';
      serve({ list: aPage({ thread: { feed, stream: 'https://comments.example/stream' } }) });
      const live = await mount({ thread: '/blog/live' });
      await waitUntil(() => sources.length > 0, 'no stream was opened');
      const comment = aComment({ id: 'live1' });
      sources[0]!.dispatchEvent(new MessageEvent('comment', { data: JSON.stringify({ comment }) }));
      await waitUntil(() => has(live, '[part~="new-comments"]'), 'the new comment was never offered');
      seen(live);
    } finally {
      window.EventSource = realEventSource;
    }

    resetPage();

    // A thread with references (a reply, a like), whose page the server takes Webmentions for, the form open.
    const canonical = Object.assign(document.createElement('link'), {
      rel: 'canonical',
      href: 'https://blog.example/blog/referenced',
    });
    document.head.append(canonical);
    try {
      const webmention = 'https://comments.example/webmention';
      serve({ list: aPage({ key: '/blog/referenced', thread: { references: 2, webmention } }) });
      const comments = window.fetch;
      const reference = aReference({ thread: '/blog/referenced' });
      const like = aReference({
        id: 'r2',
        thread: '/blog/referenced',
        kind: 'like',
        title: null,
        excerpt: null,
      });
      window.fetch = (input, init) =>
        new URL(String(input)).pathname.endsWith('/references')
          ? Promise.resolve(json(200, { thread: '/blog/referenced', references: [reference, like] }))
          : comments(input, init);
      const referenced = await mount({ thread: '/blog/referenced' });
      await waitUntil(
        () => has(referenced, '[part="reference"]') && has(referenced, '[part~="respond"]'),
        'the references never showed',
      );
      await click(referenced, '.respond-open');
      await waitUntil(() => has(referenced, '[part="respond-form"]'), 'the response form never opened');
      seen(referenced);
    } finally {
      canonical.remove();
    }

    expect([...rendered].sort()).to.deep.equal(await declaredParts());
  });

  it('are the parts README.md lists for ::part(), every one of them', async () => {
    const readme = await (await realFetch('/README.md')).text();
    const list = /Parts for `::part\(\)`:([^.]*)\./.exec(readme)?.[1] ?? '';
    const listed = [...list.matchAll(/`([a-z-]+)`/g)].map(([, name]) => name!);
    expect(listed.sort()).to.deep.equal(await declaredParts());
  });
});

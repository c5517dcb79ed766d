import { expect, waitUntil } from '@open-wc/testing';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import type { Comment } from '../../src/protocol/types.js';
import { $, $$, aComment, aPage, has, mount, resetPage, serve, someComments, textOf } from './helpers.js';
import { announced, click, endpoint, mountOwning, serveOwn } from './own-helpers.js';

// New comments from others arrive through the thread's stream and wait behind "Show 2 new comments". The page's
// EventSource is replaced by a stub that the test feeds.

class StubEventSource extends EventTarget {
  static opened: StubEventSource[] = [];
  closed = false;
  constructor(readonly url: string) {
    super();
    StubEventSource.opened.push(this);
  }
  close(): void {
    this.closed = true;
  }
  /** Says `reload`, as the server does when this stream may have missed comments: `event: reload`, an empty `id`. */
  reload(): void {
    this.dispatchEvent(new MessageEvent('reload', { data: '{}', lastEventId: '' }));
  }
  /** Sends `comment` as the server does: `event: comment`, `id: …`, `data: {"comment": …}`. */
  send(comment: Comment, id = `cursor-${comment.id}`): void {
    this.dispatchEvent(new MessageEvent('comment', { data: JSON.stringify({ comment }), lastEventId: id }));
  }
}

const realEventSource = window.EventSource;
const stream = 'https://comments.example/api/v1/stream?thread=%2Fblog%2Fhello';

beforeEach(() => {
  StubEventSource.opened = [];
  window.EventSource = StubEventSource as unknown as typeof EventSource;
});
afterEach(() => {
  window.EventSource = realEventSource;
  resetPage();
});

function streamed(comments = someComments(2)) {
  return aPage({ comments, thread: { stream } });
}

async function mountLive(list = streamed()): Promise<{ element: NatterComments; source: StubEventSource }> {
  serve({ list });
  const element = await mount({ endpoint });
  await waitUntil(() => StubEventSource.opened.length > 0, 'no stream was opened');
  return { element, source: StubEventSource.opened[0]! };
}

const fromOthers = (id: string, parent: string | null = null) =>
  aComment({ id, parent, text: `live ${id}`, createdAt: '2025-07-01T10:00:00.000Z' });

describe('natter-comments live updates', () => {
  it('opens the thread’s stream, offers what arrives, announces it once, and shows it on request', async () => {
    const { element, source } = await mountLive();
    expect(String(source.url)).to.equal(stream);
    source.send(fromOthers('n1'));
    source.send(fromOthers('n2', 'c1'));
    await waitUntil(() => has(element, '[part~="new-comments"]'), 'the new comments were never offered');
    expect(textOf(element, '[part~="new-comments"]')).to.equal('Show 2 new comments');
    expect(has(element, '#comment-n1')).to.equal(false);
    // Gathered for a moment, so that a burst is told once.
    await waitUntil(() => textOf(element, '[role="status"]') === '2 new comments', 'never announced', {
      timeout: 3000,
    });
    $<HTMLButtonElement>(element, '[part~="new-comments"]')!.click();
    await element.updateComplete;
    // Top-level at the end of the oldest-first thread, the reply under its parent.
    expect($$(element, '[part="list"] > .group > .comment').map((item) => item.id)).to.deep.equal([
      'comment-c1',
      'comment-c2',
      'comment-n1',
    ]);
    expect(has(element, '#comment-c1 #comment-n2')).to.equal(true);
    expect(has(element, '[part~="new-comments"]')).to.equal(false);
    expect(textOf(element, 'h2')).to.equal('4 comments');
    expect(element.shadowRoot!.activeElement?.closest('.comment')?.id).to.equal('comment-n1');
  });

  it('never offers a comment already shown, such as the reader’s own post', async () => {
    const { element, source } = await mountLive();
    source.send(someComments(2)[1]!);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await element.updateComplete;
    expect(has(element, '[part~="new-comments"]')).to.equal(false);
  });

  it('never offers again a comment the reader deleted, when its news comes after the deletion', async () => {
    serveOwn({ stream });
    const element = await mountOwning('c2');
    await waitUntil(() => StubEventSource.opened.length > 0, 'no stream was opened');
    await click(element, '#comment-c2 .own-delete');
    await click(element, '#comment-c2 .own-confirm-delete');
    await announced(element, 'Your comment was deleted.');
    StubEventSource.opened[0]!.send(someComments(3)[1]!);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await element.updateComplete;
    expect(has(element, '[part~="new-comments"]')).to.equal(false);
    expect(textOf(element, '[role="status"]')).to.equal('Your comment was deleted.');
  });

  it('keeps the comment the reader looks at in its place when new ones go in above it', async () => {
    const comments = Array.from({ length: 30 }, (_, index) =>
      aComment({ id: `c${index}`, text: 'A line of text.\n\nAnd another paragraph.' }),
    );
    const { element, source } = await mountLive(streamed(comments));
    $(element, '#comment-c15')!.scrollIntoView({ block: 'start' });
    for (const id of ['n1', 'n2', 'n3']) source.send(fromOthers(id, 'c2'));
    await waitUntil(() => has(element, '[part~="new-comments"]'), 'never offered');
    const button = $<HTMLButtonElement>(element, '[part~="new-comments"]')!;
    const below = [...$$(element, 'article')].find(
      (article) => article.getBoundingClientRect().bottom > button.getBoundingClientRect().bottom,
    )!;
    const before = below.getBoundingClientRect().top;
    button.click();
    await element.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(has(element, '#comment-n3')).to.equal(true);
    expect(Math.abs(below.getBoundingClientRect().top - before)).to.be.below(2);
  });

  it('offers to load the thread again when the stream says it missed comments, and keeps it shown meanwhile', async () => {
    const later = streamed([...someComments(2), fromOthers('n1'), fromOthers('n2')]);
    let listed = streamed();
    const server = serve({ list: () => Response.json(listed) });
    const element = await mount({ endpoint });
    await waitUntil(() => StubEventSource.opened.length > 0, 'no stream was opened');
    const source = StubEventSource.opened[0]!;
    source.send(fromOthers('n1'));
    source.reload();
    source.reload();
    await waitUntil(() => has(element, '[part~="new-comments"]'), 'the missed comments were never offered');
    // What arrived before is part of what the thread brings again: one offer, without a count it cannot know.
    expect(textOf(element, '[part~="new-comments"]')).to.equal('Show new comments');
    expect(textOf(element, '[role="status"]')).to.equal('New comments have arrived');
    expect(server.lists).to.have.length(1);
    listed = later;
    $<HTMLButtonElement>(element, '[part~="new-comments"]')!.click();
    await element.updateComplete;
    expect(has(element, '#comment-c1')).to.equal(true);
    await waitUntil(() => has(element, '#comment-n2'), 'the thread never came again');
    expect(server.lists).to.have.length(2);
    expect(server.lists[1]!.url.searchParams.has('cursor')).to.equal(false);
    expect(has(element, '[part~="new-comments"]')).to.equal(false);
    expect(textOf(element, 'h2')).to.equal('4 comments');
    expect(element.shadowRoot!.activeElement?.id).to.equal('heading');
    // The same stream goes on.
    source.send(fromOthers('n3'));
    await waitUntil(
      () => textOf(element, '[part~="new-comments"]') === 'Show 1 new comment',
      'the stream stopped',
    );
    expect(StubEventSource.opened).to.have.length(1);
  });

  it('closes the stream when the element leaves, and opens none without one', async () => {
    const { element, source } = await mountLive();
    element.remove();
    expect(source.closed).to.equal(true);
    resetPage();
    StubEventSource.opened = [];
    serve({ list: aPage() });
    await mount({ endpoint });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(StubEventSource.opened).to.have.length(0);
  });
});

import { expect } from '@open-wc/testing';
import { tokenize } from 'linkifyjs';
import { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import { loadLocalizer } from '../../src/i18n/localizer.js';
import type { Comment, ListCommentsResponse } from '../../src/protocol/types.js';
import { toHtml } from '../../src/server/html/markup.js';
import { pageLocalizer, type PageLocalizer } from '../../src/server/html/page-language.js';
import { embeddedThread, type EmbeddedQuery } from '../../src/server/html/thread-markup.js';
import { threadCss } from '../../src/server/html/thread-styles.js';
import { whenLinksReady } from '../../src/text/render-text.js';
import { json } from '../client/fakes.js';
import { $$, aComment, aPage, heldBack, resetPage, serve, someComments } from './helpers.js';

// The thread's HTML that `natter render` writes into <natter-comments> (the server's own markup, src/server/html/),
// and the element taking it over: the same place on the page before and after the element runs, and no request for
// the page that came with it.

/** The server's markup for `page`, as GET /thread/embed writes it (the stylesheet put on the page by the test). */
function serverMarkup(
  page: ListCommentsResponse,
  query: EmbeddedQuery,
  localizer: PageLocalizer,
  maxDepth = 3,
  renderedAt = new Date().toISOString(),
): string {
  return toHtml(
    embeddedThread({
      page,
      query,
      localizer,
      maxDepth,
      renderedAt,
      findLinks: tokenize,
      links: { thread: '/thread', write: '/thread#write', ...(page.next && { more: '/thread?cursor=x' }) },
      stylesheet: 'data:text/css,',
    }),
  );
}

let stylesheet: HTMLStyleElement | undefined;
let defined = 0;
/** What the takeovers measured, said at the end. */
const measured: string[] = [];

before(async () => {
  // Linked at once, as the server links them: the widget's first paint shows the same links.
  await whenLinksReady();
  stylesheet = document.createElement('style');
  stylesheet.textContent = threadCss;
  document.head.append(stylesheet);
});
after(() => {
  stylesheet?.remove();
  console.log(measured.join('\n'));
});
afterEach(resetPage);

/**
 * An element of a tag not yet defined (as <natter-comments> is before natter.js runs), holding the server's markup
 * for `page` in the element's `locale` (as `natter render --locale` writes it; English without one), on a page in a
 * column 640 px wide, with a paragraph below it; `define()` upgrades it.
 */
async function serverRendered(
  page: ListCommentsResponse,
  query: EmbeddedQuery,
  attributes: Record<string, string> = {},
  renderedAt?: string,
) {
  const tag = `natter-late-${++defined}`;
  // What thread.css says of <natter-comments> before it is defined, for this tag.
  const undefinedStyle = document.createElement('style');
  undefinedStyle.textContent = `${tag}:not(:defined) { display: block; }`;
  document.head.append(undefinedStyle);
  const column = document.createElement('div');
  // At the top of the viewport: conversations out of sight are not laid out (content-visibility), on either side.
  column.style.cssText = 'position: absolute; top: 0; left: 0; width: 640px; font: 16px/1.5 sans-serif;';
  const element = document.createElement(tag) as NatterComments;
  for (const [name, value] of Object.entries({ lazy: 'false', thread: query.thread, ...attributes })) {
    element.setAttribute(name, value);
  }
  const localizer = await pageLocalizer(attributes.locale ?? 'en');
  element.innerHTML = serverMarkup(page, query, localizer, Number(attributes['max-depth'] ?? 3), renderedAt);
  const below = document.createElement('p');
  below.textContent = 'The page goes on.';
  column.append(element, below);
  document.body.append(column);
  return {
    element,
    below,
    define: () => customElements.define(tag, class extends NatterComments {}),
    remove: () => {
      column.remove();
      undefinedStyle.remove();
    },
  };
}

/** Waits until the next frame is about to be painted: what an upgrade renders in its microtasks is there. */
const beforeNextPaint = () => new Promise((resolve) => requestAnimationFrame(resolve));

const defaultQuery = (thread = '/blog/hello'): EmbeddedQuery => ({ thread, sort: 'oldest', limit: 50 });

/** A conversation: a comment with `count` replies, one of them with replies of its own down to `depth`. */
function conversation(prefix: string, count: number, depth = 1): Comment[] {
  const root = aComment({ id: `${prefix}0`, text: `Root ${prefix}, see https://example.com/${prefix}` });
  const replies = Array.from({ length: count }, (_, index) =>
    aComment({
      id: `${prefix}r${index}`,
      parent: root.id,
      author: { name: `Replier ${index}`, url: 'https://r.example/' },
      text: `Reply ${index}\nsecond line`,
    }),
  );
  const deep: Comment[] = [];
  for (let level = 1, parent = replies[0]!.id; level < depth; level++) {
    const comment = aComment({ id: `${prefix}d${level}`, parent, text: `Deeper ${level}` });
    deep.push(comment);
    parent = comment.id;
  }
  return [root, ...replies, ...deep];
}

const threads: Record<string, () => ListCommentsResponse> = {
  'a short thread': () => aPage({ comments: someComments(3) }),
  'an empty thread': () => aPage({ comments: [] }),
  'a locked thread': () => aPage({ comments: someComments(2), locked: true }),
  'a thread with more pages': () => aPage({ comments: someComments(12), count: 40, next: 'cursor-2' }),
  'conversations folded and nested past max-depth': () =>
    aPage({
      comments: [
        ...conversation('a', 5, 5),
        ...conversation('b', 2),
        aComment({ id: 'gone', deleted: true, text: '', author: { name: '', url: null } }),
        aComment({ id: 'gone-r', parent: 'gone', text: 'Answer to a deleted one' }),
        aComment({
          id: 'long',
          text: `${'A long paragraph of text that wraps. '.repeat(30)}\n\nAnd a second one.`,
          editedAt: '2025-06-02T10:00:00.000Z',
        }),
      ],
    }),
};

/**
 * Upgrades the element holding the server's markup of `page` (with `attributes`) and expects its first paint to take
 * the same height as the markup did, in the same words and direction, with no request for the page.
 */
async function expectTakenOverInPlace(
  name: string,
  page: ListCommentsResponse,
  attributes: Record<string, string> = {},
): Promise<void> {
  const server = serve({ list: page });
  const rendered = await serverRendered(page, defaultQuery(), attributes);
  try {
    // Every height the browser lays the element out at, by frame.
    // Each frame is counted as it starts; the observer hears of a new size in the same frame, before it is
    // painted.
    let frame = 0;
    let isCounting = true;
    const count = () => {
      frame += 1;
      if (isCounting) requestAnimationFrame(count);
    };
    requestAnimationFrame(count);
    const heights: { height: number; frame: number }[] = [];
    const observer = new ResizeObserver(([entry]) =>
      heights.push({ height: entry!.borderBoxSize[0]!.blockSize, frame }),
    );
    observer.observe(rendered.element);
    const markup = rendered.element.querySelector('.natter-thread')!;
    expect(markup.getAttribute('lang')).to.equal(attributes.locale ?? 'en');
    const serverHeading = markup.querySelector('.natter-heading')!.textContent;
    // Painted, so that conversations in sight are laid out for real (content-visibility).
    await beforeNextPaint();
    await beforeNextPaint();
    const before = rendered.element.getBoundingClientRect().height;
    expect(before).to.be.greaterThan(50);
    heights.length = 0;
    // Upgraded in a task between frames, as natter.js would run: the next frame is its first paint.
    await new Promise((resolve) => setTimeout(resolve));
    const upgradeFrame = frame;
    rendered.define();
    await beforeNextPaint();
    await beforeNextPaint();
    await beforeNextPaint();
    observer.disconnect();
    isCounting = false;
    const { element } = rendered;
    // The widget shows the thread itself, and the server's markup is gone.
    expect(element.querySelector('.natter-thread')).to.equal(null);
    const headings = $$(element, '[part~="heading"]');
    expect(headings).to.have.length(1);
    expect(headings[0]!.textContent!.trim()).to.equal(serverHeading);
    expect(element.shadowRoot!.querySelector('[part~="base"]')!.getAttribute('dir')).to.equal(
      markup.getAttribute('dir'),
    );
    // The first paint after the upgrade: what comes later (the form in place of the space held for it, the
    // references) may take its own space.
    const firstPaint = heights.filter((each) => each.frame === upgradeFrame + 1).map((each) => each.height);
    measured.push(`${name}: ${before} px before, ${firstPaint.join(', ') || 'unchanged'} after`);
    for (const height of firstPaint)
      expect(height, `${before} px before, ${height} px after`).to.be.closeTo(before, 1);
    expect(server.lists).to.have.length(0);
  } finally {
    rendered.remove();
  }
}

describe('natter-comments with the server’s HTML of its thread', () => {
  for (const [name, make] of Object.entries(threads)) {
    it(`takes over ${name} in the same space, without asking for it`, async () => {
      await expectTakenOverInPlace(name, make());
    });
  }

  for (const locale of ['de', 'ar']) {
    it(`takes over a thread rendered in the element's locale (${locale}) in the same words and space`, async () => {
      // The language's words fetched before, as on a page that showed a thread in it already: the widget's first
      // paint is then its own, in that language, not the server's markup kept until they come.
      await loadLocalizer(locale);
      await expectTakenOverInPlace(
        `in ${locale}`,
        threads['conversations folded and nested past max-depth']!(),
        {
          locale,
        },
      );
    });
  }

  it('shows the same comments, text and links as the server’s HTML did', async () => {
    const page = threads['conversations folded and nested past max-depth']!();
    serve({ list: page });
    const rendered = await serverRendered(page, defaultQuery());
    try {
      const visible = (root: ParentNode) =>
        [...root.querySelectorAll('a[rel]')]
          .filter((link) => (link as HTMLElement).offsetParent !== null)
          .map((link) => [link.textContent, link.getAttribute('href')]);
      const serverLinks = visible(rendered.element);
      rendered.define();
      await beforeNextPaint();
      expect(visible(rendered.element.shadowRoot!)).to.deep.equal(serverLinks);
    } finally {
      rendered.remove();
    }
  });

  it('fires natter-loaded for the embedded page, as for one it asked for', async () => {
    const page = aPage({ comments: someComments(2) });
    serve({ list: page });
    const rendered = await serverRendered(page, defaultQuery());
    try {
      const loaded = new Promise<CustomEvent>((resolve) =>
        rendered.element.addEventListener('natter-loaded', (event) => resolve(event as CustomEvent), {
          once: true,
        }),
      );
      rendered.define();
      expect((await loaded).detail.comments).to.have.length(2);
    } finally {
      rendered.remove();
    }
  });

  it('asks for the thread when the embedded page is not the one it shows, keeping the server’s HTML until then', async () => {
    const page = aPage({ comments: someComments(2) });
    const answer = heldBack(() => json(200, aPage({ comments: someComments(3) })));
    const server = serve({ list: answer.answer });
    const rendered = await serverRendered(page, defaultQuery(), { sort: 'newest' });
    try {
      rendered.define();
      await beforeNextPaint();
      // Still the server's HTML, shown through the element's slot while its own request is under way.
      const slot = rendered.element.shadowRoot!.querySelector('slot:not([name])');
      expect(slot).to.not.equal(null);
      expect(rendered.element.querySelector('.natter-thread')).to.not.equal(null);
      answer.release();
      await rendered.element.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(server.lists).to.have.length(1);
      expect(server.lists[0]!.url.searchParams.get('sort')).to.equal('newest');
      expect($$(rendered.element, '[part~="comment"]')).to.have.length(3);
      expect(rendered.element.querySelector('.natter-thread')).to.equal(null);
    } finally {
      rendered.remove();
    }
  });

  it('shows a page rendered long ago at once, and asks for the thread again behind it', async () => {
    const built = aPage({ comments: someComments(2) });
    const answer = heldBack(() => json(200, aPage({ comments: someComments(3) })));
    const server = serve({ list: answer.answer });
    const anHourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const rendered = await serverRendered(built, defaultQuery(), {}, anHourAgo);
    try {
      rendered.define();
      await beforeNextPaint();
      // The page from the build, shown by the widget itself while the thread as it is now is on its way.
      expect($$(rendered.element, '[part~="comment"]')).to.have.length(2);
      expect(server.lists).to.have.length(1);
      answer.release();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await rendered.element.updateComplete;
      expect($$(rendered.element, '[part~="comment"]')).to.have.length(3);
      expect(server.lists).to.have.length(1);
    } finally {
      rendered.remove();
    }
  });

  it('asks for the thread when the embedded data is not a page of the protocol', async () => {
    const page = aPage({ comments: someComments(2) });
    const server = serve({ list: page });
    const rendered = await serverRendered(page, defaultQuery());
    try {
      rendered.element.querySelector('script.natter-data')!.textContent =
        '{"query":{"thread":"/blog/hello","sort":"oldest","limit":50},"page":{"comments":"no"}}';
      rendered.define();
      await rendered.element.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(server.lists).to.have.length(1);
    } finally {
      rendered.remove();
    }
  });
});

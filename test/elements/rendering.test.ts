import { expect, waitUntil } from '@open-wc/testing';
import { whenLinksReady } from '../../src/text/render-text.js';
import { $, $$, aComment, aPage, mount, resetPage, serve, someComments, textOf } from './helpers.js';

// URLs become links once linkifyjs's chunk is there; these tests look at the links it makes.
before(whenLinksReady);

afterEach(resetPage);

describe('natter-comments: the heading', () => {
  for (const [count, heading] of [
    [1, '1 comment'],
    [3, '3 comments'],
    [1234, '1,234 comments'],
  ] as const) {
    it(`reads "${heading}" for a thread of ${count}`, async () => {
      serve({ list: aPage({ comments: someComments(Math.min(count, 3)), count }) });
      const element = await mount();
      expect(textOf(element, 'h2')).to.equal(heading);
    });
  }

  it('says "Comments" above an empty thread, and "No comments yet" once, below it', async () => {
    serve({ list: aPage({ comments: [], count: 0 }) });
    const element = await mount();
    expect(textOf(element, 'h2')).to.equal('Comments');
    expect(textOf(element, '[part="empty"]')).to.equal(
      'No comments yet. Be the first to share your thoughts.',
    );
    expect(element.shadowRoot!.textContent).not.to.match(/\b0 comments/);
  });

  it('names the whole region after itself', async () => {
    serve({ list: aPage({ comments: someComments(2) }) });
    const element = await mount();
    const region = $(element, 'section')!;
    expect(region.getAttribute('aria-labelledby')).to.equal($(element, 'h2')!.id);
  });
});

describe('natter-comments: the thread', () => {
  it('shows the comments in the order the server sent them, oldest first by default', async () => {
    const server = serve({ list: aPage({ comments: someComments(3) }) });
    const element = await mount();
    expect(server.lists[0].url.searchParams.get('sort')).to.equal('oldest');
    expect(
      $$(element, '[part="comment"] [part="body"]').map((body) => body.textContent!.trim()),
    ).to.deep.equal(['Comment number 1', 'Comment number 2', 'Comment number 3']);
  });

  it('gives each comment its own name, picture, date, text and buttons, however alike they are made', async () => {
    const recently = new Date(Date.now() - 5 * 60_000).toISOString();
    serve({
      list: aPage({
        comments: [
          aComment({ id: 'a', author: { name: 'Ada', url: 'https://ada.example/' }, avatar: 'k2Jd9sQx' }),
          aComment({ id: 'b', author: { name: 'Grace Hopper', url: null }, createdAt: recently }),
          aComment({
            id: 'c',
            author: { name: 'Alan', url: null },
            avatar: 'Zp0qLm3w',
            text: 'See https://alan.example/x',
          }),
          aComment({
            id: 'd',
            author: { name: 'Edsger', url: 'https://ew.example/' },
            text: 'Or https://ew.example/y',
          }),
        ],
      }),
    });
    const element = await mount();
    await waitUntil(() => $$(element, '.comment-actions').length === 4, 'no buttons');
    const shown = $$(element, '[part~="comment"]').map((item) => {
      const author = item.querySelector('[part="author"]');
      const time = item.querySelector('time');
      return [
        item.id,
        item.querySelector('article')?.getAttribute('aria-labelledby') === author?.id,
        author?.textContent,
        author?.getAttribute('href') ?? null,
        item.querySelector('[part="avatar"] path')?.getAttribute('d')?.slice(0, 5) ??
          item.querySelector('[part="avatar"] text')?.textContent,
        item.querySelector('[part="permalink"]')?.getAttribute('href')?.split('#')[1],
        time?.getAttribute('datetime'),
        time?.querySelector('[aria-hidden]')?.textContent ?? null,
        [...item.querySelectorAll('[part="link"]')].map((link) => link.getAttribute('href')),
        [...item.querySelectorAll('button')].map(
          (button) => button.getAttribute('aria-describedby') === author?.id,
        ),
      ];
    });
    const [a, , c] = shown.map((row) => row[4]);
    expect(a).to.match(/^M/);
    expect(c).to.match(/^M/);
    expect(shown).to.deep.equal([
      [
        'comment-a',
        true,
        'Ada',
        'https://ada.example/',
        a,
        'comment-a',
        '2025-06-01T10:00:00.000Z',
        null,
        [],
        [true, true, true],
      ],
      [
        'comment-b',
        true,
        'Grace Hopper',
        null,
        'GH',
        'comment-b',
        recently,
        '5 minutes ago',
        [],
        [true, true, true],
      ],
      [
        'comment-c',
        true,
        'Alan',
        null,
        c,
        'comment-c',
        '2025-06-01T10:00:00.000Z',
        null,
        ['https://alan.example/x'],
        [true, true, true],
      ],
      [
        'comment-d',
        true,
        'Edsger',
        'https://ew.example/',
        'E',
        'comment-d',
        '2025-06-01T10:00:00.000Z',
        null,
        ['https://ew.example/y'],
        [true, true, true],
      ],
    ]);
  });

  it('shows the author’s name as a link to their website, marked as user content', async () => {
    serve({
      list: aPage({ comments: [aComment({ author: { name: 'Ada', url: 'https://ada.example/' } })] }),
    });
    const element = await mount();
    const author = $<HTMLAnchorElement>(element, 'a[part="author"]')!;
    expect(author.textContent).to.equal('Ada');
    expect(author.getAttribute('href')).to.equal('https://ada.example/');
    expect(author.rel).to.equal('nofollow ugc noopener');
  });

  it('shows the name without a link when the author gave no website', async () => {
    serve({ list: aPage({ comments: [aComment({ author: { name: 'Ada', url: null } })] }) });
    const element = await mount();
    expect(textOf(element, '[part="author"]')).to.equal('Ada');
    expect($$(element, '[part="comment"] a:not([part="permalink"])')).to.have.length(0);
  });

  for (const url of [
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,x',
    'mailto:ada@example.com',
    '/ada',
    'ftp://ada.example/',
  ]) {
    it(`shows the name as plain text for the author URL ${url}`, async () => {
      serve({ list: aPage({ comments: [aComment({ author: { name: 'Ada', url } })] }) });
      const element = await mount();
      expect($(element, '[part="author"]')!.localName).to.equal('span');
      expect(textOf(element, '[part="author"]')).to.equal('Ada');
      expect($$(element, '[part="comment"] a:not([part="permalink"])')).to.have.length(0);
    });
  }

  it('dates each comment in a <time> with its machine-readable instant, the date and time of day for the locale, and the full timestamp on hover', async () => {
    serve({ list: aPage({ comments: [aComment({ createdAt: '2025-06-01T14:05:00.000Z' })] }) });
    const element = await mount();
    const time = $<HTMLTimeElement>(element, 'time')!;
    expect(time.dateTime).to.equal('2025-06-01T14:05:00.000Z');
    // The browsers of this suite run in UTC; the time of day is shown, not only on hover.
    expect(time.textContent!.trim()).to.equal('June 1, 2025 at 2:05 PM');
    expect(time.title).to.include('Sunday').and.include('June 1, 2025');
    expect(time.title).to.match(/\d{1,2}:\d{2}/);
  });

  it('marks an edited comment as edited, with the time of the edit on hover', async () => {
    serve({
      list: aPage({
        comments: [aComment({ id: 'a' }), aComment({ id: 'b', editedAt: '2025-06-02T08:30:00.000Z' })],
      }),
    });
    const element = await mount();
    const [plain, edited] = $$(element, '[part="comment"]');
    expect(plain.querySelectorAll('.edited')).to.have.length(0);
    expect(plain.textContent).not.to.include('edited');
    const marker = edited.querySelector<HTMLElement>('.edited')!;
    expect(marker.textContent).to.equal('edited');
    expect(marker.title).to.include('June 2, 2025');
  });
});

describe('natter-comments: comment text', () => {
  /** Mounts a thread of one comment with `text` and returns that comment's body. */
  async function bodyOf(text: string): Promise<HTMLElement> {
    serve({ list: aPage({ comments: [aComment({ text })] }) });
    return $(await mount(), '[part="body"]')!;
  }

  it('escapes every character of HTML', async () => {
    const text = '<script>alert(1)</script> <b>bold</b> &amp; <img src=x onerror=alert(1)>';
    const body = await bodyOf(text);
    expect(body.textContent!.trim()).to.equal(text);
    expect(body.querySelectorAll(':not(p)')).to.have.length(0);
  });

  it('turns URLs and bare domains into links, and leaves the words around them', async () => {
    const body = await bodyOf('See https://example.com/post?id=1 and example.com/page, thanks');
    const links = [...body.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href'), a.rel]);
    expect(links).to.deep.equal([
      ['https://example.com/post?id=1', 'https://example.com/post?id=1', 'nofollow ugc noopener'],
      ['example.com/page', 'https://example.com/page', 'nofollow ugc noopener'],
    ]);
    expect(body.textContent!.trim()).to.equal(
      'See https://example.com/post?id=1 and example.com/page, thanks',
    );
  });

  it('does not link ftp:, javascript: or data: URLs', async () => {
    const text = 'ftp://example.com/file javascript:alert(1) data:text/html,<b>x</b>';
    const body = await bodyOf(text);
    expect(body.querySelectorAll('a')).to.have.length(0);
    expect(body.textContent!.trim()).to.equal(text);
  });

  it('makes paragraphs of blank-line-separated blocks and line breaks of single newlines', async () => {
    const body = await bodyOf('Dear all,\n\nline one\nline two\n\nBye');
    const paragraphs = [...body.querySelectorAll('p')];
    expect(paragraphs.map((p) => p.textContent)).to.deep.equal(['Dear all,', 'line oneline two', 'Bye']);
    expect(paragraphs.map((p) => p.querySelectorAll('br').length)).to.deep.equal([0, 1, 0]);
  });

  it('shows indented lines indented, the first line of a paragraph included', async () => {
    const body = await bodyOf('x\n\n    y\n        z');
    /** Where on screen the first visible character of the text node holding `character` starts. */
    const leftOf = (character: string) => {
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const node = walker.currentNode as Text;
        const at = node.data.indexOf(character);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        return range.getBoundingClientRect().left;
      }
      throw new Error(`no ${character} in the comment`);
    };
    const space = leftOf('z') - leftOf('y');
    expect(space, 'four more spaces before z than before y').to.be.greaterThan(10);
    expect(leftOf('y') - leftOf('x'), 'four spaces before y').to.be.closeTo(space, 1);
  });
});

import { expect } from '@open-wc/testing';
import { tokenize } from 'linkifyjs';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import type { Comment } from '../../src/protocol/types.js';
import { toHtml } from '../../src/server/html/markup.js';
import { pageLocalizer, type PageLocalizer } from '../../src/server/html/page-language.js';
import { threadMarkup } from '../../src/server/html/thread-markup.js';
import { whenLinksReady } from '../../src/text/render-text.js';
import { hostileLines } from '../fixtures/security/read.js';
import { $$, aPage, mount, resetPage, serve } from './helpers.js';
import { corpusSample, sampleStep, threadOf, trapDialogs, type DialogTrap } from './hostile-helpers.js';

// The server's HTML of a thread (the thread page, and what natter render embeds) against the widget's DOM, for the
// same hostile comments: the corpora of test/fixtures/security/ that test/elements/hostile-input.test.ts shows in the
// widget. Both read a comment through src/protocol/text-tokens.ts; here the browser's own parser reads the server's
// string, and what it makes of it must be what the widget made: the same names, texts and links, and nothing else.

/** What a reader gets of one comment: its author (and where the name links), its text, and its links. */
interface Seen {
  author: string;
  authorHref: string | null;
  paragraphs: string[];
  links: [string, string, string][];
}

function seen(item: Element, selectors: { author: string; body: string }): Seen {
  const author = item.querySelector(selectors.author)!;
  const body = item.querySelector(selectors.body)!;
  const text = (node: Node): string =>
    node.nodeName === 'BR'
      ? '\n'
      : node.nodeType === Node.TEXT_NODE
        ? node.textContent!
        : [...node.childNodes].map(text).join('');
  return {
    author: author.textContent!,
    authorHref: author.localName === 'a' ? author.getAttribute('href') : null,
    paragraphs: [...body.querySelectorAll('p')].map(text),
    links: [...body.querySelectorAll('a')].map((link) => [
      link.textContent!,
      link.getAttribute('href')!,
      link.getAttribute('rel')!,
    ]),
  };
}

/** Elements the server's HTML of a comment is made of; anything else came from the input. */
const allowedElements = new Set([
  'div',
  'li',
  'ol',
  'article',
  'header',
  'a',
  'span',
  'time',
  'p',
  'br',
  'bdi',
]);

let dialogs: DialogTrap;
let localizer: PageLocalizer;
before(async () => {
  await whenLinksReady();
  localizer = await pageLocalizer('en');
});
beforeEach(() => {
  dialogs = trapDialogs();
});
afterEach(() => {
  dialogs.restore();
  resetPage();
});

/** The server's HTML of `comments`, put into the live page as a site's page would hold it. */
function serverThread(comments: Comment[]): HTMLElement {
  const page = aPage({ comments });
  const container = document.createElement('div');
  container.className = 'natter-thread';
  container.innerHTML = toHtml(
    threadMarkup({
      page,
      localizer,
      findLinks: tokenize,
      maxDepth: 3,
      isEmbedded: false,
      links: { write: '#write' },
    }),
  );
  document.body.append(container);
  return container;
}

/** Expects the server's HTML and the widget to show `payloads` alike, and neither to have let any become markup. */
async function expectSameAndInert(payloads: string[]): Promise<void> {
  const comments = threadOf(payloads);
  const container = serverThread(comments);
  try {
    serve({ list: aPage({ comments }) });
    const element: NatterComments = await mount();
    const fromServer = [...container.querySelectorAll('.natter-comment')].map((item) =>
      seen(item, { author: '.natter-author', body: '.natter-body' }),
    );
    const fromWidget = $$(element, '[part~="comment"]').map((item) =>
      seen(item, { author: '[part="author"]', body: '[part="body"]' }),
    );
    expect(fromServer.length).to.equal(payloads.length);
    const differences = fromServer.flatMap((server, index) =>
      JSON.stringify(server) === JSON.stringify(fromWidget[index])
        ? []
        : [
            `${JSON.stringify(payloads[index])}: server ${JSON.stringify(server)}, widget ${JSON.stringify(fromWidget[index])}`,
          ],
    );
    expect(differences).to.deep.equal([]);
    const breaches: string[] = [];
    for (const node of container.querySelectorAll('.natter-comments *')) {
      if (!allowedElements.has(node.localName)) breaches.push(`a <${node.localName}> element`);
      for (const name of node.getAttributeNames().filter((attribute) => /^on/i.test(attribute))) {
        breaches.push(`an ${name} attribute on <${node.localName}>`);
      }
    }
    for (const link of container.querySelectorAll<HTMLAnchorElement>('.natter-body a, a.natter-author')) {
      if (!['http:', 'https:', 'mailto:'].includes(link.protocol)) breaches.push(`a link to ${link.href}`);
      if (link.rel !== 'nofollow ugc noopener') breaches.push(`a link with rel="${link.rel}"`);
    }
    expect(breaches).to.deep.equal([]);
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(dialogs.calls).to.deep.equal([]);
  } finally {
    container.remove();
  }
}

describe('the server’s HTML of hostile comments, against the widget’s DOM', () => {
  for (const file of ['markup.txt', 'urls.txt', 'unicode.txt'] as const) {
    it(`shows every line of ${file} as the widget does: the same text, name and links, nothing run`, async () => {
      await expectSameAndInert(await hostileLines(file));
    });
  }

  it(`shows every ${sampleStep}th payload of the public XSS corpora as the widget does`, async () => {
    const sample = await corpusSample();
    expect(sample.length).to.be.within(350, 450);
    await expectSameAndInert(sample);
  });

  it('isolates each name and text in the server’s HTML too', () => {
    const container = serverThread(threadOf(['\u202Egnp.exe', 'normal \u202Eesrever\u202C text']));
    try {
      const unisolated = [...container.querySelectorAll('.natter-author, .natter-body')].filter(
        (node) => node.getAttribute('dir') !== 'auto',
      );
      expect(unisolated).to.have.length(0);
    } finally {
      container.remove();
    }
  });
});

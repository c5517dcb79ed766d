import { expect } from '@open-wc/testing';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import { hostileLines } from '../fixtures/security/read.js';
import { $$, aPage, mount, resetPage, serve } from './helpers.js';
import { corpusSample, sampleStep, threadOf, trapDialogs, type DialogTrap } from './hostile-helpers.js';

/** Whitespace collapsed, for comparing text where only paragraphs and line breaks may change it. */
const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A body's text as the reader sees it: paragraphs apart, line breaks as newlines. */
function visibleText(body: Element): string {
  return [...body.querySelectorAll('p')]
    .map((paragraph) =>
      [...paragraph.childNodes]
        .map((node) =>
          node.nodeName === 'BR' ? '\n' : node.nodeType === Node.COMMENT_NODE ? '' : node.textContent,
        )
        .join(''),
    )
    .join('\n\n');
}

/** Elements a rendered comment is made of; anything else came from the input. */
const allowedElements = new Set(['li', 'article', 'header', 'a', 'span', 'time', 'div', 'p', 'br']);

/** The ways in which the element let `payloads` become more than text; empty when every one stayed inert. */
function breaches(element: NatterComments, payloads: string[]): string[] {
  const found: string[] = [];
  const comments = $$(element, '[part="comment"]');
  if (comments.length !== payloads.length) found.push(`${comments.length} comments for ${payloads.length}`);
  // Report, Like and the avatar are the widget's own, made of no input but the avatar's initials (text).
  const own =
    '[part="report"], [part="report"] *, [part="like"], [part="like"] *, [part="avatar"], [part="avatar"] *';
  for (const node of $$(element, `[part="list"] *:not(${own}, [part="reply"], [part="reply"] *)`)) {
    if (!allowedElements.has(node.localName)) found.push(`a <${node.localName}> element`);
  }
  for (const node of $$(element, '*')) {
    for (const name of node.getAttributeNames().filter((attribute) => /^on/i.test(attribute))) {
      found.push(`an ${name} attribute on <${node.localName}>`);
    }
  }
  // A comment's permalink and "in reply to" are the widget's own links, within the page.
  for (const link of $$<HTMLAnchorElement>(
    element,
    '[part="list"] a:not([part="permalink"], [part="in-reply-to"])',
  )) {
    if (!['http:', 'https:', 'mailto:'].includes(link.protocol)) found.push(`a link to ${link.href}`);
    if (link.rel !== 'nofollow ugc noopener') found.push(`a link with rel="${link.rel}"`);
  }
  comments.forEach((comment, index) => {
    const payload = payloads[index];
    const author = comment.querySelector('[part="author"]')!;
    if (author.textContent !== payload)
      found.push(`name ${JSON.stringify(payload)} shown as ${author.textContent}`);
    if (author.localName === 'a' && !/^https?:$/.test((author as HTMLAnchorElement).protocol)) {
      found.push(`an author link to ${(author as HTMLAnchorElement).href}`);
    }
    const body = comment.querySelector('[part="body"]')!;
    if (collapse(visibleText(body)) !== collapse(payload)) {
      found.push(`text ${JSON.stringify(payload)} shown as ${JSON.stringify(visibleText(body))}`);
    }
  });
  return found;
}

let dialogs: DialogTrap;
beforeEach(() => {
  dialogs = trapDialogs();
});
afterEach(() => {
  dialogs.restore();
  resetPage();
});

/** Mounts one thread of `payloads` and expects every one of them to have stayed text. */
async function expectInert(payloads: string[]): Promise<void> {
  serve({ list: aPage({ comments: threadOf(payloads), count: payloads.length }) });
  const element = await mount();
  expect(breaches(element, payloads)).to.deep.equal([]);
  await new Promise((resolve) => requestAnimationFrame(resolve));
  expect(dialogs.calls).to.deep.equal([]);
}

describe('natter-comments with hostile input', () => {
  for (const file of ['markup.txt', 'urls.txt', 'unicode.txt'] as const) {
    it(`shows every line of ${file} as text, name and author URL without running or linking any of it`, async () => {
      await expectInert(await hostileLines(file));
    });
  }

  it(`shows every ${sampleStep}th payload of the public XSS corpora as inert text`, async () => {
    const sample = await corpusSample();
    expect(sample.length).to.be.within(350, 450);
    await expectInert(sample);
  });

  it('isolates each name and text, so that direction overrides cannot reorder the rest of the comment', async () => {
    const payloads = ['\u202Egnp.exe', 'normal \u202Eesrever\u202C text', 'العربية first, then English'];
    serve({ list: aPage({ comments: threadOf(payloads) }) });
    const element = await mount();
    const unisolated = $$(element, '[part="author"], [part="body"]')
      .filter((node) => !node.closest('bdi, [dir="auto"]'))
      .map((node) => node.getAttribute('part'));
    expect(unisolated).to.deep.equal([]);
  });
});

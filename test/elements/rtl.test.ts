import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import { $, aComment, aPage, resetPage, serve, settled } from './helpers.js';

afterEach(resetPage);

/** A conversation: a comment and a reply to it. */
function serveConversation(): void {
  serve({
    list: aPage({
      comments: [
        aComment({ id: 'a', text: 'First' }),
        aComment({ id: 'b', parent: 'a', text: 'Second', createdAt: '2025-06-01T11:00:00.000Z' }),
      ],
    }),
  });
}

/** Mounts the widget with `attributes` inside a `<div>` with `around` (a page's `lang` and `dir`), and settles it. */
async function mountIn(
  attributes: Record<string, string>,
  around: { lang?: string; dir?: string } = {},
): Promise<NatterComments> {
  const element = document.createElement('natter-comments');
  for (const [name, value] of Object.entries({ lazy: 'false', thread: '/blog/hello', ...attributes })) {
    element.setAttribute(name, value);
  }
  const wrapper = await fixture<HTMLDivElement>(
    html`<div lang=${around.lang ?? 'en'} dir=${around.dir ?? 'ltr'} style="width: 600px">${element}</div>`,
  );
  return settled(wrapper.querySelector('natter-comments')!);
}

/** How far the reply's article stands in from each side of its parent's. */
function replyIndent(element: NatterComments): { start: number; left: number; right: number } {
  const parent = $(element, '#comment-a > article')!.getBoundingClientRect();
  const reply = $(element, '#comment-b > article')!.getBoundingClientRect();
  const left = reply.left - parent.left;
  const right = parent.right - reply.right;
  return { start: getComputedStyle($(element, '.replies')!).direction === 'rtl' ? right : left, left, right };
}

describe('natter-comments in right-to-left languages', () => {
  for (const locale of ['ar', 'he', 'ar-EG', 'he-IL']) {
    it(`lays ${locale} out right to left: replies hang from a line on the right`, async () => {
      serveConversation();
      const element = await mountIn({ locale });
      expect($(element, 'section')!.getAttribute('dir')).to.equal('rtl');
      const { left, right } = replyIndent(element);
      // Indented from the right edge by the line and its padding; flush with the left edge.
      expect(right).to.be.greaterThan(8);
      expect(Math.abs(left)).to.be.lessThan(1);
      const replies = getComputedStyle($(element, '.replies')!);
      expect(replies.borderRightWidth).to.equal('2px');
      expect(replies.borderLeftWidth).to.equal('0px');
    });
  }

  it('mirrors exactly what a left-to-right language shows', async () => {
    serveConversation();
    const english = replyIndent(await mountIn({ locale: 'en' }));
    resetPage();
    serveConversation();
    const arabic = replyIndent(await mountIn({ locale: 'ar' }));
    expect(english.left).to.be.greaterThan(8);
    expect(Math.abs(english.right)).to.be.lessThan(1);
    expect(arabic.right).to.be.closeTo(english.left, 0.5);
    expect(arabic.start).to.be.closeTo(english.start, 0.5);
  });

  it('puts the heading and the form’s labels at the right edge', async () => {
    serveConversation();
    const element = await mountIn({ locale: 'he' });
    const section = $(element, 'section')!.getBoundingClientRect();
    const heading = $(element, 'h2')!;
    const range = document.createRange();
    range.selectNodeContents(heading);
    const text = range.getBoundingClientRect();
    expect(section.right - text.right).to.be.lessThan(1);
    expect(text.left - section.left).to.be.greaterThan(100);
    const label = $(element, 'label[for="name"]')!.getBoundingClientRect();
    expect(section.right - label.right).to.be.lessThan(1);
  });

  it('follows the page’s lang: a page in Hebrew without dir gets a right-to-left widget', async () => {
    serveConversation();
    const element = await mountIn({}, { lang: 'he' });
    expect($(element, 'section')!.getAttribute('dir')).to.equal('rtl');
    expect(replyIndent(element).right).to.be.greaterThan(8);
  });

  it('keeps the direction the page gives the element itself', async () => {
    serveConversation();
    const element = await mountIn({ locale: 'ar', dir: 'ltr' });
    expect($(element, 'section')!.hasAttribute('dir')).to.equal(false);
    expect(replyIndent(element).left).to.be.greaterThan(8);
  });

  it('lays out English words left to right on a right-to-left page in a language it has no words for', async () => {
    serveConversation();
    const element = await mountIn({}, { lang: 'fa', dir: 'rtl' });
    // English words, with Persian digits: numbers follow the page's locale.
    expect($(element, 'h2')!.textContent?.trim()).to.equal(
      `${new Intl.NumberFormat('fa').format(2)} comments`,
    );
    expect($(element, 'section')!.getAttribute('dir')).to.equal('ltr');
    expect(replyIndent(element).left).to.be.greaterThan(8);
  });

  it('keeps the site’s policy in its own direction, and does not slant Arabic', async () => {
    serve({
      list: aPage({
        policy: '<p>Be kind and stay on topic.</p>',
        comments: [
          aComment({ id: 'a', deleted: true, text: '', author: { name: '', url: null } }),
          aComment({ id: 'b', parent: 'a', text: 'Second', createdAt: '2025-06-01T11:00:00.000Z' }),
        ],
      }),
    });
    const element = await mountIn({ locale: 'ar' });
    const policy = $(element, '[part="policy"]')!;
    expect(policy.getAttribute('dir')).to.equal('auto');
    expect(getComputedStyle(policy).direction).to.equal('ltr');
    const deleted = $(element, '.deleted')!;
    expect(deleted.textContent?.trim()).to.equal('تعليق محذوف');
    expect(getComputedStyle(deleted).fontStyle).to.equal('normal');
  });

  it('turns around when the locale changes on a live element', async () => {
    serveConversation();
    const element = await mountIn({ locale: 'en' });
    element.locale = 'he';
    await waitUntil(
      () => $(element, 'section')!.getAttribute('dir') === 'rtl',
      'the widget stayed left to right',
    );
    expect(replyIndent(element).right).to.be.greaterThan(8);
  });
});

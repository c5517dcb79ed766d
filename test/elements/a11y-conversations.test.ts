import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import type { Comment } from '../../src/protocol/types.js';
import { json } from '../client/fakes.js';
import { $, aComment, aPage, has, resetPage, serve, settled, textOf } from './helpers.js';
import { click } from './own-helpers.js';

// Threaded conversations under axe, in every theme on a light and a dark page, as a11y.test.ts checks the rest:
// nesting to max-depth and "in reply to" below it, a placeholder, replies collapsed behind "Show N more replies"
// and shown whole, a permalink's highlighted target with "Show earlier comments", and a reply form open in place.

afterEach(() => {
  resetPage();
  history.replaceState(null, '', location.pathname + location.search);
});

/** A reply to `parent` by "Author of ID", written `minute` minutes after the first comment. */
function aReply(id: string, parent: string, minute: number): Comment {
  return aComment({
    id,
    parent,
    author: { name: `Author of ${id}`, url: null },
    text: `Text of ${id}`,
    createdAt: new Date(Date.UTC(2025, 5, 1, 10, minute)).toISOString(),
  });
}

/**
 * a, with a chain b → c → d → e below it (e deeper than max-depth 3, so "in reply to") and three more replies
 * (four in all: two show, "Show 2 more replies"); a placeholder p that q answers; t, which the permalink names.
 */
const conversation = aPage({
  comments: [
    aComment({ id: 'a', author: { name: 'Ada', url: 'https://ada.example/' } }),
    aReply('b', 'a', 1),
    aReply('c', 'b', 2),
    aReply('d', 'c', 3),
    aReply('e', 'd', 4),
    aReply('r2', 'a', 5),
    aReply('r3', 'a', 6),
    aReply('r4', 'a', 7),
    aComment({
      id: 'p',
      deleted: true,
      text: '',
      author: { name: '', url: null },
      createdAt: '2025-06-02T10:00:00.000Z',
    }),
    aReply('q', 'p', 60 * 24 + 5),
    aComment({ id: 't', author: { name: 'Tove', url: null }, createdAt: '2025-06-03T10:00:00.000Z' }),
    aReply('u', 't', 2 * 60 * 24 + 5),
  ],
  count: 11,
  next: 'later',
});

/** The host pages every theme must read well on, as in a11y.test.ts. */
const hostPages = {
  light: 'background: #ffffff; color: #1a1a1a',
  dark: 'background: #121212; color: #e8e8e8',
};

for (const [theme, page] of ['auto', 'light', 'dark'].flatMap((theme) =>
  (['light', 'dark'] as const).map((page) => [theme, page] as const),
)) {
  describe(`natter-comments accessibility of conversations, ${theme} theme on a ${page} page`, () => {
    async function mountThemed(): Promise<NatterComments> {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div lang="en" style=${hostPages[page]}>
          <natter-comments lazy="false" thread="/blog/hello" theme=${theme}></natter-comments>
        </div>`,
      );
      const element = await settled(wrapper.querySelector('natter-comments')!);
      await waitUntil(() => has(element, '#comment-q .reply-open'), 'Reply never appeared');
      return element;
    }

    it('has no axe violations with nested replies, "in reply to", a placeholder and collapsed replies', async () => {
      serve({ list: conversation });
      const element = await mountThemed();
      expect(textOf(element, '#comment-e [part="in-reply-to"]')).to.equal('in reply to Author of d');
      expect(textOf(element, '#comment-p > article')).to.equal('Comment deleted');
      expect(textOf(element, '#comment-a > .more-replies')).to.equal('Show 2 more replies');
      await expect(element).to.be.accessible();
      await click(element, '#comment-a > .more-replies');
      expect(has(element, '#comment-r4')).to.equal(true);
      await expect(element).to.be.accessible();
    });

    it('has no axe violations with a permalink’s comment highlighted and focused, and earlier comments to show', async () => {
      history.replaceState(null, '', '#comment-t');
      serve({
        list: (request) =>
          json(200, { ...conversation, previous: request.url.searchParams.get('around') && 'before' }),
      });
      const element = await mountThemed();
      await waitUntil(
        () => element.shadowRoot!.activeElement?.closest('#comment-t'),
        'the target never had focus',
      );
      expect($(element, '#comment-t')!.part.contains('target')).to.equal(true);
      expect(has(element, '.earlier button')).to.equal(true);
      await expect(element).to.be.accessible();
    });

    it('has no axe violations with a reply form open under a nested reply', async () => {
      serve({ list: conversation });
      const element = await mountThemed();
      await click(element, '#comment-c > article .reply-open');
      await waitUntil(() => has(element, '#comment-c > [part~="reply-form"]'), 'the reply form never opened');
      expect($(element, '#comment-c > article .reply-open')!.getAttribute('aria-expanded')).to.equal('true');
      await expect(element).to.be.accessible();
    });
  });
}

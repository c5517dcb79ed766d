import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import { json } from '../client/fakes.js';
import {
  $$,
  aComment,
  aPage,
  control,
  errorResponse,
  fill,
  fillAndSubmit,
  focusedId,
  mount,
  postedAnswer,
  postingDone,
  resetPage,
  serve,
  settled,
  someComments,
} from './helpers.js';
import { click, endpoint, ownIds, serveOwn, storeSecret } from './own-helpers.js';

afterEach(resetPage);

/** A thread with links, an edited comment and one awaiting moderation: most of what the element can show. */
const richThread = aPage({
  comments: [
    aComment({
      id: 'a',
      author: { name: 'Ada', url: 'https://ada.example/' },
      text: 'See example.com/page\n\nThanks',
    }),
    aComment({ id: 'b', editedAt: '2025-06-02T10:00:00.000Z' }),
    aComment({ id: 'c', status: 'pending' }),
  ],
  count: 3,
  next: 'more',
  policy: '<p>Be kind. <a href="https://example.com/rules">Rules</a></p>',
});

/** The host pages every theme must read well on: their own text colour and background stand behind the widget. */
const hostPages = {
  light: 'background: #ffffff; color: #1a1a1a',
  dark: 'background: #121212; color: #e8e8e8',
};

for (const [theme, page] of ['auto', 'light', 'dark'].flatMap((theme) =>
  (['light', 'dark'] as const).map((page) => [theme, page] as const),
)) {
  describe(`natter-comments accessibility, ${theme} theme on a ${page} page`, () => {
    async function mountThemed(attributes: Record<string, string> = {}): Promise<NatterComments> {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div lang="en" style=${hostPages[page]}>
          <natter-comments
            lazy="false"
            thread="/blog/hello"
            theme=${theme}
            endpoint=${attributes.endpoint ?? ''}
          ></natter-comments>
        </div>`,
      );
      return settled(wrapper.querySelector('natter-comments')!);
    }

    it('has no axe violations with a loaded thread and its policy', async () => {
      serve({ list: richThread });
      const element = await mountThemed();
      await waitUntil(() => element.shadowRoot!.querySelector('[part="policy"] p'), 'no policy');
      await expect(element).to.be.accessible();
    });

    it('has no axe violations with an empty thread', async () => {
      serve({ list: aPage({ comments: [] }) });
      await expect(await mountThemed()).to.be.accessible();
    });

    it('has no axe violations after a failed load', async () => {
      serve({ list: () => errorResponse(503, 'unavailable') });
      await expect(await mountThemed()).to.be.accessible();
    });

    it('has no axe violations with field errors and a post error', async () => {
      serve({ post: () => errorResponse(422, 'validation_failed', 'text') });
      const element = await mountThemed();
      await fillAndSubmit(element, { name: 'Grace', email: 'not an address', text: 'Hi' });
      await element.updateComplete;
      await expect(element).to.be.accessible();
      await fillAndSubmit(element, { email: '' });
      await postingDone(element);
      await expect(element).to.be.accessible();
    });

    it('has no axe violations after posting, with the confirmation and the counter showing', async () => {
      serve({ post: (request) => postedAnswer(request, 'pending') });
      const element = await mountThemed();
      await fillAndSubmit(element, { name: 'Grace', text: 'A comment' });
      await postingDone(element);
      await fill(element, { text: 'x'.repeat(7500) });
      expect(element.shadowRoot!.querySelector('[part="confirmation"]')).not.to.equal(null);
      // The mark's first light fades: judge the colours it settles on.
      for (const item of element.shadowRoot!.querySelectorAll<HTMLElement>('.comment'))
        item.style.animation = 'none';
      await expect(element).to.be.accessible();
    });

    it('has no axe violations with Report, its choice of reason, a refusal, and Reported', async () => {
      serve({
        list: aPage({ comments: someComments(2) }),
        report: (request) =>
          request.url.pathname.includes('/c1/')
            ? errorResponse(429, 'rate_limited', undefined, { 'Retry-After': '30' })
            : json(202, {}),
      });
      localStorage.setItem(`natter:reported:${endpoint}`, JSON.stringify(['c2']));
      const element = await mountThemed({ endpoint });
      await waitUntil(() => element.shadowRoot!.querySelector('.report-open'), 'Report never appeared');
      await expect(element).to.be.accessible();
      await click(element, '#comment-c1 .report-open');
      await expect(element).to.be.accessible();
      await click(element, '#comment-c1 input[value="spam"]');
      await click(element, '#comment-c1 .report-send');
      await waitUntil(() => element.shadowRoot!.querySelector('.report-form [role="alert"]'), 'no refusal');
      await expect(element).to.be.accessible();
    });

    it('has no axe violations with Edit and Delete, and with the question before deleting', async () => {
      serveOwn();
      storeSecret('c2');
      const element = await mountThemed({ endpoint });
      await waitUntil(() => ownIds(element).length > 0, 'Edit and Delete never appeared');
      await expect(element).to.be.accessible();
      await click(element, '#comment-c2 .own-delete');
      await expect(element).to.be.accessible();
    });
  });
}

describe('natter-comments accessibility: labels and keyboard', () => {
  it('labels every field people can reach', async () => {
    serve();
    const element = await mount();
    // The honeypot is hidden from people and assistive technology alike (see honeypot.test.ts).
    const unlabelled = $$<HTMLInputElement>(element, ':not([aria-hidden="true"]) > input, textarea')
      .filter((input) => !input.labels?.length || !input.labels[0].textContent!.trim())
      .map((input) => input.name);
    expect(unlabelled).to.deep.equal([]);
  });

  it('reaches the order, Reply, Like, Report, every field and the Post button with Tab, in reading order', async () => {
    serve({ list: aPage({ comments: someComments(1) }) });
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="en">
        <button id="before">Before</button>
        <natter-comments lazy="false" thread="/blog/hello"></natter-comments>
      </div>`,
    );
    const element = await settled(wrapper.querySelector('natter-comments')!);
    wrapper.querySelector<HTMLButtonElement>('#before')!.focus();
    const visited: string[] = [];
    for (let step = 0; step < 11; step += 1) {
      await sendKeys({ press: 'Tab' });
      const focused = element.shadowRoot!.activeElement as HTMLInputElement | null;
      const named = ['report-open', 'reply-open', 'like-button'].find((name) =>
        focused?.classList.contains(name),
      );
      visited.push(
        focused ? named || focused.name || focused.getAttribute('part') || focused.localName : 'outside',
      );
    }
    // The order above the thread; the comment's permalink (its date), Reply, Like and Report; then the form's
    // fields, never the honeypot.
    expect(visited).to.deep.equal([
      'sort',
      'permalink',
      'reply-open',
      'like-button',
      'report-open',
      'name',
      'email',
      'url',
      'text',
      'remember',
      'submit',
    ]);
  });

  it('posts with Ctrl+Enter in the comment field', async () => {
    const server = serve();
    const element = await mount();
    await fill(element, { name: 'Grace', text: 'Sent from the keyboard' });
    control(element, 'text').focus();
    expect(focusedId(element)).to.equal('text');
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    await waitUntil(() => server.posts.length === 1, 'Ctrl+Enter did not post');
    expect(server.posts[0].text).to.equal('Sent from the keyboard');
  });

  it('keeps Enter alone for new lines in the comment', async () => {
    const server = serve();
    const element = await mount();
    await fill(element, { name: 'Grace', text: 'Line one' });
    control(element, 'text').focus();
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: 'Line two' });
    await element.updateComplete;
    expect(control(element, 'text').value).to.equal('Line one\nLine two');
    expect(server.posts).to.have.length(0);
  });
});

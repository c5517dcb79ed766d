import { expect, fixture, html } from '@open-wc/testing';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import type { ListCommentsResponse } from '../../src/protocol/types.js';
import {
  $,
  aPage,
  fill,
  fillAndSubmit,
  mount,
  postedAnswer,
  postingDone,
  resetPage,
  serve,
  settled,
  textOf,
  waitFor,
} from './helpers.js';

afterEach(resetPage);

/** A thread from a server that offers reply notifications (or, `false`, one that does not say so). */
function offering(isOffered = true): ListCommentsResponse {
  return aPage({ thread: isOffered ? { replyNotifications: true } : {} });
}

/** The checkbox of the form `scope` is in (the main form unless a reply form's id prefix is given). */
const notifyBox = (element: NatterComments, scope = 'form:not(.reply-form)') =>
  $<HTMLInputElement>(element, `${scope} input[name="notify"]`);

async function tick(element: NatterComments, scope?: string): Promise<void> {
  notifyBox(element, scope)!.click();
  await element.updateComplete;
}

describe('natter-comments: Notify me of replies', () => {
  it('is offered only when the server offers it and the reader gives an e-mail address', async () => {
    serve({ list: offering(false) });
    const without = await mount();
    await fill(without, { email: 'grace@example.com' });
    expect(notifyBox(without)).to.equal(null);
    resetPage();

    serve({ list: offering() });
    const element = await mount();
    expect(notifyBox(element)).to.equal(null);
    await fill(element, { email: 'grace@example.com' });
    const box = notifyBox(element)!;
    expect(box.checked).to.equal(false, 'never ticked for the reader');
    expect(box.labels![0]!.textContent!.trim()).to.equal('Notify me of replies by email');
    const hint = $(element, `#${box.getAttribute('aria-describedby')}`);
    expect(hint!.textContent).to.equal('You get an email first, with a link to confirm.');
    await fill(element, { email: '   ' });
    expect(notifyBox(element)).to.equal(null);
  });

  it('sends notify: true only when ticked with an address, then says to look for the e-mail', async () => {
    const server = serve({ list: offering(), post: (request) => postedAnswer(request, 'pending') });
    const element = await mount();
    await fill(element, { email: 'grace@example.com' });
    await tick(element);
    await fillAndSubmit(element, { name: 'Grace', text: 'Tell me when someone answers' });
    await postingDone(element);
    expect(server.posts[0]).to.include({ email: 'grace@example.com', notify: true });
    expect(textOf(element, '[part="notify-notice"]')).to.equal(
      'Check your inbox: open the link in the email we sent you to get replies by email.',
    );
    await waitFor(
      () => textOf(element, '.visually-hidden[role="status"]').includes('Check your inbox'),
      'the notice is never announced',
    );
    expect(notifyBox(element)!.checked).to.equal(false, 'asked afresh for the next comment');
    await fill(element, { text: 'Typing again' });
    expect($(element, '[part="notify-notice"]')).to.equal(null, 'the notice goes once the reader writes on');

    // Ticked, then the address taken away: nothing to notify.
    await tick(element);
    await fillAndSubmit(element, { email: '', text: 'Anonymous now' });
    await postingDone(element);
    expect(server.posts[1]).not.to.have.property('notify');
    expect(server.posts[1]).not.to.have.property('email');
    expect($(element, '[part="notify-notice"]')).to.equal(null);

    await fillAndSubmit(element, { email: 'grace@example.com', text: 'Not ticked' });
    await postingDone(element);
    expect(server.posts[2]).not.to.have.property('notify');
  });

  it('is offered in reply forms too, and sends notify with the reply', async () => {
    const server = serve({ list: offering() });
    const element = await mount();
    $<HTMLButtonElement>(element, '.reply-open')!.click();
    await element.updateComplete;
    const form = $<HTMLFormElement>(element, 'form.reply-form')!;
    for (const [name, value] of Object.entries({ name: 'Ada', email: 'ada@example.com', text: 'Me too' })) {
      const input = form.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
    await element.updateComplete;
    await tick(element, 'form.reply-form');
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await postingDone(element);
    expect(server.posts[0]).to.include({ parent: aPage().comments[0]!.id, notify: true });
  });

  it('speaks German to a German page', async () => {
    serve({ list: offering() });
    const element = await mount({}, { lang: 'de' });
    await fill(element, { email: 'grete@example.com' });
    expect(notifyBox(element)!.labels![0]!.textContent!.trim()).to.equal(
      'Bei Antworten per E-Mail benachrichtigen',
    );
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no axe violations with the checkbox and the notice after posting (${scheme})`, async () => {
      serve({ list: offering() });
      const page =
        scheme === 'dark' ? 'background: #121212; color: #e8e8e8' : 'background: #fff; color: #1a1a1a';
      const wrapper = await fixture<HTMLDivElement>(
        html`<div lang="en" style=${page}>
          <natter-comments lazy="false" thread="/blog/hello" theme=${scheme}></natter-comments>
        </div>`,
      );
      const element = await settled(wrapper.querySelector('natter-comments')!);
      await fill(element, { email: 'grace@example.com' });
      await expect(element).to.be.accessible();
      await tick(element);
      await fillAndSubmit(element, { name: 'Grace', text: 'A comment' });
      await postingDone(element);
      expect($(element, '[part="notify-notice"]')).not.to.equal(null);
      // The mark of the new comment fades in: judge the colours it settles on.
      for (const item of element.shadowRoot!.querySelectorAll<HTMLElement>('.comment')) {
        item.style.animation = 'none';
      }
      await expect(element).to.be.accessible();
    });
  }
});

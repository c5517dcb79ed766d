import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import { $, fill, fillAndSubmit, mount, postingDone, resetPage, serve } from './helpers.js';

// The honeypot: a field bots fill and people never meet. Nobody sees it, no screen reader announces it, Tab never
// reaches it, and nothing fills it but a bot: not the widget, not a restored draft or identity, not the browser.

afterEach(resetPage);

function honeypot(element: NatterComments): HTMLInputElement {
  return $<HTMLInputElement>(element, 'form input[name="homepage"]')!;
}

/** Types into the honeypot as a form-filling bot does. */
async function fillHoneypot(element: NatterComments, value: string): Promise<void> {
  honeypot(element).value = value;
  honeypot(element).dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await element.updateComplete;
}

describe('natter-comments honeypot', () => {
  it('is a text field named homepage, off the screen rather than display: none, which bots skip', async () => {
    serve();
    const element = await mount();
    const field = honeypot(element);
    expect(field.type).to.equal('text');
    const style = getComputedStyle(field.parentElement!);
    expect([style.display, style.visibility]).to.deep.equal(['block', 'visible']);
    expect(getComputedStyle(field).display).not.to.equal('none');
    const box = field.getBoundingClientRect();
    expect(box.bottom, 'above the page').to.be.below(0);
    expect(document.scrollingElement!.scrollWidth, 'no sideways scrolling').to.equal(innerWidth);
  });

  it('is hidden from assistive technology and never takes focus from the keyboard', async () => {
    serve();
    const element = await mount();
    const field = honeypot(element);
    expect(field.closest('[aria-hidden="true"]'), 'inside aria-hidden').not.to.equal(null);
    expect(field.tabIndex).to.equal(-1);
    expect(field.getAttribute('autocomplete')).to.equal('off');
    // Tab through the whole form: the honeypot is never reached.
    $<HTMLInputElement>(element, '#name')!.focus();
    const reached: string[] = [];
    for (let step = 0; step < 8; step += 1) {
      await sendKeys({ press: 'Tab' });
      reached.push((element.shadowRoot!.activeElement as HTMLInputElement | null)?.name ?? 'outside');
    }
    expect(reached).not.to.include('homepage');
  });

  it('goes to the server empty when a person posts', async () => {
    const server = serve();
    const element = await mount();
    await fillAndSubmit(element, { name: 'Grace', url: 'grace.example', text: 'A person wrote this' });
    await postingDone(element);
    expect(server.posts[0].honeypot).to.equal('');
    expect(server.posts[0].url).to.equal('https://grace.example');
  });

  it('sends what a bot put into it, and keeps that nowhere', async () => {
    const server = serve();
    const element = await mount();
    await fill(element, { name: 'Buy Now', text: 'Cheap pills' });
    await fillHoneypot(element, 'https://pills.example/');
    expect(JSON.stringify({ ...localStorage }), 'the draft').not.to.include('pills.example');
    $<HTMLButtonElement>(element, 'button[type="submit"]')!.click();
    await postingDone(element);
    expect(server.posts[0].honeypot).to.equal('https://pills.example/');
    expect(JSON.stringify({ ...localStorage }), 'after posting').not.to.include('pills.example');
  });

  it('is never filled by the widget: not from the remembered identity, nor from a restored draft', async () => {
    localStorage.setItem(
      'natter:identity',
      JSON.stringify({ name: 'Grace', email: 'grace@example.com', url: 'https://grace.example/' }),
    );
    serve();
    const first = await mount();
    await fill(first, { text: 'A draft to restore' });
    first.parentElement!.remove();
    const element = await mount();
    expect($<HTMLInputElement>(element, '#url')!.value, 'the identity was restored').to.equal(
      'https://grace.example/',
    );
    expect($<HTMLTextAreaElement>(element, '#text')!.value, 'the draft was restored').to.equal(
      'A draft to restore',
    );
    expect(honeypot(element).value).to.equal('');
  });
});

import { expect } from '@open-wc/testing';
import { limits } from '../../src/protocol/limits.js';
import {
  $,
  $$,
  control,
  fill,
  fillAndSubmit,
  focusedId,
  has,
  mount,
  postingDone,
  resetPage,
  serve,
  submit,
  textOf,
} from './helpers.js';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';

afterEach(resetPage);

/** The error message shown for `field`, as tied to it by aria-describedby; '' when there is none. */
function errorFor(element: NatterComments, field: 'name' | 'email' | 'url' | 'text'): string {
  const input = control(element, field);
  if (input.getAttribute('aria-invalid') !== 'true') return '';
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ');
  return ids
    .map((id) => $(element, `#${id}`))
    .filter((described) => described?.classList.contains('field-error'))
    .map((described) => described!.textContent!.trim())
    .join(' ');
}

describe('natter-comments form: what it asks for', () => {
  it('has Name, Email, Website URL and Comment fields, the escaping notice and a Post button', async () => {
    serve();
    const element = await mount();
    // The honeypot is left out: nobody sees or reaches it (see honeypot.test.ts).
    const fields = 'form :not([aria-hidden]) > input:not([type="checkbox"]), form textarea';
    const labels = $$<HTMLInputElement>(element, fields).map((input) => input.labels![0].textContent!.trim());
    expect(labels).to.deep.equal(['Name', 'Email (optional)', 'Website URL (optional)', 'Comment']);
    expect(control(element, 'name').required).to.equal(true);
    expect(control(element, 'email').required).to.equal(false);
    expect(control(element, 'url').required).to.equal(false);
    expect(control(element, 'text').required).to.equal(true);
    expect(textOf(element, '[part="notice"]')).to.equal(
      'All HTML will be escaped. Hyperlinks will be created for URLs automatically.',
    );
    expect(textOf(element, 'button[type="submit"]')).to.equal('Post');
  });

  it('explains that the email address is never shown', async () => {
    serve();
    const element = await mount();
    const ids = control(element, 'email').getAttribute('aria-describedby')!.split(' ');
    expect(ids.map((id) => $(element, `#${id}`)!.textContent)).to.include('Never shown publicly.');
  });

  it('sends what the reader typed, trimmed, to the thread', async () => {
    const server = serve();
    const element = await mount();
    await fillAndSubmit(element, {
      name: '  Grace  ',
      email: ' grace@example.com ',
      url: 'https://grace.example/',
      text: 'Hello\n\nWorld',
    });
    await postingDone(element);
    expect(server.posts).to.have.length(1);
    const { idempotencyKey, ...sent } = server.posts[0]!;
    expect(sent).to.deep.equal({
      thread: '/blog/hello',
      name: 'Grace',
      email: 'grace@example.com',
      url: 'https://grace.example/',
      text: 'Hello\n\nWorld',
      honeypot: '',
    });
    // A key made for this comment: sent again with it, the server stores it once.
    expect(idempotencyKey).to.match(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe('natter-comments form: validation before sending', () => {
  it('asks for the name and the comment, focuses the first missing one, and sends nothing', async () => {
    const server = serve();
    const element = await mount();
    submit(element);
    await element.updateComplete;
    await element.updateComplete;
    expect(errorFor(element, 'name')).to.equal('Please fill in this field.');
    expect(errorFor(element, 'text')).to.equal('Please fill in this field.');
    expect(errorFor(element, 'email')).to.equal('');
    expect(focusedId(element)).to.equal('name');
    expect(server.posts).to.have.length(0);
  });

  it('focuses the comment when only the comment is missing', async () => {
    const server = serve();
    const element = await mount();
    await fillAndSubmit(element, { name: 'Grace', text: '   \n  ' });
    await element.updateComplete;
    await element.updateComplete;
    expect(errorFor(element, 'name')).to.equal('');
    expect(errorFor(element, 'text')).to.equal('Please fill in this field.');
    expect(focusedId(element)).to.equal('text');
    expect(server.posts).to.have.length(0);
  });

  it('refuses an email address that is not one', async () => {
    const server = serve();
    const element = await mount();
    await fillAndSubmit(element, { name: 'Grace', email: 'grace at example', text: 'Hi' });
    await element.updateComplete;
    expect(errorFor(element, 'email')).to.equal('Please enter an email address like name@example.com.');
    expect(server.posts).to.have.length(0);
  });

  for (const url of ['javascript:alert(1)', 'ftp://grace.example/', 'https://user:pass@grace.example/']) {
    it(`refuses the website ${url}`, async () => {
      const server = serve();
      const element = await mount();
      await fillAndSubmit(element, { name: 'Grace', url, text: 'Hi' });
      await element.updateComplete;
      expect(errorFor(element, 'url')).to.equal(
        'Please enter a web address starting with http:// or https://.',
      );
      expect(server.posts).to.have.length(0);
    });
  }

  it('adds https:// to a website typed without a scheme', async () => {
    const server = serve();
    const element = await mount();
    await fillAndSubmit(element, { name: 'Grace', url: 'grace.example/me', text: 'Hi' });
    await postingDone(element);
    expect(server.posts[0].url).to.equal('https://grace.example/me');
  });

  it('refuses a name with direction-override characters', async () => {
    const server = serve();
    const element = await mount();
    await fillAndSubmit(element, { name: 'Grace\u202Eevil', text: 'Hi' });
    await element.updateComplete;
    expect(errorFor(element, 'name')).to.equal('Please remove control or direction-override characters.');
    expect(server.posts).to.have.length(0);
  });
});

describe('natter-comments form: the length counter', () => {
  it('stays away while the comment is far from the limit', async () => {
    serve();
    const element = await mount();
    await fill(element, { text: 'x'.repeat(Math.floor(limits.textLength * 0.8)) });
    expect(has(element, '[part="counter"]')).to.equal(false);
  });

  it('appears near the limit, counts down, and is read with the comment field', async () => {
    serve();
    const element = await mount();
    await fill(element, { text: 'x'.repeat(limits.textLength - 500) });
    expect(textOf(element, '[part="counter"]')).to.equal('500 characters left');
    expect(control(element, 'text').getAttribute('aria-describedby')!.split(' ')).to.include(
      $(element, '[part="counter"]')!.id,
    );
    await fill(element, { text: 'x'.repeat(limits.textLength - 1) });
    expect(textOf(element, '[part="counter"]')).to.equal('1 character left');
  });

  it('keeps the comment within the limit', async () => {
    serve();
    const element = await mount();
    expect(control(element, 'text').maxLength).to.equal(limits.textLength);
  });
});

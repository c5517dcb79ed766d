import { expect, waitUntil } from '@open-wc/testing';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import {
  control,
  errorResponse,
  fill,
  fillAndSubmit,
  has,
  heldBack,
  mount,
  postedAnswer,
  postingDone,
  resetPage,
  serve,
  settled,
  textOf,
} from './helpers.js';

afterEach(resetPage);

/** Everything this page keeps in localStorage, as one string to search. */
function stored(): string {
  return Object.keys(localStorage)
    .map((key) => `${key}=${localStorage.getItem(key)}`)
    .join('\n');
}

/** Takes the element off the page, as leaving or reloading it would. */
function unmount(element: NatterComments): void {
  element.parentElement!.remove();
}

/** The form as the reader sees it. */
function formValues(element: NatterComments) {
  return {
    name: control(element, 'name').value,
    email: control(element, 'email').value,
    url: control(element, 'url').value,
    text: control(element, 'text').value,
    isRemembered: control(element, 'remember').checked,
  };
}

describe('natter-comments drafts', () => {
  it('saves the comment while it is typed and restores it, with a notice, on the next visit', async () => {
    serve();
    const first = await mount();
    expect(has(first, '[part="draft-notice"]')).to.equal(false);
    await fill(first, { name: 'Grace', url: 'grace.example', text: 'Half a thought' });
    expect(stored()).to.include('Half a thought').and.include('/blog/hello');
    unmount(first);

    const again = await mount();
    expect(formValues(again)).to.include({ name: 'Grace', url: 'grace.example', text: 'Half a thought' });
    expect(textOf(again, '[part="draft-notice"]')).to.equal('Your unsent comment was restored.');
  });

  it('restores a draft however long ago it was written', async () => {
    serve();
    const now = Date.now;
    const first = await mount();
    try {
      Date.now = () => now() - 400 * 24 * 60 * 60 * 1000;
      await fill(first, { name: 'Grace', email: 'grace@example.com', text: 'Written last year' });
    } finally {
      Date.now = now;
    }
    unmount(first);

    const again = await mount();
    expect(formValues(again)).to.include({
      name: 'Grace',
      email: 'grace@example.com',
      text: 'Written last year',
    });
  });

  it('keeps one draft per thread', async () => {
    serve();
    const hello = await mount({ thread: '/blog/hello' });
    await fill(hello, { text: 'About hello' });
    unmount(hello);

    const other = await mount({ thread: '/blog/other' });
    expect(control(other, 'text').value).to.equal('');
    expect(has(other, '[part="draft-notice"]')).to.equal(false);
    await fill(other, { text: 'About other' });

    other.thread = '/blog/hello';
    await settled(other);
    expect(control(other, 'text').value).to.equal('About hello');
    other.thread = '/blog/other';
    await settled(other);
    expect(control(other, 'text').value).to.equal('About other');
  });

  it('keeps the comment in the form and in storage when posting fails', async () => {
    serve({ post: () => errorResponse(503, 'unavailable') });
    const element = await mount();
    await fillAndSubmit(element, { name: 'Grace', text: 'Do not lose me' });
    await postingDone(element);
    expect(textOf(element, '[part="form-error"]')).to.equal(
      'The comment server could not answer just now. Please try again in a moment.',
    );
    expect(control(element, 'text').value).to.equal('Do not lose me');
    expect(stored()).to.include('Do not lose me');
    unmount(element);

    const again = await mount();
    expect(control(again, 'text').value).to.equal('Do not lose me');
  });

  it('keeps, as the next draft, what the reader typed while the comment was on its way', async () => {
    const held = heldBack(postedAnswer);
    serve({ post: held.answer });
    const element = await mount();
    await fillAndSubmit(element, { name: 'Grace', text: 'First thought' });
    await fill(element, { text: 'First thought, and a second one' });
    held.release();
    await postingDone(element);
    expect(control(element, 'text').value).to.equal('First thought, and a second one');
    unmount(element);

    const again = await mount();
    expect(control(again, 'text').value).to.equal('First thought, and a second one');
  });

  it('forgets the draft of the thread it was posted to when the reader moved on meanwhile', async () => {
    const held = heldBack(postedAnswer);
    serve({ post: held.answer });
    const element = await mount();
    await fillAndSubmit(element, { name: 'Grace', text: 'About hello' });
    element.thread = '/blog/other';
    await settled(element);
    await fill(element, { text: 'About other' });
    held.release();
    await waitUntil(() => !stored().includes('About hello'), 'the posted draft was kept');
    expect(stored()).to.include('About other');
    await postingDone(element);
    const bodies = [...element.shadowRoot!.querySelectorAll('[part="body"]')].map((body) =>
      body.textContent!.trim(),
    );
    expect(bodies, 'the other thread shows only its own').to.deep.equal(['Hello there']);
  });

  it('forgets the comment once the server has accepted it', async () => {
    serve();
    const element = await mount();
    await fillAndSubmit(element, { name: 'Grace', text: 'Sent for good' });
    await postingDone(element);
    expect(control(element, 'text').value).to.equal('');
    expect(stored()).not.to.include('Sent for good');
    unmount(element);

    const again = await mount();
    expect(control(again, 'text').value).to.equal('');
    expect(has(again, '[part="draft-notice"]')).to.equal(false);
  });

  it('forgets the comment when the reader deletes all of it', async () => {
    serve();
    const element = await mount();
    await fill(element, { text: 'Second thoughts' });
    await fill(element, { text: '' });
    expect(stored()).not.to.include('Second thoughts');
  });
});

describe('natter-comments "Remember me"', () => {
  /** Ticks or unticks "Remember me" as a click would. */
  async function setRemembered(element: NatterComments, isRemembered: boolean): Promise<void> {
    const checkbox = control(element, 'remember');
    if (checkbox.checked !== isRemembered) checkbox.click();
    await element.updateComplete;
  }

  const grace = { name: 'Grace', email: 'grace@example.com', url: 'https://grace.example/' };

  it('is off at first', async () => {
    serve();
    expect(control(await mount(), 'remember').checked).to.equal(false);
  });

  it('keeps name, email and website for the next thread the reader visits', async () => {
    serve();
    const element = await mount();
    await fill(element, grace);
    await setRemembered(element, true);
    expect(stored()).to.include('grace@example.com');
    unmount(element);

    const elsewhere = await mount({ thread: '/blog/another-post' });
    expect(formValues(elsewhere)).to.deep.equal({ ...grace, text: '', isRemembered: true });
  });

  it('remembers the identity a reader posted with', async () => {
    serve();
    const element = await mount();
    await setRemembered(element, true);
    await fillAndSubmit(element, { ...grace, text: 'Hello' });
    await postingDone(element);
    unmount(element);

    const elsewhere = await mount({ thread: '/blog/another-post' });
    expect(formValues(elsewhere)).to.deep.equal({ ...grace, text: '', isRemembered: true });
  });

  it('forgets the identity when unticked', async () => {
    serve();
    const element = await mount();
    await fill(element, grace);
    await setRemembered(element, true);
    unmount(element);

    const again = await mount({ thread: '/blog/another-post' });
    await setRemembered(again, false);
    expect(stored()).not.to.include('grace@example.com');
    unmount(again);

    const fresh = await mount({ thread: '/blog/third-post' });
    expect(formValues(fresh)).to.deep.equal({ name: '', email: '', url: '', text: '', isRemembered: false });
  });

  it('is not needed to keep the email address of an unsent comment: the draft keeps it on this device', async () => {
    serve({ post: () => errorResponse(503, 'unavailable') });
    const element = await mount();
    await fill(element, { ...grace, text: 'A draft' });
    expect(stored()).to.include('grace@example.com');
    await fillAndSubmit(element, { text: 'A draft that fails' });
    await postingDone(element);
    unmount(element);

    const again = await mount();
    expect(formValues(again)).to.deep.equal({ ...grace, text: 'A draft that fails', isRemembered: false });
    const elsewhere = await mount({ thread: '/blog/another-post' });
    expect(formValues(elsewhere), 'another thread').to.deep.equal({
      name: '',
      email: '',
      url: '',
      text: '',
      isRemembered: false,
    });
  });

  it('forgets the email address without it once the comment is posted', async () => {
    serve();
    const element = await mount();
    await fillAndSubmit(element, { ...grace, text: 'Sent' });
    await postingDone(element);
    expect(stored()).not.to.include('grace@example.com');
  });
});

import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  anAdminComment,
  announcement,
  buttonNamed,
  deepActiveElement,
  FakeAdminApi,
  listSettled,
  mountAdmin,
  resetPage,
} from './helpers.js';

afterEach(resetPage);

/** The sign-in screen's shadow root. */
const signInOf = (element: HTMLElement) => element.shadowRoot!.querySelector('admin-sign-in')!.shadowRoot!;

async function typePassword(element: HTMLElement, password: string): Promise<void> {
  const input = signInOf(element).querySelector('input')!;
  input.focus();
  await sendKeys({ type: password });
  await sendKeys({ press: 'Enter' });
}

describe('admin sign-in', () => {
  it('asks for the password when the browser holds no session, and signs in with it', async () => {
    const api = new FakeAdminApi({ comments: [anAdminComment()] });
    const element = await mountAdmin(api);
    const root = signInOf(element);
    expect(root.querySelector('h1')?.textContent).to.equal('Sign in to moderate');
    expect(root.querySelector('label')?.textContent).to.equal('Password');
    expect(root.querySelector('input')?.getAttribute('type')).to.equal('password');
    expect(root.querySelector('input')?.getAttribute('autocomplete')).to.equal('current-password');

    await typePassword(element, 'correct horse');
    await waitUntil(() => element.session === 'signed-in', 'never signed in');
    await listSettled(element);
    expect(document.title).to.equal('Queue · natter moderation');
    expect(deepActiveElement()?.textContent).to.equal('Queue');
    expect(announcement(element)).to.equal('Signed in.');
    const login = api.requests.find((request) => request.path === 'login');
    expect(login?.body).to.deep.equal({ password: 'correct horse' });
  });

  it('says a wrong password is wrong, next to the field, and keeps focus there', async () => {
    const element = await mountAdmin(new FakeAdminApi());
    await typePassword(element, 'not it');
    const root = signInOf(element);
    await waitUntil(() => root.querySelector('[role="alert"]')?.textContent, 'no error shown');
    expect(root.querySelector('[role="alert"]')?.textContent).to.equal('That password is not right.');
    const input = root.querySelector('input')!;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.equal('password-error');
    expect(deepActiveElement()).to.equal(input);
    expect(element.session).to.equal('signed-out');
  });

  it('says how long to wait when the server limits attempts, and how to set a password when there is none', async () => {
    const api = new FakeAdminApi();
    const element = await mountAdmin(api);
    const root = signInOf(element);
    api.override = () =>
      new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'slow down' } }), {
        status: 429,
        headers: { 'Content-Type': 'application/json', 'Retry-After': '42' },
      });
    await typePassword(element, 'a guess');
    await waitUntil(() => root.querySelector('[role="alert"]')?.textContent);
    expect(root.querySelector('[role="alert"]')?.textContent).to.equal(
      'Too many attempts. Please wait 42 seconds and try again.',
    );
    api.override = () =>
      new Response(JSON.stringify({ error: { code: 'forbidden', message: 'no password' } }), { status: 403 });
    buttonNamed(root, 'Sign in').click();
    await waitUntil(() => root.querySelector('[role="alert"]')?.textContent?.includes('set-password'));
  });

  it('resumes the session the browser holds after a reload, without asking again', async () => {
    const api = new FakeAdminApi({ isSignedIn: true, comments: [anAdminComment()] });
    const element = await mountAdmin(api);
    expect(element.session).to.equal('signed-in');
    expect(api.requests[0]?.path).to.equal('session');
  });

  it('sends the CSRF token with every change, and returns to sign-in when the session ends', async () => {
    const comment = anAdminComment();
    const api = new FakeAdminApi({ isSignedIn: true, comments: [comment] });
    const element = await mountAdmin(api);
    const list = element.shadowRoot!.querySelector('admin-comment-list')!;
    buttonNamed(list.shadowRoot!.querySelector(`article[data-id="${comment.id}"]`)!, 'Approve').click();
    await waitUntil(() => api.changes.length === 1);
    expect(api.changes[0]?.headers.get('x-natter-csrf')).to.equal(api.csrfToken);

    api.isSignedIn = false;
    window.location.hash = '#/spam';
    await waitUntil(() => element.session === 'signed-out', 'still signed in');
    await element.updateComplete;
    const notice = signInOf(element).querySelector('.notice')?.textContent;
    expect(notice).to.equal('Your session has ended. Please sign in again.');
  });

  it('signs out: the server forgets the session, and the sign-in screen says so', async () => {
    const api = new FakeAdminApi({ isSignedIn: true });
    const element = await mountAdmin(api);
    buttonNamed(element.shadowRoot!, 'Sign out').click();
    await waitUntil(() => element.session === 'signed-out');
    expect(api.isSignedIn).to.equal(false);
    await element.updateComplete;
    expect(signInOf(element).querySelector('.notice')?.textContent).to.equal('You are signed out.');
    await waitUntil(() => deepActiveElement()?.id === 'password', 'focus is not on the password');
  });
});

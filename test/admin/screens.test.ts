import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  anAdminComment,
  announcement,
  buttonNamed,
  deepActiveElement,
  FakeAdminApi,
  listOf,
  mountAdmin,
  resetPage,
  screenOf,
  shownIds,
} from './helpers.js';

afterEach(resetPage);

describe('admin search', () => {
  it('finds comments in every status and announces how many', async () => {
    const match = anAdminComment({ text: 'A zebra crossing', status: 'spam' });
    const api = new FakeAdminApi({ isSignedIn: true, comments: [match, anAdminComment()] });
    const element = await mountAdmin(api, '#/search');
    const root = screenOf(element).shadowRoot!;
    expect(root.querySelector('form')?.getAttribute('role')).to.equal('search');
    root.querySelector<HTMLInputElement>('#words')!.focus();
    await sendKeys({ type: 'zebra' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => announcement(element) === '1 comment found.', 'not announced');
    expect(shownIds(listOf(element))).to.deep.equal([match.id]);
    const search = api.requests.find((request) => request.path === 'comments' && request.query.get('q'));
    expect(search?.query.get('queue')).to.equal('recent');
  });

  it('looks for an exact e-mail address when asked to', async () => {
    const api = new FakeAdminApi({ isSignedIn: true, comments: [anAdminComment()] });
    const element = await mountAdmin(api, '#/search');
    const root = screenOf(element).shadowRoot!;
    root.querySelector<HTMLSelectElement>('#field')!.value = 'email';
    root.querySelector<HTMLInputElement>('#words')!.value = 'nobody@example.com';
    buttonNamed(root, 'Search').click();
    await waitUntil(() => announcement(element) === 'No comment matches.');
    expect(api.requests.at(-1)?.query.get('email')).to.equal('nobody@example.com');
  });

  it('lets j and k through to the search field as letters', async () => {
    const element = await mountAdmin(new FakeAdminApi({ isSignedIn: true }), '#/search');
    const input = screenOf(element).shadowRoot!.querySelector<HTMLInputElement>('#words')!;
    input.focus();
    await sendKeys({ type: 'jkad' });
    expect(input.value).to.equal('jkad');
  });
});

describe('admin rules', () => {
  it('says that only authors go on the allow-list, with focus on what to change', async () => {
    const api = new FakeAdminApi({ isSignedIn: true });
    const element = await mountAdmin(api, '#/rules');
    const root = screenOf(element).shadowRoot!;
    await waitUntil(() => root.querySelector('.muted')?.textContent === 'No rules yet.');
    root.querySelector<HTMLSelectElement>('#kind')!.value = 'domain';
    root.querySelector<HTMLInputElement>('#pattern')!.value = 'friend.example';
    root.querySelector<HTMLSelectElement>('#action')!.value = 'publish';
    buttonNamed(root, 'Add rule').click();
    await waitUntil(() => root.querySelector('[role="alert"]'), 'no error');
    expect(root.querySelector('[role="alert"]')!.textContent).to.contain('Only authors can be trusted');
    expect(deepActiveElement()).to.equal(root.querySelector('#action'));
    expect(api.rules).to.deep.equal([]);
  });

  it('adds a rule, says when its pattern is not one, and removes it again', async () => {
    const api = new FakeAdminApi({ isSignedIn: true });
    const element = await mountAdmin(api, '#/rules');
    const root = screenOf(element).shadowRoot!;
    await waitUntil(() => root.querySelector('.muted')?.textContent === 'No rules yet.');

    root.querySelector<HTMLSelectElement>('#kind')!.value = 'ip';
    root.querySelector<HTMLInputElement>('#pattern')!.value = 'not an address';
    buttonNamed(root, 'Add rule').click();
    await waitUntil(() => root.querySelector('#pattern-error'), 'no error');
    const pattern = root.querySelector<HTMLInputElement>('#pattern')!;
    expect(pattern.getAttribute('aria-invalid')).to.equal('true');
    expect(pattern.getAttribute('aria-describedby')).to.equal('pattern-error');
    expect(deepActiveElement()).to.equal(pattern);

    pattern.value = '203.0.113.0/24';
    root.querySelector<HTMLSelectElement>('#action')!.value = 'spam';
    root.querySelector<HTMLInputElement>('#note')!.value = 'a botnet';
    buttonNamed(root, 'Add rule').click();
    await waitUntil(() => root.querySelector('li'), 'the rule is not listed');
    expect(api.rules[0]).to.include({
      kind: 'ip',
      pattern: '203.0.113.0/24',
      action: 'spam',
      note: 'a botnet',
    });
    expect(root.querySelector('li')?.textContent).to.contain('a botnet');
    expect(announcement(element)).to.equal('Rule added.');

    const remove = root.querySelector<HTMLButtonElement>('li button')!;
    expect(remove.getAttribute('aria-label')).to.equal('Remove rule 203.0.113.0/24');
    remove.click();
    await waitUntil(() => !root.querySelector('li'));
    expect(announcement(element)).to.equal('Rule removed.');
    expect(deepActiveElement()?.id).to.equal('kind');
  });
});

describe('admin settings', () => {
  it('makes the site read-only and back', async () => {
    const api = new FakeAdminApi({ isSignedIn: true });
    const element = await mountAdmin(api, '#/settings');
    const root = screenOf(element).shadowRoot!;
    await waitUntil(() => root.querySelector('#read-only'));
    root.querySelector<HTMLInputElement>('#read-only')!.click();
    await waitUntil(() => api.site.readOnly);
    await waitUntil(() => announcement(element) === 'The site is read-only.');
    expect(api.changes[0]?.body).to.deep.equal({ readOnly: true });
    root.querySelector<HTMLInputElement>('#read-only')!.click();
    await waitUntil(() => !api.site.readOnly);
  });

  it('locks a thread and gives it a moderation mode of its own', async () => {
    const api = new FakeAdminApi({ isSignedIn: true });
    const element = await mountAdmin(api, '#/settings');
    const root = screenOf(element).shadowRoot!;
    root.querySelector<HTMLInputElement>('#thread-key')!.value = '/2026/11/a-post';
    buttonNamed(root, 'Show').click();
    await waitUntil(() => root.querySelector('.thread'), 'no thread shown');
    expect(root.querySelector<HTMLAnchorElement>('.thread a')?.href).to.equal(
      'https://blog.example.com/2026/11/a-post',
    );
    buttonNamed(root, 'Lock the thread').click();
    await waitUntil(() => announcement(element) === '/2026/11/a-post is locked: it takes no new comments.');
    expect(api.threads.get('/2026/11/a-post')?.locked).to.equal(true);
    const mode = root.querySelector<HTMLSelectElement>('#thread-mode')!;
    mode.value = 'all';
    mode.dispatchEvent(new Event('change'));
    await waitUntil(() => api.threads.get('/2026/11/a-post')?.moderation === 'all');
    expect(api.changes.map((request) => request.body)).to.deep.equal([
      { key: '/2026/11/a-post', locked: true },
      { key: '/2026/11/a-post', moderation: 'all' },
    ]);
  });
});

import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { AdminReference } from '../../src/protocol/admin.js';
import {
  alertText,
  anAdminReference,
  announcement,
  buttonNamed,
  cardOf,
  deepActiveElement,
  FakeAdminApi,
  mountAdmin,
  referenceListOf,
  resetPage,
  shownIds,
} from './helpers.js';

afterEach(resetPage);

/** Three held references (newest first: the last), one published, one spam, and three that were not verified. */
function someReferences() {
  const held = [
    anAdminReference(),
    anAdminReference({ via: 'pingback', kind: 'mention' }),
    anAdminReference(),
  ];
  const published = anAdminReference({ status: 'published', reason: null, sourceHost: 'friend.example' });
  const spam = anAdminReference({ status: 'spam', reason: 'spam: block-list pills.example' });
  const unverified = {
    state: 'queued' as const,
    status: null,
    kind: null,
    title: null,
    url: null,
    excerpt: null,
  };
  const queued = anAdminReference({ ...unverified, attempts: 2, detail: 'connect ETIMEDOUT', reason: null });
  const refused = anAdminReference({ ...unverified, state: 'refused', reason: 'no_link', detail: null });
  const removed = anAdminReference({
    state: 'removed',
    status: 'published',
    reason: 'source_gone',
    detail: 'HTTP 410',
  });
  return {
    held,
    published,
    spam,
    queued,
    refused,
    removed,
    api: new FakeAdminApi({
      isSignedIn: true,
      references: [...held, published, spam, queued, refused, removed],
    }),
  };
}

const navLink = (element: HTMLElement, name: string) =>
  [...element.shadowRoot!.querySelectorAll<HTMLAnchorElement>('nav a')].find((link) =>
    link.textContent?.trim().startsWith(name),
  )!;

const textOf = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** A card's facts, by what each is. */
const factsOf = (card: HTMLElement) =>
  Object.fromEntries(
    [...card.querySelectorAll('.facts > div')].map((fact) => [
      textOf(fact.querySelector('dt')),
      textOf(fact.querySelector('dd')),
    ]),
  );

describe('admin references', () => {
  it('lists the references awaiting approval, newest first, with a badge in the navigation', async () => {
    const { held, api } = someReferences();
    const element = await mountAdmin(api, '#/references');
    const list = await referenceListOf(element);
    expect(shownIds(list)).to.deep.equal([held[2]!.id, held[1]!.id, held[0]!.id]);
    expect(textOf(navLink(element, 'References'))).to.equal('References 3, 3 references awaiting approval');
    expect(navLink(element, 'References').getAttribute('aria-current')).to.equal('page');
    expect(document.title).to.equal('References · natter moderation');
    const request = api.requests.find((seen) => seen.path === 'references');
    expect(Object.fromEntries(request!.query)).to.deep.equal({ status: 'pending', state: 'verified' });
    const filter = list.shadowRoot!.querySelector('nav a[aria-current="page"]');
    expect(textOf(filter)).to.equal('Awaiting approval');
  });

  it('shows what a moderator weighs: the linked title, kind, author, excerpt, host, how it came and why', async () => {
    const held = anAdminReference({
      title: '<b>Not bold</b>',
      excerpt: '<img src=x onerror=alert(1)> Agreed.',
      via: 'pingback',
    });
    const element = await mountAdmin(
      new FakeAdminApi({ isSignedIn: true, references: [held] }),
      '#/references',
    );
    const card = cardOf(await referenceListOf(element), held.id);
    const link = card.querySelector<HTMLAnchorElement>('.title a')!;
    expect(link.href).to.equal(held.url);
    expect(link.rel).to.equal('nofollow ugc noopener');
    expect(link.target).to.equal('_blank');
    expect(link.textContent).to.equal('<b>Not bold</b>');
    expect(card.querySelector('b, img')).to.equal(null);
    expect(card.querySelector('.text')!.textContent).to.equal('<img src=x onerror=alert(1)> Agreed.');
    expect(textOf(card.querySelector('.kind'))).to.equal('Reply');
    expect(textOf(card.querySelector('.status'))).to.equal('Pending');
    expect(textOf(card.querySelector('.when'))).to.match(/^received /);
    expect(factsOf(card)).to.deep.equal({
      Reason: 'held: first reference from other.example',
      Page: '/2026/11/a-post',
      Author: held.author.name,
      Website: 'https://other.example/',
      From: 'other.example',
      Source: held.source,
      'Sent as': 'Pingback',
      'Sent from': '198.51.100.4',
    });
    const page = card.querySelector<HTMLAnchorElement>('.facts a')!;
    expect(page.href).to.equal('https://blog.example.com/2026/11/a-post');
    expect(card.querySelector('img')).to.equal(null, 'no photo is loaded from another site');
  });

  it('links a title only to an http(s) address', async () => {
    const hostile = anAdminReference({ url: 'javascript:alert(1)', title: 'Click me' });
    const element = await mountAdmin(
      new FakeAdminApi({ isSignedIn: true, references: [hostile] }),
      '#/references',
    );
    const card = cardOf(await referenceListOf(element), hostile.id);
    expect(card.querySelector('.title a')).to.equal(null);
    expect(textOf(card.querySelector('.title'))).to.equal('Click me');
  });

  it('publishes from a card: the reference leaves the queue, it is announced, focus and the badge follow', async () => {
    const { held, api } = someReferences();
    const element = await mountAdmin(api, '#/references');
    const list = await referenceListOf(element);
    buttonNamed(cardOf(list, held[2]!.id), 'Publish').click();
    await waitUntil(() => !shownIds(list).includes(held[2]!.id), 'the reference stayed');
    expect(api.changes.map((request) => [request.method, request.path, request.body])).to.deep.equal([
      ['PATCH', `references/${held[2]!.id}`, { status: 'published' }],
    ]);
    expect(api.changes[0]!.headers.get('x-natter-csrf')).to.equal(api.csrfToken);
    expect(announcement(element)).to.equal('Published the reference from other.example.');
    await waitUntil(() => deepActiveElement() === cardOf(list, held[1]!.id), 'focus did not move on');
    expect(textOf(navLink(element, 'References'))).to.contain('2 references awaiting approval');
  });

  it('moves with j and k and acts with s, d and a on the reference in focus', async () => {
    const { held, api } = someReferences();
    const element = await mountAdmin(api, '#/references');
    const list = await referenceListOf(element);
    await sendKeys({ press: 'j' });
    expect(deepActiveElement()).to.equal(cardOf(list, held[2]!.id));
    await sendKeys({ press: 'j' });
    await sendKeys({ press: 'k' });
    await sendKeys({ press: 'j' });
    expect(deepActiveElement()).to.equal(cardOf(list, held[1]!.id));
    await sendKeys({ press: 's' });
    await waitUntil(() => !shownIds(list).includes(held[1]!.id));
    await waitUntil(() => deepActiveElement() === cardOf(list, held[0]!.id));
    await sendKeys({ press: 'd' });
    await waitUntil(() => !shownIds(list).includes(held[0]!.id));
    // The last one gone, focus comes back up to the one above.
    await waitUntil(() => deepActiveElement() === cardOf(list, held[2]!.id));
    await sendKeys({ press: 'r' });
    expect(api.changes).to.have.length(2, 'r does nothing to a reference already in the queue');
    await sendKeys({ press: 'a' });
    await waitUntil(() => shownIds(list).length === 0);
    expect(held.map((reference) => reference.status)).to.deep.equal(['deleted', 'spam', 'published']);
    await waitUntil(() => textOf(list.shadowRoot!.querySelector('.empty')) === 'No reference awaits you.');
  });

  it('holds a published reference with r, and restores spam to the queue', async () => {
    const { published, spam, api } = someReferences();
    const element = await mountAdmin(api, '#/references/published');
    const list = await referenceListOf(element);
    expect(shownIds(list)).to.deep.equal([published.id]);
    const card = cardOf(list, published.id);
    expect([...card.querySelectorAll('.actions button')].map(textOf)).to.deep.equal([
      'Hold',
      'Spam',
      'Delete',
    ]);
    await sendKeys({ press: 'j' });
    await sendKeys({ press: 'r' });
    await waitUntil(() => shownIds(list).length === 0);
    expect(published.status).to.equal('pending');
    expect(announcement(element)).to.equal('Held the reference from friend.example.');

    navLink(element, 'References').click();
    await waitUntil(() => element.shadowRoot!.querySelector('admin-reference-list')?.filter === 'pending');
    const spamLink = [
      ...(await referenceListOf(element)).shadowRoot!.querySelectorAll<HTMLAnchorElement>('.filters a'),
    ].find((link) => textOf(link) === 'Spam')!;
    spamLink.click();
    await waitUntil(() => element.shadowRoot!.querySelector('admin-reference-list')?.filter === 'spam');
    const spamList = await referenceListOf(element);
    await waitUntil(() => deepActiveElement()?.textContent === 'References', 'focus is not on the heading');
    buttonNamed(cardOf(spamList, spam.id), 'Restore').click();
    await waitUntil(() => spam.status === 'pending');
    expect(announcement(element)).to.equal('Restored the reference from other.example to the queue.');
  });

  it('shows the mentions that are not verified, each with why, and no actions', async () => {
    const { queued, refused, removed, api } = someReferences();
    const element = await mountAdmin(api, '#/references/unverified');
    const list = await referenceListOf(element);
    const headings = [...list.shadowRoot!.querySelectorAll('h2')].map(textOf);
    expect(headings).to.deep.equal(['Waiting to be verified 1', 'Refused 1', 'Removed since 1']);
    expect(shownIds(list)).to.deep.equal([queued.id, refused.id, removed.id]);
    const queuedCard = cardOf(list, queued.id);
    expect(textOf(queuedCard.querySelector('.title a'))).to.equal(queued.source);
    expect(textOf(queuedCard.querySelector('.status'))).to.equal('Being verified');
    expect(factsOf(queuedCard)).to.include({ 'What went wrong': 'connect ETIMEDOUT', 'Failed tries': '2' });
    expect(factsOf(queuedCard)).not.to.have.property('Reason');
    expect(factsOf(cardOf(list, refused.id))).to.include({ Reason: 'the source does not link to the page' });
    expect(factsOf(cardOf(list, removed.id))).to.include({
      Reason: 'the source is gone',
      'What went wrong': 'HTTP 410',
    });
    expect(textOf(cardOf(list, removed.id).querySelector('.status'))).to.equal('Removed');
    expect(list.shadowRoot!.querySelectorAll('.actions button')).to.have.length(0);
    const states = api.requests
      .filter((seen) => seen.path === 'references')
      .map((seen) => seen.query.get('state'));
    expect(states).to.have.members(['queued', 'refused', 'removed']);
  });

  it('takes out a reference that is no longer verified, and says so', async () => {
    const { held, api } = someReferences();
    const element = await mountAdmin(api, '#/references');
    const list = await referenceListOf(element);
    // Sent again meanwhile: its source is being verified anew.
    (held[2] as AdminReference).state = 'queued';
    buttonNamed(cardOf(list, held[2]!.id), 'Publish').click();
    await waitUntil(() => !shownIds(list).includes(held[2]!.id), 'the reference stayed');
    expect(alertText(element)).to.equal('That reference is no longer verified, so it cannot be changed.');
  });

  it('offers Try again when the list fails, pages with Show more, and keeps what it shows when a page fails', async () => {
    const api = new FakeAdminApi({
      isSignedIn: true,
      references: Array.from({ length: 55 }, () => anAdminReference()),
    });
    let isOffline = true;
    api.override = (request) =>
      isOffline && request.path === 'references' ? Promise.reject(new TypeError('offline')) : undefined;
    const element = await mountAdmin(api, '#/references');
    const list = await referenceListOf(element);
    expect(textOf(list.shadowRoot!.querySelector('.error'))).to.equal('This could not be loaded.');
    isOffline = false;
    buttonNamed(list.shadowRoot!, 'Try again').click();
    await waitUntil(() => shownIds(list).length === 50, 'Try again loaded nothing');

    isOffline = true;
    buttonNamed(list.shadowRoot!, 'Show more').click();
    await waitUntil(() => alertText(element) !== '', 'nothing was said');
    expect(alertText(element)).to.equal('The server could not be reached. Please try again.');
    expect(shownIds(list)).to.have.length(50);
    isOffline = false;
    buttonNamed(list.shadowRoot!, 'Show more').click();
    await waitUntil(() => shownIds(list).length === 55, 'Show more loaded nothing');
    expect(new Set(shownIds(list)).size).to.equal(55);
  });

  it('says so when the server cannot be reached, and keeps the reference', async () => {
    const { held, api } = someReferences();
    const element = await mountAdmin(api, '#/references');
    const list = await referenceListOf(element);
    api.override = (request) =>
      request.method === 'PATCH' ? Promise.reject(new TypeError('offline')) : undefined;
    buttonNamed(cardOf(list, held[0]!.id), 'Delete').click();
    await waitUntil(() => alertText(element) !== '', 'nothing was said');
    expect(alertText(element)).to.equal('The server could not be reached. Please try again.');
    expect(shownIds(list)).to.include(held[0]!.id);
    expect(held[0]!.status).to.equal('pending');
  });
});

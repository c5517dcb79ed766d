import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  alertText,
  anAdminComment,
  announcement,
  buttonNamed,
  cardOf,
  deepActiveElement,
  FakeAdminApi,
  listOf,
  mountAdmin,
  resetPage,
  shownIds,
} from './helpers.js';

afterEach(resetPage);

/** A queue of three held comments (newest first: c3, c2, c1) and one reported published comment. */
function aQueue() {
  const held = [anAdminComment(), anAdminComment(), anAdminComment()];
  const reported = anAdminComment({ status: 'published', reason: null, reportCount: 2 });
  const published = anAdminComment({ status: 'published', reason: null });
  return {
    held,
    reported,
    published,
    api: new FakeAdminApi({ isSignedIn: true, comments: [...held, reported, published] }),
  };
}

const navLink = (element: HTMLElement, name: string) =>
  [...element.shadowRoot!.querySelectorAll('nav a')].find((link) =>
    link.textContent?.trim().startsWith(name),
  )!;

describe('admin queue', () => {
  it('shows reported comments first, then those awaiting approval, with badges counting them', async () => {
    const { held, reported, api } = aQueue();
    const element = await mountAdmin(api);
    const list = listOf(element);
    expect(shownIds(list)).to.deep.equal([reported.id, held[2]!.id, held[1]!.id, held[0]!.id]);
    const headings = [...list.shadowRoot!.querySelectorAll('h2')].map((heading) =>
      heading.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(headings).to.deep.equal(['Reported 1', 'Awaiting approval 3']);
    expect(navLink(element, 'Queue').textContent?.replace(/\s+/g, ' ').trim()).to.equal(
      'Queue 3, 3 comments',
    );
    expect(navLink(element, 'Queue').getAttribute('aria-current')).to.equal('page');
    expect(navLink(element, 'Reported').textContent).to.contain('1');
  });

  it('shows what a moderator weighs: thread link, reason, e-mail and IP address, reports', async () => {
    const { held, reported, api } = aQueue();
    const element = await mountAdmin(api);
    const card = cardOf(listOf(element), held[0]!.id);
    const link = card.querySelector<HTMLAnchorElement>('.thread a')!;
    expect(link.href).to.equal('https://blog.example.com/2026/11/a-post');
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.equal('noopener noreferrer');
    const facts = card.querySelector('.facts')!.textContent!.replace(/\s+/g, ' ');
    expect(facts).to.contain('held: first-time author');
    expect(facts).to.contain(held[0]!.author.email);
    expect(facts).to.contain('203.0.113.7');
    expect(cardOf(listOf(element), reported.id).textContent).to.contain('Reported 2 times');
  });

  it('approves from a card: the comment leaves the queue, it is announced, focus goes to the next one', async () => {
    const { held, api } = aQueue();
    const element = await mountAdmin(api);
    const list = listOf(element);
    buttonNamed(cardOf(list, held[2]!.id), 'Approve').click();
    await waitUntil(() => !shownIds(list).includes(held[2]!.id), 'the comment stayed');
    expect(announcement(element)).to.equal(`Approved the comment by ${held[2]!.author.name}.`);
    await waitUntil(() => deepActiveElement() === cardOf(list, held[1]!.id), 'focus did not move on');
    expect(navLink(element, 'Queue').textContent).to.contain('2');
  });

  it('keeps a reported comment: Keep clears its reports, it leaves the Reported section and its badge', async () => {
    const { reported, api } = aQueue();
    const element = await mountAdmin(api);
    const list = listOf(element);
    const card = cardOf(list, reported.id);
    expect(() => buttonNamed(card, 'Approve')).to.throw();
    buttonNamed(card, 'Keep').click();
    await waitUntil(() => !shownIds(list).includes(reported.id), 'the comment stayed');
    expect(api.changes.map((request) => request.path)).to.deep.equal([`comments/${reported.id}/approve`]);
    expect(announcement(element)).to.equal(
      `Kept the comment by ${reported.author.name}; its reports are cleared.`,
    );
    expect(navLink(element, 'Reported').textContent).not.to.contain('1');
    expect(api.comments.find((comment) => comment.id === reported.id)).to.include({
      status: 'published',
      reportCount: 0,
    });
  });

  it('moves with j and k and acts with a, s and d on the comment in focus, like a mail client', async () => {
    const { held, reported, api } = aQueue();
    const element = await mountAdmin(api);
    const list = listOf(element);
    await sendKeys({ press: 'j' });
    expect(deepActiveElement()).to.equal(cardOf(list, reported.id));
    await sendKeys({ press: 'j' });
    await sendKeys({ press: 'j' });
    expect(deepActiveElement()).to.equal(cardOf(list, held[1]!.id));
    await sendKeys({ press: 'k' });
    expect(deepActiveElement()).to.equal(cardOf(list, held[2]!.id));

    await sendKeys({ press: 'a' });
    await waitUntil(() => !shownIds(list).includes(held[2]!.id));
    expect(api.changes.map((request) => request.path)).to.deep.equal([`comments/${held[2]!.id}/approve`]);
    await waitUntil(() => deepActiveElement() === cardOf(list, held[1]!.id));
    await sendKeys({ press: 's' });
    await waitUntil(() => !shownIds(list).includes(held[1]!.id));
    await waitUntil(() => deepActiveElement() === cardOf(list, held[0]!.id));
    await sendKeys({ press: 'd' });
    await waitUntil(() => !shownIds(list).includes(held[0]!.id));
    expect(api.comments.map((comment) => comment.status)).to.deep.equal([
      'deleted',
      'spam',
      'published',
      'published',
      'published',
    ]);
    // The last one gone, focus comes back up to the one above.
    await waitUntil(() => deepActiveElement() === cardOf(list, reported.id));
  });

  it('selects with x and acts on every selected comment at once', async () => {
    const { held, api } = aQueue();
    const element = await mountAdmin(api);
    const list = listOf(element);
    cardOf(list, held[2]!.id).focus();
    await sendKeys({ press: 'x' });
    await sendKeys({ press: 'j' });
    await sendKeys({ press: 'j' });
    await sendKeys({ press: 'x' });
    await list.updateComplete;
    const bar = list.shadowRoot!.querySelector('.bulk')!;
    expect(bar.getAttribute('role')).to.equal('region');
    expect(bar.querySelector('.count')?.textContent).to.equal('2 selected');
    await sendKeys({ press: 'a' });
    await waitUntil(() => api.changes.length === 1);
    expect(api.changes[0]?.path).to.equal('comments/bulk');
    expect(api.changes[0]?.body).to.deep.equal({ action: 'approve', ids: [held[2]!.id, held[0]!.id] });
    await waitUntil(() => shownIds(list).length === 2);
    expect(announcement(element)).to.equal('Approved 2 comments.');
    expect(list.shadowRoot!.querySelector('.bulk')).to.equal(null);
  });

  it('selects all shown with one checkbox and acts on them with the bulk bar', async () => {
    const { api } = aQueue();
    const spam = [anAdminComment({ status: 'spam' }), anAdminComment({ status: 'spam' })];
    api.comments.push(...spam);
    const element = await mountAdmin(api, '#/spam');
    const list = listOf(element);
    expect(shownIds(list)).to.have.length(2);
    const all = list.shadowRoot!.querySelector<HTMLInputElement>('.select-all input')!;
    all.click();
    await list.updateComplete;
    buttonNamed(list.shadowRoot!.querySelector('.bulk')!, 'Restore').click();
    await waitUntil(() => shownIds(list).length === 0, 'restored comments stayed in spam');
    expect(api.changes[0]?.body).to.deep.equal({
      action: 'restore',
      ids: spam.map((comment) => comment.id).reverse(),
    });
    expect(list.shadowRoot!.querySelector('.empty')?.textContent).to.equal('No comments here.');
  });

  it('leaves keys alone while the moderator types, and with Ctrl, Alt or Meta', async () => {
    const { held, api } = aQueue();
    const element = await mountAdmin(api);
    const list = listOf(element);
    buttonNamed(cardOf(list, held[1]!.id), 'Edit').click();
    await waitUntil(() => deepActiveElement()?.tagName === 'TEXTAREA');
    await sendKeys({ type: 'jkasdx?' });
    const textarea = deepActiveElement() as HTMLTextAreaElement;
    expect(textarea.value).to.equal(`${held[1]!.text}jkasdx?`);
    expect(api.changes).to.have.length(0);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => deepActiveElement() === cardOf(list, held[1]!.id));
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'a' });
    await sendKeys({ up: 'Control' });
    expect(api.changes).to.have.length(0);
  });

  it('opens the shortcuts with ?, traps nothing behind it, and gives focus back on Escape', async () => {
    const { held, api } = aQueue();
    const element = await mountAdmin(api);
    const list = listOf(element);
    cardOf(list, held[0]!.id).focus();
    await sendKeys({ type: '?' });
    const dialog = element.shadowRoot!.querySelector('admin-shortcuts')!.shadowRoot!.querySelector('dialog')!;
    await waitUntil(() => dialog.open, 'the dialog did not open');
    expect(dialog.textContent).to.contain('approve');
    await sendKeys({ press: 'a' });
    expect(api.changes).to.have.length(0);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog.open);
    expect(deepActiveElement()).to.equal(cardOf(list, held[0]!.id));
  });

  it('edits a comment’s text in place and announces it', async () => {
    const { held, api } = aQueue();
    const element = await mountAdmin(api);
    const list = listOf(element);
    buttonNamed(cardOf(list, held[0]!.id), 'Edit').click();
    await waitUntil(() => deepActiveElement()?.tagName === 'TEXTAREA');
    const textarea = deepActiveElement() as HTMLTextAreaElement;
    textarea.select();
    await sendKeys({ type: 'Kinder words.' });
    buttonNamed(cardOf(list, held[0]!.id), 'Save').click();
    await waitUntil(() => cardOf(list, held[0]!.id).querySelector('.text')?.textContent === 'Kinder words.');
    expect(api.changes[0]?.body).to.deep.equal({ text: 'Kinder words.' });
    expect(announcement(element)).to.equal(`Saved the comment by ${held[0]!.author.name}.`);
  });

  it('shows details with o: the thread, the author’s earlier comments and the reports', async () => {
    const first = anAdminComment({
      author: { name: 'Ada', url: null, email: 'ada@example.com', ip: null },
      status: 'published',
    });
    const second = anAdminComment({
      author: { name: 'Ada', url: null, email: 'ada@example.com', ip: null },
      reportCount: 1,
    });
    const api = new FakeAdminApi({ isSignedIn: true, comments: [first, second] });
    api.reports.set(second.id, [{ id: 'r1', reason: 'abuse', createdAt: '2026-11-01T11:00:00.000Z' }]);
    const element = await mountAdmin(api);
    const list = listOf(element);
    cardOf(list, second.id).focus();
    await sendKeys({ press: 'o' });
    await waitUntil(() => cardOf(list, second.id).querySelector('.details .details-heading'), 'no details');
    const details = cardOf(list, second.id).querySelector('.details')!;
    expect(details.textContent).to.contain(first.text);
    expect(details.textContent).to.contain('abusive');
    const toggle = buttonNamed(cardOf(list, second.id), 'Hide details');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(toggle.getAttribute('aria-controls')).to.equal(details.id);
  });

  it('says so when the server cannot be reached, and keeps the comment', async () => {
    const { held, api } = aQueue();
    const element = await mountAdmin(api);
    const list = listOf(element);
    api.override = (request) =>
      request.method === 'POST' ? Promise.reject(new TypeError('offline')) : undefined;
    buttonNamed(cardOf(list, held[0]!.id), 'Spam').click();
    await waitUntil(() => alertText(element), 'nothing said');
    expect(alertText(element)).to.equal('The server could not be reached. Please try again.');
    expect(shownIds(list)).to.include(held[0]!.id);
  });

  it('says so when the queue is empty', async () => {
    const element = await mountAdmin(new FakeAdminApi({ isSignedIn: true }));
    expect(listOf(element).shadowRoot!.querySelector('.empty')?.textContent).to.equal(
      'Nothing awaits you. Well done.',
    );
  });

  it('pages a long list with Show more', async () => {
    const many = Array.from({ length: 60 }, () => anAdminComment({ status: 'published', reason: null }));
    const element = await mountAdmin(new FakeAdminApi({ isSignedIn: true, comments: many }), '#/recent');
    const list = listOf(element);
    expect(shownIds(list)).to.have.length(50);
    buttonNamed(list.shadowRoot!, 'Show more').click();
    await waitUntil(() => shownIds(list).length === 60);
    expect(new Set(shownIds(list)).size).to.equal(60);
  });

  it('moves focus to each screen’s heading and names it in the title', async () => {
    const { api } = aQueue();
    const element = await mountAdmin(api);
    (navLink(element, 'Rules') as HTMLAnchorElement).click();
    await waitUntil(() => deepActiveElement()?.textContent === 'Block- and allow-list', 'focus stayed');
    expect(document.title).to.equal('Rules · natter moderation');
    expect(navLink(element, 'Rules').getAttribute('aria-current')).to.equal('page');
  });
});

describe('admin comment link', () => {
  afterEach(resetPage);

  it('opens the one comment a notification links to (#/comment/<id>), with its actions', async () => {
    const comment = anAdminComment();
    const api = new FakeAdminApi({ isSignedIn: true, comments: [anAdminComment(), comment] });
    const element = await mountAdmin(api, `#/comment/${comment.id}`);
    const list = listOf(element);
    expect(shownIds(list)).to.deep.equal([comment.id]);
    expect(list.shadowRoot!.querySelector('h1')?.textContent).to.equal('A comment');
    buttonNamed(cardOf(list, comment.id), 'Approve').click();
    await waitUntil(() => api.comments[1]?.status === 'published');
    expect(shownIds(list)).to.deep.equal([comment.id], 'it stays, now published');
  });

  it('says so when the comment no longer exists', async () => {
    const element = await mountAdmin(new FakeAdminApi({ isSignedIn: true }), '#/comment/c_gone');
    expect(listOf(element).shadowRoot!.querySelector('.empty')?.textContent).to.equal(
      'That comment no longer exists.',
    );
  });
});

import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import {
  $,
  $$,
  aComment,
  aPage,
  errorResponse,
  fillAndSubmit,
  has,
  mount,
  postedAnswer,
  postingDone,
  resetPage,
  serve,
  settled,
  someComments,
  textOf,
} from './helpers.js';
import { announced, collectErrors, endpoint, focusMoves, storeSecret } from './own-helpers.js';

// Report: any reader can ask a moderator to look at someone else's comment, for a reason, after confirming; the
// comment then says "Reported", on later visits too.

afterEach(resetPage);

const reportedKey = `natter:reported:${endpoint}`;
const thanks = 'Thanks, a moderator will look at it.';

/** The ids of the comments that offer Report. */
function reportable(element: NatterComments): string[] {
  return $$(element, '.comment')
    .filter((item) => item.querySelector('.report-open'))
    .map((item) => item.id.replace('comment-', ''));
}

async function mountThread(attributes: Record<string, string> = {}): Promise<NatterComments> {
  const element = await mount({ endpoint, ...attributes });
  await waitUntil(() => reportable(element).length > 0, 'Report never appeared');
  return element;
}

/** Clicks `selector` inside comment `id`, and waits for the element to show what follows. */
async function clickIn(element: NatterComments, id: string, selector: string): Promise<void> {
  const target = $<HTMLElement>(element, `#comment-${id} ${selector}`);
  if (!target) throw new Error(`Nothing to click at #comment-${id} ${selector}`);
  target.click();
  await element.updateComplete;
}

/** Opens the choice under comment `id`, picks `reason` and sends the report. */
async function report(element: NatterComments, id: string, reason: string): Promise<void> {
  await clickIn(element, id, '.report-open');
  await clickIn(element, id, `input[value="${reason}"]`);
  await clickIn(element, id, '.report-send');
}

describe('natter-comments Report', () => {
  it('offers Report under every published comment but the reader’s own and those awaiting moderation', async () => {
    serve({
      list: aPage({
        comments: [...someComments(3), aComment({ id: 'held', status: 'pending' })],
      }),
    });
    storeSecret('c2');
    localStorage.setItem(`natter:authored:${endpoint}`, JSON.stringify(['c3']));
    const element = await mountThread();
    expect(reportable(element)).to.deep.equal(['c1']);
    expect(textOf(element, '#comment-c1 .report-open')).to.equal('Report');
    // Named with the author, as Edit and Delete are: "Report, Reader 1".
    expect($(element, '#comment-c1 .report-open')!.getAttribute('aria-describedby')).to.equal('author-c1');
  });

  it('never offers Report on a comment the reader posted, after its edit window too', async () => {
    const comments = someComments(1);
    const server = serve({
      list: () => Response.json(aPage({ comments })),
      post: (request) => postedAnswer(request),
    });
    const element = await mountThread();
    await fillAndSubmit(element, { name: 'Grace', text: 'Mine' });
    await postingDone(element);
    expect(reportable(element)).to.deep.equal(['c1']);

    // Later: the thread lists it, and its edit window has closed.
    comments.push(aComment({ id: 'new1', author: { name: 'Grace', url: null }, text: 'Mine' }));
    localStorage.removeItem(`natter:secrets:${endpoint}`);
    element.reload();
    await settled(element);
    expect(server.lists).to.have.length(2);
    expect($$(element, '.comment').map((item) => item.id)).to.deep.equal(['comment-c1', 'comment-new1']);
    expect(reportable(element)).to.deep.equal(['c1']);
  });

  it('asks for a reason and a confirmation, sends the report, thanks the reader and says Reported', async () => {
    const server = serve({ list: aPage({ comments: someComments(2) }) });
    const element = await mountThread();
    await clickIn(element, 'c2', '.report-open');
    expect(textOf(element, '#comment-c2 legend')).to.equal('Why should a moderator look at this comment?');
    const choices = $$(element, '#comment-c2 .report-form label').map((label) => label.textContent!.trim());
    expect(choices).to.deep.equal(['Spam', 'Abuse or harassment', 'Off-topic']);
    expect(server.reports, 'nothing before the confirmation').to.deep.equal([]);

    await clickIn(element, 'c2', 'input[value="off_topic"]');
    await clickIn(element, 'c2', '.report-send');
    await announced(element, thanks);
    expect(server.reports).to.deep.equal(['c2: off_topic']);
    expect(textOf(element, '#comment-c2 [part="report"]')).to.equal(`Reported ${thanks}`);
    expect(has(element, '#comment-c2 .report-form')).to.equal(false);
    expect(reportable(element)).to.deep.equal(['c1']);
    expect(JSON.parse(localStorage.getItem(reportedKey)!)).to.deep.equal(['c2']);
  });

  it('says Reported after a reload, and offers nothing more to report there', async () => {
    serve({ list: aPage({ comments: someComments(2) }) });
    localStorage.setItem(reportedKey, JSON.stringify(['c1']));
    const element = await mountThread();
    expect(textOf(element, '#comment-c1 [part="report"]')).to.equal('Reported');
    expect(has(element, '#comment-c1 [part="report"] button')).to.equal(false);
    expect(reportable(element)).to.deep.equal(['c2']);
  });

  it('asks for a reason when none was chosen, and sends nothing', async () => {
    const server = serve({ list: aPage({ comments: someComments(1) }) });
    const element = await mountThread();
    await clickIn(element, 'c1', '.report-open');
    await clickIn(element, 'c1', '.report-send');
    expect(textOf(element, '#comment-c1 .report-form [role="alert"]')).to.equal('Please choose a reason.');
    await focusMoves(element, '#comment-c1 input[value="spam"]');
    expect(server.reports).to.deep.equal([]);
  });

  it('is operated from the keyboard: focus goes to the choice, Escape goes back to Report', async () => {
    const server = serve({ list: aPage({ comments: someComments(1) }) });
    const element = await mountThread();
    $<HTMLButtonElement>(element, '#comment-c1 .report-open')!.focus();
    await sendKeys({ press: 'Enter' });
    await focusMoves(element, '#comment-c1 input[value="spam"]');
    await sendKeys({ press: 'Escape' });
    await focusMoves(element, '#comment-c1 .report-open');
    expect(has(element, '#comment-c1 .report-form')).to.equal(false);

    await sendKeys({ press: 'Enter' });
    await focusMoves(element, '#comment-c1 input[value="spam"]');
    // Arrow keys move between the reasons; Tab leaves the group for Send report; Enter sends.
    await sendKeys({ press: 'ArrowDown' });
    await focusMoves(element, '#comment-c1 input[value="abuse"]');
    await sendKeys({ press: 'Tab' });
    await focusMoves(element, '#comment-c1 .report-send');
    await sendKeys({ press: 'Enter' });
    await announced(element, thanks);
    expect(server.reports).to.deep.equal(['c1: abuse']);
    // Send report went with the choice: the reader's place stays on the comment.
    await focusMoves(element, '#comment-c1 > article');
  });

  it('explains a refusal for reporting too often, and keeps the choice to try again', async () => {
    let isLimited = true;
    const server = serve({
      list: aPage({ comments: someComments(1) }),
      report: () =>
        isLimited
          ? errorResponse(429, 'rate_limited', undefined, { 'Retry-After': '30' })
          : new Response('{}', { status: 202, headers: { 'Content-Type': 'application/json' } }),
    });
    const element = await mountThread();
    const errors = collectErrors(element);
    await report(element, 'c1', 'spam');
    await waitUntil(() => has(element, '#comment-c1 .report-form [role="alert"]'), 'no explanation');
    expect(textOf(element, '#comment-c1 .report-form [role="alert"]')).to.equal(
      'You are sending reports too quickly. Please try again in 30 seconds.',
    );
    expect(errors).to.deep.equal(['report: rate_limited']);
    expect($<HTMLInputElement>(element, '#comment-c1 input[value="spam"]')!.checked).to.equal(true);
    expect(localStorage.getItem(reportedKey)).to.equal(null);

    isLimited = false;
    await clickIn(element, 'c1', '.report-send');
    await announced(element, thanks);
    expect(server.reports).to.deep.equal(['c1: spam', 'c1: spam']);
  });

  it('says so when the comment is no longer there (404)', async () => {
    serve({ list: aPage({ comments: someComments(1) }), report: () => errorResponse(404, 'not_found') });
    const element = await mountThread();
    const errors = collectErrors(element);
    await report(element, 'c1', 'abuse');
    const gone = 'This comment is no longer shown, so there is nothing to report.';
    await announced(element, gone);
    expect(textOf(element, '#comment-c1 [part="report"]')).to.equal(gone);
    expect(has(element, '#comment-c1 [part="report"] button')).to.equal(false);
    expect(errors).to.deep.equal(['report: not_found']);
    await focusMoves(element, '#comment-c1 > article');
  });

  it('keeps the choice open when the server cannot be reached', async () => {
    serve({
      list: aPage({ comments: someComments(1) }),
      report: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    const element = await mountThread();
    await report(element, 'c1', 'spam');
    await waitUntil(() => has(element, '#comment-c1 .report-form [role="alert"]'), 'no explanation');
    expect(textOf(element, '#comment-c1 .report-form [role="alert"]')).to.equal(
      'The report could not be sent because the server could not be reached. Please try again.',
    );
    await focusMoves(element, '#comment-c1 .report-send');
  });

  it('speaks the reader’s language', async () => {
    serve({ list: aPage({ comments: someComments(1) }) });
    const element = await mountThread({ locale: 'de' });
    expect(textOf(element, '#comment-c1 .report-open')).to.equal('Melden');
    await report(element, 'c1', 'spam');
    await announced(element, 'Danke, die Moderation sieht sich das an.');
    expect(textOf(element, '#comment-c1 .report-note')).to.equal('Gemeldet');
  });

  it('reports without storage, and posts too', async () => {
    const original = Object.getOwnPropertyDescriptor(window, 'localStorage')!;
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('Storage is disabled', 'SecurityError');
      },
    });
    try {
      const server = serve({ list: aPage({ comments: someComments(1) }) });
      const element = await mountThread();
      await report(element, 'c1', 'spam');
      await announced(element, thanks);
      expect(textOf(element, '#comment-c1 .report-note')).to.equal('Reported');
      await fillAndSubmit(element, { name: 'Grace', email: 'grace@example.com', text: 'No storage here' });
      await postingDone(element);
      expect(server.posts).to.have.length(1);
    } finally {
      Object.defineProperty(window, 'localStorage', original);
    }
  });
});

import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import {
  $,
  $$,
  aComment,
  errorResponse,
  fillAndSubmit,
  has,
  mount,
  postingDone,
  resetPage,
  settled,
  textOf,
} from './helpers.js';
import {
  announced,
  click,
  closedWindow,
  collectErrors,
  editDraftKey,
  editor,
  endpoint,
  focusMoves,
  fromNow,
  mountOwning,
  ownIds,
  secret,
  secretsKey,
  serveOwn,
  storeSecret,
  storedSecretIds,
  typeEdit,
} from './own-helpers.js';

afterEach(resetPage);

describe('natter-comments own comments: the secret', () => {
  it('shows Edit and Delete on the comment just posted, and on no other', async () => {
    serveOwn();
    const element = await mount({ endpoint });
    expect(ownIds(element)).to.deep.equal([]);
    await fillAndSubmit(element, { name: 'Grace', text: 'Mine' });
    await postingDone(element);
    expect(ownIds(element)).to.deep.equal(['new1']);
    expect(storedSecretIds()).to.deep.equal(['new1']);
  });

  it('offers Like and Report on the others’ comments, never on the reader’s own', async () => {
    serveOwn();
    const element = await mountOwning('c2');
    await waitUntil(() => $(element, '#comment-c1 .like-button'), 'no Like on another reader’s comment');
    expect($(element, '#comment-c2 .like-button')).to.equal(null);
    expect($(element, '#comment-c2 [part~="report"]')).to.equal(null);
    expect($(element, '#comment-c1 [part~="report"]')).not.to.equal(null);
  });

  it('keeps the secret in localStorage under its endpoint and nowhere else', async () => {
    const server = serveOwn();
    const element = await mount({ endpoint });
    const posted: unknown[] = [];
    element.addEventListener('natter-posted', ({ detail }) => posted.push(detail));
    await fillAndSubmit(element, { name: 'Grace', text: 'Mine' });
    await postingDone(element);
    element.reload();
    await settled(element);

    expect(JSON.parse(localStorage.getItem(secretsKey)!)).to.have.nested.property('new1.secret', secret);
    const elsewhere = Object.keys(localStorage)
      .filter((key) => key !== secretsKey && localStorage.getItem(key)!.includes(secret))
      .concat(Object.keys(sessionStorage).filter((key) => sessionStorage.getItem(key)!.includes(secret)));
    expect(elsewhere).to.deep.equal([]);
    expect(document.cookie).not.to.include(secret);
    expect(JSON.stringify(posted)).not.to.include(secret);
    expect(element.shadowRoot!.innerHTML).not.to.include(secret);
    const gets = server.requests.filter((request) => request.method === 'GET');
    expect(gets.filter((get) => get.url.pathname.endsWith('/comments'))).to.have.length(2);
    const leaks = gets.filter((get) => get.url.href.includes(secret) || get.headers.has('Authorization'));
    expect(leaks).to.have.length(0);
  });

  it('shows the buttons on a later visit where a live secret is kept, and drops expired ones', async () => {
    serveOwn();
    storeSecret('c1', fromNow(-1000));
    const element = await mountOwning('c3');
    expect(ownIds(element)).to.deep.equal(['c3']);
    expect(storedSecretIds()).to.deep.equal(['c3']);
  });

  it('takes the buttons away, and forgets the secret, when the edit window closes', async () => {
    serveOwn({ editableUntil: () => fromNow(400) });
    const element = await mount({ endpoint });
    await fillAndSubmit(element, { name: 'Grace', text: 'Mine for a moment' });
    await postingDone(element);
    expect(ownIds(element)).to.deep.equal(['new1']);
    await waitUntil(() => ownIds(element).length === 0, 'the buttons outlived the window', { timeout: 3000 });
    expect(localStorage.getItem(secretsKey)).to.equal(null);
  });

  for (const [change, open] of [
    ['editing', '.own-edit'],
    ['confirming a deletion', '.own-delete'],
  ] as const) {
    it(`explains a window that closes while the reader is ${change}`, async () => {
      serveOwn({ editableUntil: () => fromNow(400) });
      const element = await mount({ endpoint });
      await fillAndSubmit(element, { name: 'Grace', text: 'Mine for a moment' });
      await postingDone(element);
      await click(element, `#comment-new1 ${open}`);
      await waitUntil(() => has(element, '#own-error-new1'), 'the window closed without a word', {
        timeout: 3000,
      });
      expect(textOf(element, '#own-error-new1')).to.equal(closedWindow);
      expect($$(element, '#comment-new1 button').map((button) => button.textContent!.trim())).to.deep.equal([
        'Close',
      ]);
      await click(element, '#comment-new1 button');
      await focusMoves(element, '#comment-new1 > article');
      expect(textOf(element, '#comment-new1 .body')).to.equal('Mine for a moment');
    });
  }
});

describe('natter-comments own comments: editing', () => {
  it('opens a labelled, focused editor holding the comment text, and keeps what is typed', async () => {
    serveOwn();
    const element = await mountOwning('c2');
    await click(element, '#comment-c2 .own-edit');
    await focusMoves(element, '#edit-c2');
    expect(editor(element, 'c2').value).to.equal('Comment number 2');
    expect(editor(element, 'c2').labels![0].textContent!.trim()).to.equal('Edit your comment');
    await typeEdit(element, 'c2', 'Comment number 2, better');
    expect(JSON.parse(localStorage.getItem(editDraftKey('c2'))!)).to.deep.equal({
      text: 'Comment number 2, better',
    });
  });

  it('saves with the secret, shows the comment edited in place, announces it and returns focus', async () => {
    const server = serveOwn();
    const element = await mountOwning('c2');
    await click(element, '#comment-c2 .own-edit');
    await typeEdit(element, 'c2', 'Comment number 2, better');
    await click(element, '#comment-c2 button[type="submit"]');
    await announced(element, 'Your comment was updated.');
    expect(server.patches).to.deep.equal([
      { id: 'c2', authorization: `Bearer ${secret}`, body: { text: 'Comment number 2, better' } },
    ]);
    expect(textOf(element, '#comment-c2 .body')).to.equal('Comment number 2, better');
    expect(textOf(element, '#comment-c2 .edited')).to.equal('edited');
    expect(has(element, '#edit-c2')).to.equal(false);
    expect(localStorage.getItem(editDraftKey('c2'))).to.equal(null);
    await focusMoves(element, '#comment-c2 .own-edit');
  });

  for (const how of ['Escape', 'Cancel'] as const) {
    it(`closes without saving on ${how}`, async () => {
      const server = serveOwn();
      const element = await mountOwning('c2');
      await click(element, '#comment-c2 .own-edit');
      await focusMoves(element, '#edit-c2');
      await typeEdit(element, 'c2', 'Second thoughts');
      if (how === 'Escape') await sendKeys({ press: 'Escape' });
      else await click(element, '#comment-c2 .own-editor button.secondary');
      await focusMoves(element, '#comment-c2 .own-edit');
      expect(textOf(element, '#comment-c2 .body')).to.equal('Comment number 2');
      expect(server.patches).to.deep.equal([]);
      expect(localStorage.getItem(editDraftKey('c2'))).to.equal(null);
    });
  }

  it('keeps the text in the editor and in storage when saving fails, and restores it on a later visit', async () => {
    serveOwn({ patch: () => Promise.reject(new TypeError('Failed to fetch')) });
    const element = await mountOwning('c2');
    const errors = collectErrors(element);
    await click(element, '#comment-c2 .own-edit');
    await typeEdit(element, 'c2', 'Not to be lost');
    await click(element, '#comment-c2 button[type="submit"]');
    await waitUntil(() => has(element, '#own-error-c2'), 'no error shown');
    expect(textOf(element, '#own-error-c2')).to.equal(
      'The server could not be reached. Your text is kept here; please try again.',
    );
    expect(editor(element, 'c2').value).to.equal('Not to be lost');
    expect(editor(element, 'c2').getAttribute('aria-invalid')).to.equal('true');
    expect(localStorage.getItem(editDraftKey('c2'))).to.include('Not to be lost');
    expect(errors).to.deep.equal(['edit: network']);
    element.parentElement!.remove();

    const again = await mount({ endpoint });
    await waitUntil(() => ownIds(again).includes('c2'), 'no Edit on the later visit');
    await click(again, '#comment-c2 .own-edit');
    await focusMoves(again, '#edit-c2');
    expect(editor(again, 'c2').value).to.equal('Not to be lost');
  });

  for (const [code, explanation] of [
    ['edit_window_closed', closedWindow],
    ['forbidden', 'This browser can no longer change this comment.'],
  ] as const) {
    it(`explains a save refused as ${code}, forgets the secret and keeps the text with Close`, async () => {
      serveOwn({ patch: () => errorResponse(403, code) });
      const element = await mountOwning('c2');
      const errors = collectErrors(element);
      await click(element, '#comment-c2 .own-edit');
      await typeEdit(element, 'c2', 'Too late');
      // As a keyboard reader would, from the Save button, which the refusal takes away.
      $<HTMLButtonElement>(element, '#comment-c2 button[type="submit"]')!.focus();
      await click(element, '#comment-c2 button[type="submit"]');
      await waitUntil(() => has(element, '#own-error-c2'), 'no explanation shown');
      await focusMoves(element, '#comment-c2 > article');
      expect(textOf(element, '#own-error-c2')).to.equal(explanation);
      expect(errors).to.deep.equal([`edit: ${code}`]);
      expect(localStorage.getItem(secretsKey)).to.equal(null);
      expect(localStorage.getItem(editDraftKey('c2')), 'the edit that cannot be saved').to.equal(null);
      expect(editor(element, 'c2').value).to.equal('Too late');
      expect(textOf(element, '#comment-c2 .own-editor .actions')).to.equal('Close');
      await click(element, '#comment-c2 .own-editor button');
      await focusMoves(element, '#comment-c2 > article');
      expect(textOf(element, '#comment-c2 .body')).to.equal('Comment number 2');
      expect(ownIds(element)).to.deep.equal([]);
    });
  }
});

describe('natter-comments own comments: deleting', () => {
  it('asks first, with focus on the confirmation, and "Keep it" changes nothing', async () => {
    const server = serveOwn();
    const element = await mountOwning('c2');
    await click(element, '#comment-c2 .own-delete');
    await focusMoves(element, '#comment-c2 .own-confirm-delete');
    expect(textOf(element, '#comment-c2 .own-confirm p')).to.equal(
      'Delete this comment? This cannot be undone.',
    );
    await click(element, '#comment-c2 .own-confirm button.secondary');
    await focusMoves(element, '#comment-c2 .own-delete');
    expect(server.deletes).to.deep.equal([]);
    expect(ownIds(element)).to.deep.equal(['c2']);
  });

  it('deletes with the secret, updates the count, announces it and keeps focus at the heading', async () => {
    const server = serveOwn();
    const element = await mountOwning('c2');
    expect(textOf(element, '#heading')).to.equal('3 comments');
    await click(element, '#comment-c2 .own-delete');
    await click(element, '#comment-c2 .own-confirm-delete');
    await announced(element, 'Your comment was deleted.');
    expect(server.deletes).to.deep.equal([{ id: 'c2', authorization: `Bearer ${secret}`, body: undefined }]);
    expect($$(element, '.comment').map((item) => item.id)).to.deep.equal(['comment-c1', 'comment-c3']);
    expect(textOf(element, '#heading')).to.equal('2 comments');
    await focusMoves(element, '#heading');
    expect(localStorage.getItem(secretsKey)).to.equal(null);
  });

  it('explains that a comment with replies stays, and keeps it', async () => {
    serveOwn({ remove: () => errorResponse(409, 'conflict') });
    const element = await mountOwning('c2');
    const errors = collectErrors(element);
    await click(element, '#comment-c2 .own-delete');
    await click(element, '#comment-c2 .own-confirm-delete');
    await waitUntil(() => has(element, '#own-error-c2'), 'no explanation shown');
    expect(textOf(element, '#own-error-c2')).to.equal(
      'This comment has replies now, so it can no longer be deleted. You can still edit it.',
    );
    expect(errors).to.deep.equal(['delete: conflict']);
    expect(textOf(element, '#comment-c2 .body')).to.equal('Comment number 2');
    expect(textOf(element, '#heading')).to.equal('3 comments');
    expect(storedSecretIds()).to.deep.equal(['c2']);
  });
});

describe('natter-comments own comments: keyboard and accessibility', () => {
  it('edits and deletes with the keyboard alone', async () => {
    const server = serveOwn({ comments: [aComment({ id: 'c1', text: 'Typed' })] });
    const element = await mountOwning('c1');
    const before = Object.assign(document.createElement('button'), { textContent: 'Before' });
    element.before(before);
    before.focus();

    // The thread's order, then the date (a link to the comment itself), Reply and the reader's own Edit: no Like
    // on one's own comment.
    await sendKeys({ press: 'Tab' });
    await focusMoves(element, '[part~="sort"] select');
    await sendKeys({ press: 'Tab' });
    await focusMoves(element, '#comment-c1 .permalink');
    await sendKeys({ press: 'Tab' });
    await focusMoves(element, '#comment-c1 .reply-open');
    await sendKeys({ press: 'Tab' });
    await focusMoves(element, '#comment-c1 .own-edit');
    await sendKeys({ press: 'Enter' });
    await focusMoves(element, '#edit-c1');
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' on a keyboard' });
    await sendKeys({ press: 'Tab' });
    await focusMoves(element, '#comment-c1 button[type="submit"]');
    await sendKeys({ press: 'Enter' });
    await announced(element, 'Your comment was updated.');
    expect(server.patches.map((patch) => patch.body)).to.deep.equal([{ text: 'Typed on a keyboard' }]);
    await focusMoves(element, '#comment-c1 .own-edit');

    await sendKeys({ press: 'Tab' });
    await focusMoves(element, '#comment-c1 .own-delete');
    await sendKeys({ press: 'Enter' });
    await focusMoves(element, '#comment-c1 .own-confirm-delete');
    await sendKeys({ press: 'Enter' });
    await announced(element, 'Your comment was deleted.');
    await focusMoves(element, '#heading');
    expect(server.deletes.map((request) => request.id)).to.deep.equal(['c1']);
  });

  /** Puts the widget, holding the secrets of c1 and c2, in one of the states a reader's change goes through. */
  const states = {
    editing: (element: NatterComments) => click(element, '#comment-c1 .own-edit'),
    'editing near the length limit, with the counter': async (element: NatterComments) => {
      await click(element, '#comment-c1 .own-edit');
      await typeEdit(element, 'c1', 'x'.repeat(7900));
    },
    'confirming a deletion': (element: NatterComments) => click(element, '#comment-c2 .own-delete'),
    'explaining a closed window': async (element: NatterComments) => {
      await click(element, '#comment-c1 .own-edit');
      await click(element, '#comment-c1 button[type="submit"]');
      await waitUntil(() => has(element, '#own-error-c1'), 'no explanation shown');
    },
  };

  for (const theme of ['light', 'dark'] as const) {
    for (const [state, arrange] of Object.entries(states)) {
      it(`has no axe violations ${state}, ${theme} theme`, async () => {
        serveOwn({ patch: () => errorResponse(403, 'edit_window_closed') });
        storeSecret('c1');
        const element = await mountOwning('c2', { theme });
        // A dark theme is for a dark page: the page's own text colour and background stand behind the widget.
        element.parentElement!.style.cssText =
          theme === 'dark' ? 'background: #121212; color: #e8e8e8' : 'background: #ffffff; color: #1a1a1a';
        await arrange(element);
        await expect(element).to.be.accessible();
      });
    }
  }
});

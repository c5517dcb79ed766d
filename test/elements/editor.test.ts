import { expect, waitUntil } from '@open-wc/testing';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import { limits } from '../../src/protocol/limits.js';
import {
  $,
  aComment,
  errorResponse,
  fillAndSubmit,
  has,
  mount,
  postingDone,
  resetPage,
  textOf,
} from './helpers.js';
import {
  announced,
  click,
  closedWindow,
  collectErrors,
  editor,
  endpoint,
  focusMoves,
  fromNow,
  mountOwning,
  ownIds,
  serveOwn,
  storedSecretIds,
  typeEdit,
} from './own-helpers.js';

afterEach(resetPage);

/** Opens the editor of comment `id`, types `text` into it and presses Save. */
async function editAndSave(element: NatterComments, id: string, text: string): Promise<void> {
  await click(element, `#comment-${id} .own-edit`);
  await typeEdit(element, id, text);
  await click(element, `#comment-${id} button[type="submit"]`);
}

/** Waits for the editor's message about comment `id` and returns it. */
async function editorMessage(element: NatterComments, id: string): Promise<string> {
  await waitUntil(() => has(element, `#own-error-${id}`), 'the editor said nothing');
  const field = editor(element, id);
  expect(field.getAttribute('aria-invalid'), 'the field is marked').to.equal('true');
  expect(field.getAttribute('aria-describedby')!.split(' ')).to.include(`own-error-${id}`);
  return textOf(element, `#own-error-${id}`);
}

describe('natter-comments editor: what it says when an edit cannot be saved', () => {
  const checkedHere = [
    ['an empty text', '  \n ', 'Please fill in this field.'],
    ['a text that is too long', 'x'.repeat(limits.textLength + 1), `Use at most 8,000 characters.`],
    ['a control character', 'Bell \u0007 rings', 'Please remove control or direction-override characters.'],
  ] as const;
  for (const [what, text, message] of checkedHere) {
    it(`refuses ${what} before sending it`, async () => {
      const server = serveOwn();
      const element = await mountOwning('c2');
      await editAndSave(element, 'c2', text);
      expect(await editorMessage(element, 'c2')).to.equal(message);
      expect(server.patches).to.deep.equal([]);
      expect(editor(element, 'c2').value).to.equal(text);
    });
  }

  const refusedByServer = [
    [
      'the network fails',
      () => Promise.reject(new TypeError('Failed to fetch')),
      'The server could not be reached. Your text is kept here; please try again.',
      'edit: network',
    ],
    [
      'the server refuses the text (422)',
      () => errorResponse(422, 'validation_failed', 'text'),
      'The server did not accept this. Please change it.',
      'edit: validation_failed',
    ],
    [
      'the server asks to slow down (429)',
      () => errorResponse(429, 'rate_limited', undefined, { 'Retry-After': '20' }),
      'You are changing comments too quickly. Please try again in 20 seconds.',
      'edit: rate_limited',
    ],
    [
      'the server is down for a while (503)',
      () => errorResponse(503, 'unavailable', undefined, { 'Retry-After': '1' }),
      'The comment server is unavailable for a moment. Please try again in 1 second.',
      'edit: unavailable',
    ],
    [
      'the server fails (500)',
      () => errorResponse(500, 'internal'),
      'The comment server could not answer just now. Please try again in a moment.',
      'edit: internal',
    ],
    [
      'the edit window has closed',
      () => errorResponse(403, 'edit_window_closed'),
      closedWindow,
      'edit: edit_window_closed',
    ],
    [
      'the server refuses the secret',
      () => errorResponse(403, 'forbidden'),
      'This browser can no longer change this comment.',
      'edit: forbidden',
    ],
  ] as const;
  for (const [when, patch, message, event] of refusedByServer) {
    it(`explains it when ${when}, and keeps the text`, async () => {
      const server = serveOwn({ patch });
      const element = await mountOwning('c2');
      const errors = collectErrors(element);
      await editAndSave(element, 'c2', 'My better words');
      expect(await editorMessage(element, 'c2')).to.equal(message);
      expect(server.patches).to.have.length(1);
      expect(errors).to.deep.equal([event]);
      expect(editor(element, 'c2').value).to.equal('My better words');
    });
  }

  it('says it in the reader’s language', async () => {
    serveOwn({ patch: () => errorResponse(422, 'validation_failed', 'text') });
    const element = await mountOwning('c2', { locale: 'de' });
    await editAndSave(element, 'c2', 'Bessere Worte');
    expect(await editorMessage(element, 'c2')).to.equal(
      'Der Server hat diese Eingabe nicht angenommen. Bitte ändere sie.',
    );
  });

  it('takes the message away once the reader types again', async () => {
    serveOwn();
    const element = await mountOwning('c2');
    await editAndSave(element, 'c2', '');
    await editorMessage(element, 'c2');
    await typeEdit(element, 'c2', 'Second try');
    expect(has(element, '#own-error-c2')).to.equal(false);
    expect(editor(element, 'c2').getAttribute('aria-invalid')).to.equal('false');
  });
});

describe('natter-comments editor: an edit the server holds for moderation', () => {
  it('leaves the public count, stays in place for its author as awaiting moderation, and says so', async () => {
    serveOwn({ editedStatus: 'pending' });
    const element = await mountOwning('c2');
    expect(textOf(element, '#heading')).to.equal('3 comments');
    await editAndSave(element, 'c2', 'Now with a link to example.com');
    await announced(element, 'Your comment was updated and will appear again once a moderator approves it.');
    expect(textOf(element, '#heading')).to.equal('2 comments');
    expect(textOf(element, '#comment-c2 [part="body"]')).to.equal('Now with a link to example.com');
    expect(textOf(element, '#comment-c2 [part="badge"]')).to.equal('Awaiting moderation');
    expect(ownIds(element), 'still editable by its author').to.deep.equal(['c2']);
  });

  it('takes the replies below it out of the count too, as they leave the public thread with it', async () => {
    serveOwn({
      editedStatus: 'pending',
      comments: [
        aComment({ id: 'c1' }),
        aComment({ id: 'c2', parent: 'c1' }),
        aComment({ id: 'c3', parent: 'c2' }),
        aComment({ id: 'c4' }),
      ],
    });
    const element = await mountOwning('c1');
    expect(textOf(element, '#heading')).to.equal('4 comments');
    await editAndSave(element, 'c1', 'Edited, held');
    await waitUntil(() => textOf(element, '#heading') === '1 comment', 'the count did not follow');
  });

  it('takes the reader’s new comment out of the count when its edit is held', async () => {
    serveOwn({ editedStatus: 'pending' });
    const element = await mount({ endpoint });
    await fillAndSubmit(element, { name: 'Grace', text: 'Mine' });
    await postingDone(element);
    expect(textOf(element, '#heading')).to.equal('4 comments');
    await editAndSave(element, 'new1', 'Mine, edited');
    await waitUntil(() => textOf(element, '#heading') === '3 comments', 'the count did not follow');
    expect(textOf(element, '#comment-new1 [part="badge"]')).to.equal('Awaiting moderation');
  });
});

describe('natter-comments editor: focus when the edit window closes', () => {
  /** Posts a comment whose window closes in a moment, and waits until it shows Edit and Delete. */
  async function postShortLived(): Promise<NatterComments> {
    serveOwn({ editableUntil: () => fromNow(600) });
    const element = await mount({ endpoint });
    await fillAndSubmit(element, { name: 'Grace', text: 'Mine for a moment' });
    await postingDone(element);
    expect(ownIds(element)).to.deep.equal(['new1']);
    return element;
  }

  /** Waits until the window closed and the control at `selector` went with it. */
  async function windowClosed(element: NatterComments, selector: string): Promise<void> {
    await waitUntil(() => !has(element, selector), `${selector} outlived the window`, { timeout: 3000 });
    expect(storedSecretIds()).to.deep.equal([]);
  }

  /** Each opens what holds the control, and returns the control's selector. */
  const focusedControls: Record<string, (element: NatterComments) => Promise<string>> = {
    Edit: async () => '#comment-new1 .own-edit',
    Delete: async () => '#comment-new1 .own-delete',
    'Save, in the editor': async (element: NatterComments) => {
      await click(element, '#comment-new1 .own-edit');
      return '#comment-new1 button[type="submit"]';
    },
    'Delete comment, in the confirmation': async (element: NatterComments) => {
      await click(element, '#comment-new1 .own-delete');
      return '#comment-new1 .own-confirm-delete';
    },
  };
  for (const [name, open] of Object.entries(focusedControls)) {
    it(`moves focus from ${name} to the comment, never to the page`, async () => {
      const element = await postShortLived();
      const selector = await open(element);
      $(element, selector)!.focus();
      await focusMoves(element, selector);
      await windowClosed(element, selector);
      await focusMoves(element, '#comment-new1 > article');
      expect(document.activeElement === element, 'focus is in the widget').to.equal(true);
    });
  }

  it('leaves focus in the editor’s text, which stays for the reader to copy', async () => {
    const element = await postShortLived();
    await click(element, '#comment-new1 .own-edit');
    editor(element, 'new1').focus();
    await windowClosed(element, '#comment-new1 button[type="submit"]');
    expect(textOf(element, '#own-error-new1')).to.equal(closedWindow);
    await focusMoves(element, '#edit-new1');
  });
});

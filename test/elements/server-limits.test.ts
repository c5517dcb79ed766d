import { expect } from '@open-wc/testing';
import { limits } from '../../src/protocol/limits.js';
import {
  $,
  aPage,
  control,
  fill,
  fillAndSubmit,
  has,
  mount,
  postingDone,
  resetPage,
  serve,
  textOf,
} from './helpers.js';
import { click, editor, mountOwning, serveOwn, typeEdit } from './own-helpers.js';

afterEach(resetPage);

/** A server started with `--max-text-length 500`, as every thread page it sends says. */
const shortComments = { textLength: 500 };

describe('natter-comments: the server’s own limit on comment length', () => {
  it('holds the post form to it: maxlength, counter and the check before sending', async () => {
    const server = serve({ list: aPage({ limits: shortComments }) });
    const element = await mount();
    expect(control(element, 'text').maxLength).to.equal(500);

    await fill(element, { text: 'x'.repeat(400) });
    expect(has(element, '[part="counter"]'), 'counter far from the limit').to.equal(false);
    await fill(element, { text: 'x'.repeat(470) });
    expect(textOf(element, '[part="counter"]')).to.equal('30 characters left');

    // Text pasted by a script, or kept from a visit before the operator lowered the limit, is still checked.
    await fillAndSubmit(element, { name: 'Grace', text: 'x'.repeat(501) });
    await element.updateComplete;
    expect(textOf(element, '#text-error')).to.equal('Use at most 500 characters.');
    expect(server.posts).to.have.length(0);

    await fillAndSubmit(element, { name: 'Grace', text: 'x'.repeat(500) });
    await postingDone(element);
    expect(server.posts.map((post) => post.text.length)).to.deep.equal([500]);
  });

  it('holds the editor to it: maxlength, counter and the check before saving', async () => {
    const server = serveOwn({ limits: shortComments });
    const element = await mountOwning('c2');
    await click(element, '#comment-c2 .own-edit');
    expect(editor(element, 'c2').maxLength).to.equal(500);

    await typeEdit(element, 'c2', 'y'.repeat(495));
    expect(textOf(element, '#comment-c2 [part="counter"]')).to.equal('5 characters left');
    expect(editor(element, 'c2').getAttribute('aria-describedby')).to.include(
      $(element, '#comment-c2 [part="counter"]')!.id,
    );

    await typeEdit(element, 'c2', 'y'.repeat(501));
    await click(element, '#comment-c2 button[type="submit"]');
    expect(textOf(element, '#own-error-c2')).to.equal('Use at most 500 characters.');
    expect(server.patches).to.deep.equal([]);
  });

  it('keeps the protocol’s limit when the server names none, or one above it', async () => {
    for (const announced of [undefined, { textLength: 20_000 }]) {
      serve({ list: aPage({ limits: announced }) });
      const element = await mount();
      expect(control(element, 'text').maxLength, JSON.stringify(announced)).to.equal(limits.textLength);
      element.parentElement!.remove();
      resetPage();
    }
  });
});

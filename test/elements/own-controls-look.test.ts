import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { $, $$, resetPage } from './helpers.js';
import { click, focusMoves, mountOwning, serveOwn } from './own-helpers.js';

// Edit and Delete under the reader's own comment are light, text-style buttons, so that they do not outweigh the
// comment; deleting for good asks with a button in the danger colour, not the accent of Post.

afterEach(resetPage);

describe('the reader’s own comment controls', () => {
  it('shows Edit and Delete as light text buttons, each a target of at least 24 by 24 pixels', async () => {
    serveOwn();
    const element = await mountOwning('c2');
    for (const button of $$(element, '#comment-c2 [part="own-actions"] button')) {
      const style = getComputedStyle(button);
      expect(style.backgroundColor, button.textContent!).to.equal('rgba(0, 0, 0, 0)');
      expect(style.borderTopColor, button.textContent!).to.equal('rgba(0, 0, 0, 0)');
      expect(style.fontWeight, button.textContent!).to.equal('400');
      const box = button.getBoundingClientRect();
      expect(box.width).to.be.at.least(24);
      expect(box.height).to.be.at.least(24);
    }
    const post = getComputedStyle($(element, 'button[type="submit"]')!);
    expect(post.backgroundColor).not.to.equal('rgba(0, 0, 0, 0)');
  });

  it('rings Edit and Delete when the keyboard reaches them', async () => {
    serveOwn();
    const element = await mountOwning('c2');
    $(element, '#comment-c2 .own-edit')!.focus();
    await sendKeys({ press: 'Tab' });
    await focusMoves(element, '#comment-c2 .own-delete');
    const style = getComputedStyle($(element, '#comment-c2 .own-delete')!);
    expect(style.outlineStyle).to.equal('solid');
    expect(Number.parseFloat(style.outlineWidth)).to.be.at.least(2);
  });

  for (const [theme, danger] of [
    ['light', 'rgb(179, 38, 30)'],
    ['dark', 'rgb(242, 184, 181)'],
  ] as const) {
    it(`asks before deleting with a button in the danger colour (${theme} theme)`, async () => {
      serveOwn();
      const element = await mountOwning('c2', { theme });
      await click(element, '#comment-c2 .own-delete');
      const confirm = getComputedStyle($(element, '.own-confirm-delete')!);
      expect(confirm.backgroundColor).to.equal(danger);
      expect(confirm.backgroundColor).not.to.equal(
        getComputedStyle($(element, 'button[type="submit"]')!).backgroundColor,
      );
    });
  }

  it('takes the danger colour the site sets', async () => {
    serveOwn();
    const element = await mountOwning('c2');
    element.style.setProperty('--natter-danger', 'rgb(120, 0, 0)');
    await click(element, '#comment-c2 .own-delete');
    expect(getComputedStyle($(element, '.own-confirm-delete')!).backgroundColor).to.equal('rgb(120, 0, 0)');
  });
});

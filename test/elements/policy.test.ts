import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { $, $$, aPage, mount, resetPage, serve } from './helpers.js';

afterEach(resetPage);

/** Whether this page has downloaded the sanitizer (DOMPurify and the module around it). */
function hasLoadedSanitizer(): boolean {
  return performance.getEntriesByType('resource').some((entry) => /sanitize|dompurify/i.test(entry.name));
}

const hostilePolicy = [
  '<p>Be kind. Read <a href="https://example.com/rules">the rules</a>.</p>',
  '<script>window.policyScriptRan = true</script>',
  '<img src="/no-such-image.png" onerror="window.policyHandlerRan = true">',
  '<p><a href="javascript:window.policyLinkRan = true">trap</a></p>',
  '<p style="position:fixed;inset:0" onmouseover="window.policyHandlerRan = true">hover</p>',
].join('');

declare global {
  interface Window {
    policyScriptRan?: boolean;
    policyHandlerRan?: boolean;
  }
}

// This test must stay first: a module, once loaded, stays loaded for the rest of the page's life.
describe('natter-comments: a thread without a comment policy', () => {
  it('never downloads the sanitizer', async () => {
    expect(hasLoadedSanitizer(), 'loaded before the test').to.equal(false);
    serve({ list: aPage() });
    const element = await mount();
    expect($(element, '[part="policy"]')!.hidden).to.equal(true);
    expect(hasLoadedSanitizer()).to.equal(false);
  });
});

describe('natter-comments: the server’s comment policy', () => {
  it('is shown above the form, sanitized, with its links working', async () => {
    serve({ list: aPage({ policy: hostilePolicy }) });
    const element = await mount();
    await waitUntil(() => $(element, '[part="policy"] p'), 'the policy never appeared');
    const policy = $(element, '[part="policy"]')!;
    expect(policy.hidden).to.equal(false);
    expect(
      policy.compareDocumentPosition($(element, 'form')!) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).to.not.equal(0);
    expect(policy.textContent).to.include('Be kind. Read the rules.');
    expect(policy.querySelectorAll('script, style, iframe, object, embed')).to.have.length(0);
    const handlers = [...policy.querySelectorAll('*')].flatMap((node) =>
      node.getAttributeNames().filter((name) => name.startsWith('on') || name === 'style'),
    );
    expect(handlers).to.deep.equal([]);
    const links = [...policy.querySelectorAll('a')];
    expect(links.map((link) => link.getAttribute('href'))).to.deep.equal(['https://example.com/rules', null]);
    expect(links[0].rel).to.include('nofollow').and.include('noopener');
    expect(hasLoadedSanitizer()).to.equal(true);

    // Had the handler survived, it would run before a listener added now.
    const image = policy.querySelector('img');
    if (image && !image.complete) await oneEvent(image, 'error');
    expect(window.policyScriptRan).to.equal(undefined);
    expect(window.policyHandlerRan).to.equal(undefined);
  });

  it('keeps the text around the handlers and styles it takes out as it was', async () => {
    // `&amp` before `<` is an ampersand; were the style element simply cut out, `&amp;` would be one too.
    const policy =
      '<p onclick="x">Fish &amp<style>p { color: red }</style>; chips</p><p style="color: red">Be kind.</p>';
    serve({ list: aPage({ policy }) });
    const element = await mount();
    await waitUntil(() => $(element, '[part="policy"] p'), 'the policy never appeared');
    const shown = $(element, '[part="policy"]')!;
    expect([...shown.querySelectorAll('p')].map((paragraph) => paragraph.textContent)).to.deep.equal([
      'Fish &; chips',
      'Be kind.',
    ]);
    expect(shown.querySelectorAll('style, noframes, [style], [onclick]')).to.have.length(0);
  });
});

describe('natter-comments: the same policy on another thread', () => {
  it('shows with that thread’s comments, as it was sanitized for the first', async () => {
    serve({
      list: aPage({
        policy: '<p id="server-policy">Server rules</p><script>window.policyScriptRan = true</script>',
      }),
    });
    const element = await mount();
    await waitUntil(() => $(element, '#server-policy'), 'the policy never appeared');
    const loaded = oneEvent(element, 'natter-loaded');
    element.thread = '/another-post';
    await loaded;
    await element.updateComplete;
    expect($(element, '[part="policy"]')!.hidden).to.equal(false);
    expect($(element, '#server-policy')?.textContent).to.equal('Server rules');
    expect($$(element, '[part="policy"] script')).to.have.length(0);
  });
});

describe('natter-comments: the page’s own policy', () => {
  /** A paragraph to put into the element's `policy` slot. */
  function ownPolicy(): HTMLParagraphElement {
    const paragraph = document.createElement('p');
    paragraph.slot = 'policy';
    paragraph.textContent = 'Our house rules: be nice.';
    return paragraph;
  }

  it('replaces the server’s policy', async () => {
    serve({ list: aPage({ policy: '<p id="server-policy">Server rules</p>' }) });
    const own = ownPolicy();
    const element = await mount({}, { children: [own] });
    await waitUntil(() => $(element, '#server-policy'), 'the server policy never arrived');
    const slot = $<HTMLSlotElement>(element, 'slot[name="policy"]')!;
    expect(slot.assignedElements().map((node) => node.textContent)).to.deep.equal([own.textContent]);
    expect(own.checkVisibility()).to.equal(true);
    expect($(element, '#server-policy')!.checkVisibility()).to.equal(false);
  });

  it('is shown when the server has none', async () => {
    serve({ list: aPage() });
    const own = ownPolicy();
    const element = await mount({}, { children: [own] });
    await waitUntil(() => !$(element, '[part="policy"]')!.hidden, 'the policy box stayed hidden');
    expect(own.checkVisibility()).to.equal(true);
    expect($$(element, 'slot[name="policy"] > *')).to.have.length(0);
  });
});

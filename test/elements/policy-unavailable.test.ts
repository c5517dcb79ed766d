import { expect, waitUntil } from '@open-wc/testing';
import type { NatterErrorDetail } from '../../src/index.js';
import {
  $,
  $$,
  aPage,
  fillAndSubmit,
  has,
  mount,
  postingDone,
  resetPage,
  serve,
  someComments,
  textOf,
} from './helpers.js';

afterEach(resetPage);

/**
 * The sanitizer fails to load here because this page's Trusted Types allow-list names Lit's policy and not
 * natter's (`trusted-types lit-html`), a mistake a site owner can make: the module throws as it creates its
 * policy. Going offline, or a deploy that replaced the chunk, fails the same import. The page keeps this list
 * for good, so this file is the only one that runs in it; no module here has loaded the sanitizer yet.
 */
before(() => {
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = 'trusted-types lit-html';
  document.head.append(meta);
});

describe('natter-comments: a comment policy whose sanitizer cannot be loaded', () => {
  it('shows the thread and the form without the policy, and reports it as natter-error "policy"', async () => {
    serve({ list: aPage({ comments: someComments(2), policy: '<p id="server-policy">Be kind.</p>' }) });
    const errors: NatterErrorDetail[] = [];
    const listener = ({ detail }: CustomEvent<NatterErrorDetail>) => errors.push(detail);
    document.addEventListener('natter-error', listener);
    try {
      const element = await mount();
      expect(textOf(element, 'h2')).to.equal('2 comments');
      expect($$(element, '[part="comment"]')).to.have.length(2);
      expect(has(element, 'form')).to.equal(true);
      expect($(element, '[part="policy"]')!.hidden).to.equal(true);
      expect(has(element, '#server-policy')).to.equal(false);
      expect(has(element, '[role="alert"]'), 'a load error').to.equal(false);
      // The sanitizer's import fails on its own time, not necessarily before the element settles.
      await waitUntil(() => errors.length > 0, 'no natter-error came');
      expect(errors.map(({ phase, error }) => [phase, error instanceof Error])).to.deep.equal([
        ['policy', true],
      ]);
    } finally {
      document.removeEventListener('natter-error', listener);
    }
  });

  it('still takes comments', async () => {
    const server = serve({ list: aPage({ comments: someComments(1), policy: '<p>Be kind.</p>' }) });
    const element = await mount();
    await fillAndSubmit(element, { name: 'Grace', text: 'Posted all the same' });
    await postingDone(element);
    expect(server.posts.map((post) => post.text)).to.deep.equal(['Posted all the same']);
    expect(textOf(element, 'h2')).to.equal('2 comments');
  });
});

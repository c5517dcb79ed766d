import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import {
  anAdminComment,
  anAdminReference,
  buttonNamed,
  cardOf,
  FakeAdminApi,
  listOf,
  mountAdmin,
  resetPage,
  screenOf,
} from './helpers.js';

/**
 * A queue with most of what a card can show: reports, a reply, a website, no e-mail, an edited text; and references
 * held, published, and refused with a long source address.
 */
function aRichApi() {
  const api = new FakeAdminApi({
    isSignedIn: true,
    comments: [
      anAdminComment({ reportCount: 3, status: 'published', reason: null }),
      anAdminComment({
        parent: 'c0',
        author: { name: 'Bo', url: 'https://bo.example/', email: null, ip: null },
      }),
      anAdminComment({
        editedAt: '2026-11-01T12:00:00.000Z',
        text: 'Line one\n\nLine two with https://example.com/',
      }),
    ],
  });
  api.references.push(
    anAdminReference(),
    anAdminReference({ status: 'published', reason: null, kind: 'like', excerpt: null, via: 'pingback' }),
    anAdminReference({
      state: 'refused',
      status: null,
      kind: null,
      title: null,
      url: null,
      excerpt: null,
      reason: 'source_unreachable',
      detail: 'getaddrinfo ENOTFOUND a-very-long-host-name-that-does-not-exist.example',
      source:
        'https://a-very-long-host-name-that-does-not-exist.example/2026/11/28/a-response-with-a-long-path',
    }),
  );
  api.rules.push({
    id: 'r1',
    kind: 'word',
    pattern: 'casino',
    action: 'spam',
    note: 'seen daily',
    createdAt: '2026-11-01T09:00:00.000Z',
  });
  return api;
}

for (const colorScheme of ['light', 'dark'] as const) {
  for (const width of [390, 1280]) {
    describe(`admin page accessibility, ${colorScheme}, ${width} px wide`, () => {
      before(async () => {
        await emulateMedia({ colorScheme });
        await setViewport({ width, height: 900 });
      });
      after(async () => {
        await emulateMedia({ colorScheme: 'light' });
      });
      afterEach(resetPage);

      it('has no axe violations on the sign-in screen, with an error shown', async () => {
        const element = await mountAdmin(new FakeAdminApi());
        const root = element.shadowRoot!.querySelector('admin-sign-in')!.shadowRoot!;
        root.querySelector('input')!.value = 'wrong';
        buttonNamed(root, 'Sign in').click();
        await waitUntil(() => root.querySelector('[role="alert"]')?.textContent);
        await expect(element).to.be.accessible();
      });

      it('has no axe violations on the queue, with a selection and details open', async () => {
        const element = await mountAdmin(aRichApi());
        const list = listOf(element);
        const id = list.shadowRoot!.querySelector<HTMLElement>('article')!.dataset.id!;
        list.shadowRoot!.querySelector<HTMLInputElement>('article input[type="checkbox"]')!.click();
        buttonNamed(cardOf(list, id), 'Details').click();
        await waitUntil(() => cardOf(list, id).querySelector('.details .details-heading'));
        await expect(element).to.be.accessible();
      });

      it('has no axe violations with the shortcuts dialog open', async () => {
        const element = await mountAdmin(aRichApi());
        await sendKeys({ type: '?' });
        await waitUntil(() => element.shadowRoot!.querySelector('admin-shortcuts')!.isOpen);
        await expect(element).to.be.accessible();
        await sendKeys({ press: 'Escape' });
      });

      for (const hash of [
        '#/recent',
        '#/references',
        '#/references/published',
        '#/references/unverified',
        '#/search',
        '#/rules',
        '#/settings',
      ]) {
        it(`has no axe violations on ${hash}`, async () => {
          const element = await mountAdmin(aRichApi(), hash);
          const screen = screenOf(element);
          await waitUntil(() => !screen.shadowRoot?.querySelector('[role="status"]'), 'never loaded');
          await expect(element).to.be.accessible();
        });
      }

      for (const hash of ['#/queue', '#/references', '#/references/unverified', '#/rules', '#/settings']) {
        it(`fits the width on ${hash}: nothing scrolls sideways but the navigation`, async () => {
          const element = await mountAdmin(aRichApi(), hash);
          const screen = screenOf(element);
          await waitUntil(() => !screen.shadowRoot?.querySelector('[role="status"]'), 'never loaded');
          if (hash === '#/settings') {
            // A thread with a long path and the longest mode's words in its select.
            const root = screen.shadowRoot!;
            root.querySelector<HTMLInputElement>('#thread-key')!.value =
              '/2026/11/health-care-and-social-media-and-what-doctors-think-of-it';
            buttonNamed(root, 'Show').click();
            await waitUntil(() => root.querySelector('#thread-mode'), 'the thread never showed');
          }
          expect(document.documentElement.scrollWidth).to.be.at.most(width);
          const main = element.shadowRoot!.querySelector('main')!;
          expect(main.scrollWidth).to.be.at.most(main.clientWidth + 1);
        });
      }
    });
  }
}

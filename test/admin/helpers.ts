import { fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/admin/define.js';
import type { NatterAdmin } from '../../src/admin/natter-admin.js';
import type { AdminCommentList } from '../../src/admin/screens/comment-list.js';
import type { AdminReferenceList } from '../../src/admin/screens/reference-list.js';
import { FakeAdminApi } from './fake-api.js';

export { anAdminComment, anAdminReference, FakeAdminApi } from './fake-api.js';

const realFetch = window.fetch.bind(window);

/** The page's own stylesheet, with the admin page's colours, as admin.html links it. */
async function linkStylesheet(): Promise<void> {
  if (document.querySelector('link[data-admin-css]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = '/src/admin/admin.css';
  link.dataset.adminCss = '';
  const loaded = new Promise((resolve) => link.addEventListener('load', resolve));
  document.head.append(link);
  await loaded;
}

/** Mounts `<natter-admin>` on the screen `hash` names, against `api` (signed in or not), and waits for it to settle. */
export async function mountAdmin(api: FakeAdminApi, hash = '#/queue'): Promise<NatterAdmin> {
  await linkStylesheet();
  window.fetch = api.fetch;
  history.replaceState(null, '', hash);
  const element = await fixture<NatterAdmin>(html`<natter-admin></natter-admin>`);
  await waitUntil(() => element.session !== 'checking', 'the session was never checked');
  await element.updateComplete;
  if (element.session === 'signed-in') await listSettled(element);
  return element;
}

/** Puts the page back: the real fetch, no fragment. Use in `afterEach`. */
export function resetPage(): void {
  window.fetch = realFetch;
  history.replaceState(null, '', location.pathname + location.search);
  document.title = '';
}

/** The list screen shown, if the screen is one. */
export function listOf(element: NatterAdmin): AdminCommentList {
  const list =
    element.shadowRoot!.querySelector('admin-comment-list') ??
    screenOf(element).shadowRoot?.querySelector('admin-comment-list');
  if (!list) throw new Error('no list on this screen');
  return list as AdminCommentList;
}

/** The element of the screen shown. */
export function screenOf(element: NatterAdmin): HTMLElement {
  const screen = element.shadowRoot!.querySelector<HTMLElement>('main > *');
  if (!screen) throw new Error('no screen');
  return screen;
}

/** Resolves once the list screen shown has loaded every section. */
export async function listSettled(element: NatterAdmin): Promise<void> {
  const screen = element.shadowRoot!.querySelector('main > admin-comment-list');
  if (!screen) return;
  await waitUntil(() => !screen.shadowRoot?.querySelector('[role="status"]'), 'the list never loaded');
  await (screen as AdminCommentList).updateComplete;
}

/** The References screen shown, once each of its sections has loaded. */
export async function referenceListOf(element: NatterAdmin): Promise<AdminReferenceList> {
  const list = element.shadowRoot!.querySelector<AdminReferenceList>('main > admin-reference-list');
  if (!list) throw new Error('the References screen is not shown');
  await waitUntil(() => !list.shadowRoot?.querySelector('[role="status"]'), 'the references never loaded');
  await list.updateComplete;
  return list;
}

/** The ids of the cards shown (comments or references), top to bottom. */
export function shownIds(list: AdminCommentList | AdminReferenceList): string[] {
  return [...list.shadowRoot!.querySelectorAll<HTMLElement>('article[data-id]')].map(
    (card) => card.dataset.id ?? '',
  );
}

/** The card of comment (or reference) `id`. */
export function cardOf(list: AdminCommentList | AdminReferenceList, id: string): HTMLElement {
  const card = list.shadowRoot!.querySelector<HTMLElement>(`article[data-id="${id}"]`);
  if (!card) throw new Error(`no card for ${id}`);
  return card;
}

/** The element that has focus, through every shadow root. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** What the page's polite live region says now. */
export function announcement(element: NatterAdmin): string {
  return element.shadowRoot!.querySelector('[role="status"]')?.textContent?.trim() ?? '';
}

/** What the page's urgent live region says now. */
export function alertText(element: NatterAdmin): string {
  return element.shadowRoot!.querySelector('[role="alert"]')?.textContent?.trim() ?? '';
}

/** The button in `root` whose text is `text`. */
export function buttonNamed(root: ParentNode, text: string): HTMLButtonElement {
  const button = [...root.querySelectorAll('button')].find(
    (candidate) => candidate.textContent?.trim() === text,
  );
  if (!button) throw new Error(`no button "${text}"`);
  return button;
}

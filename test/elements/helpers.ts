import { aTimeout, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import type {
  Comment,
  ListCommentsResponse,
  NewComment,
  ServerLimits,
  ThreadInfo,
} from '../../src/protocol/types.js';
import { aComment, errorResponse, fakeServer, json, type SeenRequest } from '../client/fakes.js';

export { aComment, aReference, errorResponse, silentFetch } from '../client/fakes.js';

/** The thread every test shows unless it names another. */
const defaultThread = '/blog/hello';

/** The page's own fetch, kept so that tests can still read files while a fake server answers the element. */
export const realFetch = window.fetch.bind(window);

/**
 * One page of a thread as the server sends it; by default a single published comment, no more pages, and no
 * `limits` (as from a server that takes the protocol's longest comments). `thread` adds what else the server says
 * of the thread (`stream`, `feed`, `references`, …).
 */
export function aPage({
  comments = [aComment()],
  count = comments.length,
  locked = false,
  policy,
  limits,
  next = null,
  key = defaultThread,
  thread: more,
}: {
  comments?: Comment[];
  count?: number;
  locked?: boolean;
  policy?: string;
  limits?: ServerLimits;
  next?: string | null;
  key?: string;
  thread?: Partial<ThreadInfo>;
} = {}): ListCommentsResponse {
  const thread = {
    key,
    count,
    locked,
    ...(policy !== undefined && { policy }),
    ...(limits && { limits }),
    ...more,
  };
  return { thread, comments, next };
}

/** `count` comments with ids c1, c2, … written a day apart, oldest first. */
export function someComments(count: number): Comment[] {
  return Array.from({ length: count }, (_, index) =>
    aComment({
      id: `c${index + 1}`,
      text: `Comment number ${index + 1}`,
      author: { name: `Reader ${index + 1}`, url: null },
      createdAt: new Date(Date.UTC(2025, 5, 1 + index, 10)).toISOString(),
    }),
  );
}

/** What a natter server answers to a new comment: 201 with the comment published, or 202 when pending. */
export function postedAnswer(request: SeenRequest, status: 'published' | 'pending' = 'published'): Response {
  const sent = request.body as NewComment;
  const comment = aComment({
    id: 'new1',
    thread: sent.thread,
    parent: sent.parent ?? null,
    author: { name: sent.name, url: sent.url ?? null },
    text: sent.text,
    createdAt: '2025-06-10T12:00:00.000Z',
    status,
  });
  return json(status === 'published' ? 201 : 202, {
    comment,
    secret: 'secret-1',
    editableUntil: '2025-06-10T12:15:00.000Z',
  });
}

type Answer = Response | Promise<Response>;

/** Whether `request` asks for a form token (`GET /api/v1/form-token`). */
export function isFormTokenRequest(request: SeenRequest): boolean {
  return request.url.pathname.endsWith('/form-token');
}

/** Whether `request` reports a comment (`POST /api/v1/comments/{id}/reports`). */
export function isReportRequest(request: SeenRequest): boolean {
  return request.method === 'POST' && request.url.pathname.endsWith('/reports');
}

/** Whether `request` likes a comment or takes its like back (`POST`/`DELETE /api/v1/comments/{id}/likes`). */
export function isLikeRequest(request: SeenRequest): boolean {
  return request.url.pathname.endsWith('/likes');
}

/** What a server without form tokens answers when asked for one. */
export const noFormToken = () => errorResponse(404, 'not_found');

/**
 * Replaces the page's fetch with a fake natter server until {@link resetPage}: `list` answers GETs (a page, or a
 * function of the request), `post` answers POSTs of comments (by default the comment comes back published),
 * `formToken` answers the form's requests for a form token (by default as a server without them: 404), `report`
 * answers reports of comments (by default 202), `like` likes and their taking back (by default the count 1 or 0).
 */
export function serve({
  list = aPage(),
  post = (request) => postedAnswer(request),
  formToken = noFormToken,
  report = () => json(202, {}),
  like = (request) => json(200, { likes: request.method === 'POST' ? 1 : 0 }),
}: {
  list?: ListCommentsResponse | ((request: SeenRequest) => Answer);
  post?: (request: SeenRequest) => Answer;
  formToken?: (request: SeenRequest) => Answer;
  report?: (request: SeenRequest) => Answer;
  like?: (request: SeenRequest) => Answer;
} = {}) {
  const server = fakeServer((request) => {
    if (isReportRequest(request)) return report(request);
    if (isLikeRequest(request)) return like(request);
    if (request.method === 'POST') return post(request);
    if (isFormTokenRequest(request)) return formToken(request);
    return typeof list === 'function' ? list(request) : json(200, list);
  });
  window.fetch = server.fetch;
  return {
    requests: server.requests,
    /** The comment-list requests so far. */
    get lists() {
      return server.requests.filter((request) => request.method === 'GET' && !isFormTokenRequest(request));
    },
    /** The likes so far, as `POST id` or `DELETE id`. */
    get likes() {
      return server.requests
        .filter(isLikeRequest)
        .map((request) => `${request.method} ${decodeURIComponent(request.url.pathname.split('/').at(-2)!)}`);
    },
    /** The form-token requests so far. */
    get formTokenRequests() {
      return server.requests.filter(isFormTokenRequest);
    },
    /** The comments posted so far, as the server received them. */
    get posts() {
      return server.requests
        .filter((request) => request.method === 'POST' && !isReportRequest(request))
        .map((request) => request.body as NewComment);
    },
    /** The reports so far, as `id: reason`. */
    get reports() {
      return server.requests.filter(isReportRequest).map((request) => {
        const id = decodeURIComponent(request.url.pathname.split('/').at(-2)!);
        return `${id}: ${(request.body as { reason: string }).reason}`;
      });
    },
  };
}

/** Puts the page back as it was: the real fetch, and no drafts or identity left in storage. Use in `afterEach`. */
export function resetPage(): void {
  window.fetch = realFetch;
  localStorage.clear();
}

/** A promise and the functions that settle it, for answers that arrive when the test says so. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Holds `answer` back until `release()`, so that a test can look at the element while a request is pending. */
export function heldBack(answer: (request: SeenRequest) => Answer) {
  const gate = deferred<null>();
  return {
    answer: (request: SeenRequest) => gate.promise.then(() => answer(request)),
    release: () => gate.resolve(null),
  };
}

/**
 * Gives an answer released a moment ago the time to arrive and be painted, before a test asserts that it was
 * not: the one wait that cannot be a `waitUntil`, since there is nothing to wait for when all is well.
 */
export async function lateAnswersArrived(element: NatterComments): Promise<void> {
  await aTimeout(50);
  await element.updateComplete;
}

/** The first element inside `element`'s shadow root that matches `selector`. */
export function $<E extends Element = HTMLElement>(element: NatterComments, selector: string): E | null {
  return element.shadowRoot!.querySelector<E>(selector);
}

/** Every element inside `element`'s shadow root that matches `selector`. */
export function $$<E extends Element = HTMLElement>(element: NatterComments, selector: string): E[] {
  return [...element.shadowRoot!.querySelectorAll<E>(selector)];
}

/**
 * Whether something in the shadow root matches `selector`. (Assert on this, not on the node: a failed
 * assertion that holds a DOM node cannot be reported by the test runner and ends the browser session.)
 */
export function has(element: NatterComments, selector: string): boolean {
  return $(element, selector) !== null;
}

/** The id of the element that has focus inside the shadow root, or '' when focus is elsewhere. */
export function focusedId(element: NatterComments): string {
  return element.shadowRoot!.activeElement?.id ?? '';
}

/** The visible text of the first match of `selector` in the shadow root, whitespace collapsed. */
export function textOf(element: NatterComments, selector: string): string {
  return ($(element, selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

const pageTimers = {
  setTimeout: window.setTimeout.bind(window),
  clearTimeout: window.clearTimeout.bind(window),
};

/**
 * Resolves once `predicate` holds, checking it every `interval` ms, or rejects with `message` after `timeout` ms.
 * Like @open-wc's `waitUntil`, except that it leaves no timer behind (waitUntil's own timeout stays pending), so
 * that a test can hold the page to having no pending timer at all.
 */
export function waitFor(
  predicate: () => unknown,
  message: string,
  { interval = 5, timeout = 1000 }: { interval?: number; timeout?: number } = {},
): Promise<void> {
  // The page's own timers, as they were when this module loaded: a test's fake clock does not stop the wait.
  const { setTimeout, clearTimeout } = pageTimers;
  return new Promise((resolve, reject) => {
    let poll: number | undefined;
    const deadline = setTimeout(() => {
      clearTimeout(poll);
      reject(new Error(`Timeout: ${message}`));
    }, timeout);
    const check = () => {
      try {
        if (predicate()) {
          clearTimeout(deadline);
          resolve();
        } else {
          poll = setTimeout(check, interval);
        }
      } catch (error) {
        clearTimeout(deadline);
        reject(error);
      }
    };
    check();
  });
}

/** Whether the element shows something other than its loading placeholder. */
function hasSettled(element: NatterComments): boolean {
  return !$(element, '.placeholder') && textOf(element, 'h2') !== '';
}

/** Waits until the element, after any pending change, shows its thread, empty state or load error. */
export async function settled(element: NatterComments): Promise<NatterComments> {
  await element.updateComplete;
  await waitFor(() => hasSettled(element), 'the thread never finished loading');
  await element.updateComplete;
  return element;
}

/**
 * Mounts `<natter-comments lazy="false" thread="/blog/hello">` with `attributes` added (null leaves one out)
 * inside a `<div lang>` (English unless `lang` says otherwise) and, unless `settle` is false, waits until it
 * has rendered its comments (or its empty or error state). `children` go inside the element, e.g. a policy.
 */
export async function mount(
  attributes: Record<string, string | null> = {},
  { lang = 'en', settle = true, children = [] }: { lang?: string; settle?: boolean; children?: Node[] } = {},
): Promise<NatterComments> {
  const element = document.createElement('natter-comments');
  for (const [name, value] of Object.entries({ lazy: 'false', thread: defaultThread, ...attributes })) {
    if (value !== null) element.setAttribute(name, value);
  }
  element.append(...children);
  const wrapper = await fixture<HTMLDivElement>(html`<div lang=${lang}>${element}</div>`);
  const mounted = wrapper.querySelector('natter-comments')!;
  return settle ? settled(mounted) : mounted;
}

/** The post form's controls, by field name. */
export function control(element: NatterComments, name: 'name' | 'email' | 'url' | 'text' | 'remember') {
  return $<HTMLInputElement & HTMLTextAreaElement>(element, `form [name="${name}"]`)!;
}

/** Types into the form's fields as a reader would (one input event per field). */
export async function fill(
  element: NatterComments,
  fields: Partial<Record<'name' | 'email' | 'url' | 'text', string>>,
): Promise<void> {
  for (const [name, value] of Object.entries(fields)) {
    const input = control(element, name as keyof typeof fields);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }
  await element.updateComplete;
}

/** Clicks the Post button. */
export function submit(element: NatterComments): void {
  $<HTMLButtonElement>(element, 'button[type="submit"]')!.click();
}

/** Fills in the form and clicks Post. */
export async function fillAndSubmit(
  element: NatterComments,
  fields: Partial<Record<'name' | 'email' | 'url' | 'text', string>> = { name: 'Grace', text: 'Nice post!' },
): Promise<void> {
  await fill(element, fields);
  submit(element);
}

/** Waits until the form, which a submit has just made busy, is no longer busy posting. */
export async function postingDone(element: NatterComments): Promise<void> {
  await element.updateComplete;
  await waitFor(() => $(element, 'form')?.getAttribute('aria-busy') === 'false', 'the post never finished');
  await element.updateComplete;
}

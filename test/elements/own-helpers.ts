import { waitUntil } from '@open-wc/testing';
import type { NatterComments } from '../../src/elements/natter-comments/natter-comments.js';
import type { Comment, CommentStatus, NewComment, ServerLimits } from '../../src/protocol/types.js';
import { fakeServer, json, type SeenRequest } from '../client/fakes.js';
import {
  $,
  $$,
  aComment,
  aPage,
  isFormTokenRequest,
  mount,
  noFormToken,
  someComments,
  textOf,
} from './helpers.js';

// A fake natter server that knows the reader's secrets, and what tests of Edit and Delete do with the widget.

export const endpoint = 'https://comments.example/';
export const secretsKey = `natter:secrets:${endpoint}`;
export const editDraftKey = (id: string) => `natter:edit:${endpoint}|${id}`;
export const secret = 'own-secret-Zq3xV9kP2mN7tR4wY8bL1c';
export const closedWindow = 'The time for changing this comment has passed, so it stays as it is.';

/** An ISO timestamp `ms` milliseconds from now. */
export const fromNow = (ms: number) => new Date(Date.now() + ms).toISOString();

/** Keeps a secret in storage as a reader's earlier visit would have left it. */
export function storeSecret(id: string, editableUntil = fromNow(15 * 60_000)): void {
  const stored = JSON.parse(localStorage.getItem(secretsKey) ?? '{}') as Record<string, unknown>;
  localStorage.setItem(secretsKey, JSON.stringify({ ...stored, [id]: { secret, editableUntil } }));
}

/** The secrets in storage, by comment id. */
export function storedSecretIds(): string[] {
  return Object.keys(JSON.parse(localStorage.getItem(secretsKey) ?? '{}') as object);
}

export type Answer = (request: SeenRequest) => Response | Promise<Response>;

/**
 * A fake natter server holding `comments` (and announcing `limits`): answers GET with them, POST with a published
 * comment and a secret valid until `editableUntil`, PATCH with the comment edited (and `editedStatus`, as a
 * server that holds edits for moderation answers), DELETE with 204; `patch` and `remove` replace the last two
 * answers; `stream` is the thread's live stream.
 */
export function serveOwn({
  comments = someComments(3),
  limits,
  editableUntil = () => fromNow(15 * 60_000),
  editedStatus = 'published',
  patch,
  remove = () => new Response(null, { status: 204 }),
  stream,
}: {
  /** The thread's live stream, as `ThreadInfo.stream` names it. */
  stream?: string;
  comments?: Comment[];
  limits?: ServerLimits;
  editableUntil?: () => string;
  editedStatus?: CommentStatus;
  patch?: Answer;
  remove?: Answer;
} = {}) {
  const idOf = (request: SeenRequest) => decodeURIComponent(request.url.pathname.split('/').pop()!);
  const edited: Answer = (request) => {
    const comment = comments.find(({ id }) => id === idOf(request)) ?? aComment({ id: idOf(request) });
    const { text } = request.body as { text: string };
    const editedAt = new Date().toISOString();
    return json(200, { comment: { ...comment, text, editedAt, status: editedStatus } });
  };
  const server = fakeServer((request) => {
    if (request.method === 'PATCH') return (patch ?? edited)(request);
    if (request.method === 'DELETE') return remove(request);
    if (isFormTokenRequest(request)) return noFormToken();
    if (request.method !== 'POST') return json(200, aPage({ comments, limits, thread: { stream } }));
    const sent = request.body as NewComment;
    const comment = aComment({ id: 'new1', author: { name: sent.name, url: null }, text: sent.text });
    return json(201, { comment, secret, editableUntil: editableUntil() });
  });
  window.fetch = server.fetch;
  const changes = (method: string) =>
    server.requests
      .filter((request) => request.method === method)
      .map((request) => ({
        id: idOf(request),
        authorization: request.headers.get('Authorization'),
        body: request.body,
      }));
  return {
    requests: server.requests,
    get patches() {
      return changes('PATCH');
    },
    get deletes() {
      return changes('DELETE');
    },
  };
}

/** The ids of the comments that show Edit and Delete. */
export function ownIds(element: NatterComments): string[] {
  return $$(element, '.comment')
    .filter((item) => item.querySelector('.own-actions .own-edit') && item.querySelector('.own-delete'))
    .map((item) => item.id.replace('comment-', ''));
}

/** Clicks the button at `selector` and waits for the element to show the outcome. */
export async function click(element: NatterComments, selector: string): Promise<void> {
  const button = $<HTMLButtonElement>(element, selector);
  if (!button) throw new Error(`Nothing to click at ${selector}`);
  button.click();
  await element.updateComplete;
}

/** Waits until the focused element in the shadow root matches `selector`. */
export async function focusMoves(element: NatterComments, selector: string): Promise<void> {
  await waitUntil(
    () => element.shadowRoot!.activeElement?.matches(selector),
    `focus never reached ${selector}`,
  );
}

export function editor(element: NatterComments, id: string): HTMLTextAreaElement {
  return $<HTMLTextAreaElement>(element, `#edit-${id}`)!;
}

/** Types into the edit field as a reader would (one input event). */
export async function typeEdit(element: NatterComments, id: string, text: string): Promise<void> {
  editor(element, id).value = text;
  editor(element, id).dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await element.updateComplete;
}

/** The `natter-error` events of `element`, as `phase: code`. */
export function collectErrors(element: NatterComments): string[] {
  const seen: string[] = [];
  element.addEventListener('natter-error', ({ detail }) =>
    seen.push(`${detail.phase}: ${(detail.error as Error & { code?: string }).code}`),
  );
  return seen;
}

export async function announced(element: NatterComments, message: string): Promise<void> {
  await waitUntil(() => textOf(element, '[role="status"]') === message, `"${message}" was not announced`);
}

/** Mounts the widget on the fake server's endpoint with the secret of comment `own` stored beforehand. */
export async function mountOwning(
  own = 'c2',
  attributes: Record<string, string> = {},
): Promise<NatterComments> {
  storeSecret(own);
  const element = await mount({ endpoint, ...attributes });
  await waitUntil(() => ownIds(element).length > 0, 'Edit and Delete never appeared');
  return element;
}

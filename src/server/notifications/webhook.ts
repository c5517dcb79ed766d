import type { CommentEventType } from '../events.js';
import { requestSignature } from '../signing.js';
import type { StoredStatus } from '../storage/store.js';
import { adminLink, type CommentNotice } from './notice.js';

/** Where and how to POST comment events. */
export interface WebhookSettings {
  /** The receiver's http(s) URL. */
  url: string;
  /** The key the receiver checks `X-Natter-Signature` with (HMAC-SHA256). */
  secret: string;
  /** The events to send; `defaultWebhookEvents` when omitted. */
  events?: readonly CommentEventType[];
  /** Milliseconds to wait for the receiver's answer (default 10 000); a slower answer counts as a failure. */
  timeoutMs?: number;
}

/** New, held and approved comments: what a site owner acts on. Spam and reports are there for the asking. */
export const defaultWebhookEvents: readonly CommentEventType[] = ['published', 'held', 'approved'];

/** What a webhook POSTs, as JSON. */
export interface WebhookBody {
  /** The delivery's id: the same on every retry, so a receiver can tell a message it already has. */
  id: string;
  type: CommentEventType;
  /** When it happened (ISO 8601). */
  occurredAt: string;
  /** Why, when there is a reason: "held: 4 links". */
  reason: string | null;
  comment: {
    id: string;
    thread: string;
    parent: string | null;
    author: { name: string; url: string | null; email: string | null };
    text: string;
    status: StoredStatus;
    reason: string | null;
    createdAt: string;
    editedAt: string | null;
    reportCount: number;
  };
  /** Opens the comment in the admin page. */
  adminUrl: string;
}

/** The JSON a webhook POSTs for `notice`, delivered as `deliveryId`. */
export function webhookBody(deliveryId: string, notice: CommentNotice, publicUrl: string): WebhookBody {
  const { comment } = notice;
  return {
    id: deliveryId,
    type: notice.type,
    occurredAt: notice.at,
    reason: notice.reason,
    comment: {
      id: comment.id,
      thread: comment.thread,
      parent: comment.parent,
      author: { name: comment.authorName, url: comment.authorUrl, email: comment.authorEmail },
      text: comment.text,
      status: comment.status,
      reason: comment.reason,
      createdAt: comment.createdAt,
      editedAt: comment.editedAt,
      reportCount: comment.reportCount,
    },
    adminUrl: adminLink(publicUrl, comment.id),
  };
}

/** A failed attempt, in words for the queue's record and the log; never the URL, which may carry a token. */
export class WebhookError extends Error {
  override name = 'WebhookError';
}

export interface WebhookRequest {
  settings: WebhookSettings;
  body: WebhookBody;
  /** Now, in milliseconds: the signature's timestamp. */
  now: number;
  /** Aborts the attempt (the server is stopping). */
  signal: AbortSignal;
  fetch?: typeof fetch;
}

/** POSTs one webhook, signed; resolves when the receiver answered 2xx, and throws a `WebhookError` otherwise. */
export async function postWebhook({ settings, body, now, signal, fetch = globalThis.fetch }: WebhookRequest) {
  const json = JSON.stringify(body);
  const timeoutMs = settings.timeoutMs ?? 10_000;
  const timeout = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(settings.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'User-Agent': 'natter-webhook/1',
        'X-Natter-Event': body.type,
        'X-Natter-Delivery': body.id,
        'X-Natter-Signature': await requestSignature(settings.secret, Math.floor(now / 1000), json),
      },
      body: json,
      // A redirect would send the comment on to a place nobody configured; the receiver's URL must be the real one.
      redirect: 'manual',
      signal: AbortSignal.any([signal, timeout]),
    });
  } catch (error) {
    if (timeout.aborted) throw new WebhookError(`no answer within ${timeoutMs / 1000} s`);
    if (signal.aborted) throw new WebhookError('the server stopped while sending');
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new WebhookError(
      `cannot reach ${new URL(settings.url).origin}: ${cause?.code ?? cause?.message ?? String(error)}`,
    );
  }
  // Only the status matters; the body is let go, so that the connection can be reused.
  await response.body?.cancel().catch(() => {});
  if (response.status < 200 || response.status > 299) {
    throw new WebhookError(`the receiver answered ${response.status}`);
  }
}

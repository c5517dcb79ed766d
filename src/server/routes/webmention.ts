import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { isCommentId } from '../../protocol/ids.js';
import type { MentionStatusResponse } from '../../protocol/types.js';
import { HttpError } from '../http-error.js';
import { readForm } from '../read-json.js';
import type { CommentStore } from '../storage/store.js';
import { mentionStatus } from '../webmention/public-reference.js';
import { receiveMention, type MentionReceiverOptions } from '../webmention/receive-mention.js';

export interface WebmentionRoutesOptions extends MentionReceiverOptions {
  store: CommentStore;
  clientAddress: (c: Context) => string | undefined;
  /** The URL the server is reached at, ending in `/`: status URLs are absolute. */
  baseUrl: (request: Request) => string;
  /** A mention was queued: the worker should look. */
  queued: () => void;
  maxBodyBytes: number;
}

/**
 * Any site may send a Webmention, and pages anywhere may read a status: no credentials are ever involved, so every
 * origin is allowed, as for the widget's files.
 */
export const anyOrigin: MiddlewareHandler = async (c, next) => {
  if (c.req.method === 'OPTIONS') {
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Access-Control-Allow-Methods', 'GET, POST');
    c.header('Access-Control-Allow-Headers', 'Content-Type');
    c.header('Access-Control-Max-Age', '7200');
    return c.body(null, 204);
  }
  await next();
  c.header('Access-Control-Allow-Origin', '*');
  c.header('Access-Control-Expose-Headers', 'Location, Retry-After');
};

/**
 * `/webmention`: the Webmention endpoint (W3C Webmention §3.2, docs/webmention.md). `POST` takes form-encoded
 * `source` and `target`, queues the mention for verification and answers 201 with its status URL in `Location`
 * (the same status as JSON in the body); `GET /webmention/{id}` is that status.
 */
export function webmentionRoutes(options: WebmentionRoutesOptions): Hono {
  const app = new Hono();
  app.use('*', anyOrigin);
  app.post('/', async (c) => {
    const form = await readForm(c.req.raw, options.maxBodyBytes);
    const mention = await receiveMention(options, {
      source: form.get('source') ?? undefined,
      target: form.get('target') ?? undefined,
      via: 'webmention',
      senderIp: options.clientAddress(c),
    });
    options.queued();
    const body: MentionStatusResponse = mentionStatus(mention);
    c.header('Location', new URL(`webmention/${mention.id}`, options.baseUrl(c.req.raw)).href);
    c.header('Cache-Control', 'no-store');
    return c.json(body, 201);
  });
  app.get('/:id', async (c) => {
    const id = c.req.param('id');
    const mention = isCommentId(id) ? await options.store.mentions.get(id) : undefined;
    if (!mention) throw new HttpError('not_found', 'No such mention');
    const body: MentionStatusResponse = mentionStatus(mention);
    c.header('Cache-Control', 'no-store');
    return c.json(body);
  });
  return app;
}

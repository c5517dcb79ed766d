import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { limits } from '../../protocol/limits.js';
import { threadKeyOf } from '../../protocol/thread-key.js';
import type { FindLinks } from '../../protocol/text-tokens.js';
import { validateNewComment, type FieldError } from '../../protocol/input-rules.js';
import type {
  Comment,
  ErrorResponse,
  ListCommentsResponse,
  PostCommentResponse,
} from '../../protocol/types.js';
import { HttpError } from '../http-error.js';
import type { ThreadLinks } from '../html/thread-markup.js';
import type { FormValues, PageView } from '../html/thread-page.js';
import { pageLocale, pageLocalizer, type PageLocalizer } from '../html/page-language.js';
import { threadCss } from '../html/thread-styles.js';
import type { FormTokens } from '../moderation/form-token.js';
import { queryOf } from '../query.js';
import { readForm } from '../read-json.js';

// Comments without JavaScript (docs/no-javascript.md): the thread as an HTML page with a plain form (GET and POST
// /thread), the markup `natter render` writes into <natter-comments> (GET /thread/embed), and their stylesheet. What
// they show and post goes through the JSON API of the same app (`api`): the same listing, cache, validation, limits,
// spam defences and moderation as the widget's requests, by construction.

export interface ThreadPageOptions {
  /** Answers a request to the JSON API (`/api/v1/…`) as the app would, with the runtime's bindings. */
  api: (request: Request, env: unknown) => Promise<Response>;
  tokens: FormTokens;
  /** linkifyjs's `tokenize`, as the widget's. */
  findLinks: FindLinks;
  /** The URL this server is reached at, ending in `/`. */
  baseUrl: (request: Request) => string;
  /**
   * Origins of the pages that hold threads (`--origin` but `*`, the site URL) and this server's own: the only places
   * a thread page links back to and a form returns to. Any other is refused: no open redirect.
   */
  pageOrigins: (request: Request) => ReadonlySet<string>;
  maxBodyBytes: number;
  maxTextLength: number;
  now: () => number;
}

/** The request headers the API is told of: who asks (for the limits and the moderators), and how it was reached. */
const passedHeaders = [
  'host',
  'user-agent',
  'referer',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
  'forwarded',
];

const nameOf = (field: string): field is Exclude<keyof FormValues, 'notify'> =>
  ['name', 'email', 'url', 'text'].includes(field);

/** What the reader is told about a field the API refused, in the words the widget's form uses. */
function fieldMessage(error: FieldError | undefined, localizer: PageLocalizer): string {
  switch (error?.code) {
    case 'required':
      return localizer.t('required');
    case 'too_long':
      return localizer.plural('tooLong', error.limit ?? 0);
    case 'invalid_email':
      return localizer.t('invalidEmail');
    case 'invalid_url':
      return localizer.t('invalidUrl');
    case 'invalid_characters':
      return localizer.t('invalidCharacters');
    default:
      return localizer.t('fieldRefused');
  }
}

/**
 * The writers of the thread page and of the embedded thread, and parse5 under them: imported by the first request
 * for one rather than at start, which most servers never get.
 */
async function htmlWriters() {
  const [{ toHtml }, { embeddedThread, threadMarkup }, { emptyForm, threadPage }] = await Promise.all([
    import('../html/markup.js'),
    import('../html/thread-markup.js'),
    import('../html/thread-page.js'),
  ]);
  return { toHtml, embeddedThread, threadMarkup, emptyForm, threadPage };
}

/** `GET /thread`, `POST /thread`, `GET /thread/embed` and `GET /thread/thread.css`. */
export function threadPageRoutes(options: ThreadPageOptions): Hono {
  const app = new Hono();

  /** Asks the JSON API of this app, as the reader's request came: the same client, through the same proxies. */
  async function callApi(c: Context, path: string, body?: unknown): Promise<Response> {
    const headers = new Headers();
    for (const name of passedHeaders) {
      const value = c.req.header(name);
      if (value !== undefined) headers.set(name, value);
    }
    if (body !== undefined) headers.set('content-type', 'application/json; charset=utf-8');
    const url = new URL(path, new URL(c.req.url).origin);
    const request = new Request(url, {
      method: body === undefined ? 'GET' : 'POST',
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return options.api(request, c.env);
  }

  /** `value` when it is an http(s) URL of a page origin, else a 400 page. */
  function pageUrl(c: Context, value: string): URL {
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!url || !/^https?:$/.test(url.protocol) || !options.pageOrigins(c.req.raw).has(url.origin)) {
      throw new HttpError('bad_request', `${value} is not a page of this site`, 'url');
    }
    return url;
  }

  /** The thread page's address on this server for `query`. */
  function threadPageUrl(c: Context, query: Record<string, string | undefined>, fragment = ''): string {
    const url = new URL('thread', options.baseUrl(c.req.raw));
    for (const [name, value] of Object.entries(query))
      if (value !== undefined) url.searchParams.set(name, value);
    return url.href + fragment;
  }

  /** Which thread a request names (`thread`, or the path of `url`), and the page it belongs to. */
  function threadOf(c: Context): { thread: string; page?: URL } {
    const query = queryOf(c.req.raw);
    const given = query.get('url');
    const page = given === null ? undefined : pageUrl(c, given);
    const thread = query.get('thread') ?? (page && threadKeyOf(page));
    if (thread === undefined || thread === '') {
      throw new HttpError('bad_request', 'Name the page (`url`) or the thread (`thread`)', 'thread');
    }
    return { thread, ...(page && { page }) };
  }

  /** One page of the thread from the API, or the API's error as a page. */
  async function listed(
    c: Context,
    parameters: Record<string, string | undefined>,
  ): Promise<ListCommentsResponse> {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(parameters)) if (value !== undefined) search.set(name, value);
    const answer = await callApi(c, `/api/v1/comments?${search}`);
    const body = (await answer.json()) as ListCommentsResponse | ErrorResponse;
    if ('error' in body) throw new HttpError(body.error.code, body.error.message, body.error.field);
    return body;
  }

  /** Shows a refusal as a page of its own, in HTML, with its status; faults go to the app's error handler. */
  function failurePage(
    c: Context,
    error: unknown,
    localizer: PageLocalizer,
    title: 'badRequestTitle' | 'notPostedTitle' = 'badRequestTitle',
  ): Promise<Response> {
    if (!(error instanceof HttpError) || error.status >= 500) throw error;
    return htmlPage(
      c,
      error.status as ContentfulStatusCode,
      {
        localizer,
        title: localizer.t(title),
        notice: { kind: 'alert', lines: [error.message] },
      },
      error.headers,
    );
  }

  async function htmlPage(
    c: Context,
    status: ContentfulStatusCode,
    view: PageView,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    // Pages of this server, and the site's, are the only places its forms go, and a post's answer leads to.
    const formAction = ["'self'", ...options.pageOrigins(c.req.raw)].join(' ');
    return c.html((await htmlWriters()).threadPage(view), status, {
      'Cache-Control': 'no-store',
      'Content-Security-Policy': `default-src 'none'; style-src 'self'; form-action ${formAction}; base-uri 'none'; frame-ancestors 'none'`,
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      ...headers,
    });
  }

  app.get('/thread.css', (c) =>
    c.body(threadCss, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
    }),
  );

  app.get('/', async (c) => {
    const query = queryOf(c.req.raw);
    const requested = query.get('lang');
    const locale = pageLocale(requested, c.req.header('accept-language'));
    const localizer = await pageLocalizer(locale);
    const html = await htmlWriters();
    try {
      const { thread, page } = threadOf(c);
      const cursor = query.get('cursor') ?? undefined;
      const sort = query.get('sort') ?? undefined;
      const listing = await listed(c, { thread, sort, cursor });
      const own = {
        url: page?.href,
        thread: page && threadKeyOf(page) === thread ? undefined : thread,
        sort,
        // A language the address chose stays chosen on the page's own links; one the browser chose, it chooses again.
        lang: requested === null ? undefined : locale,
      };
      const replyTo = query.get('reply');
      const parent = replyTo === null ? undefined : await listedComment(c, thread, replyTo, listing.comments);
      const posted = query.get('posted');
      return await htmlPage(c, 200, {
        localizer,
        title: localizer.t('headingEmpty'),
        ...(page && { backTo: page.href }),
        ...((posted === 'published' || posted === 'pending') && {
          notice: {
            kind: 'status',
            lines: [
              localizer.t(posted === 'published' ? 'posted' : 'postedPending'),
              ...(query.get('notify') === 'check' ? [localizer.t('notifyCheckInbox')] : []),
            ],
          },
        }),
        thread: html.threadMarkup({
          page: listing,
          localizer,
          findLinks: options.findLinks,
          maxDepth: 3,
          isEmbedded: false,
          links: {
            ...(listing.next && { more: threadPageUrl(c, { ...own, cursor: listing.next }) }),
            write: '#write',
            ...(!listing.thread.locked && {
              reply: (id: string) => threadPageUrl(c, { ...own, reply: id }, '#write'),
            }),
          },
        }),
        ...(!listing.thread.locked && {
          form: {
            thread,
            lang: locale,
            returnTo: threadPageUrl(c, own),
            formToken: await options.tokens.issue(thread, options.now()),
            ...(parent && { parent: { comment: parent, cancel: threadPageUrl(c, own, '#write') } }),
            values: html.emptyForm,
            textLength: listing.thread.limits?.textLength ?? options.maxTextLength,
            offersNotifications: listing.thread.replyNotifications === true,
          },
        }),
      });
    } catch (error) {
      return failurePage(c, error, localizer);
    }
  });

  /** The comment a reply link names, when the thread lists it. */
  async function listedComment(
    c: Context,
    thread: string,
    id: string,
    shown: readonly Comment[] = [],
  ): Promise<Comment | undefined> {
    const listed = shown.find((comment) => comment.id === id);
    if (listed) return listed.deleted ? undefined : listed;
    const answer = await callApi(c, `/api/v1/comments/${encodeURIComponent(id)}`);
    if (!answer.ok) return undefined;
    const { comment } = (await answer.json()) as { comment: Comment };
    return comment.thread === thread && !comment.deleted ? comment : undefined;
  }

  app.get('/embed', async (c) => {
    const { thread, page } = threadOf(c);
    const query = queryOf(c.req.raw);
    const limit = Number(query.get('limit') ?? limits.defaultPageSize);
    const sort = query.get('sort') ?? 'oldest';
    const depth = Number(query.get('depth') ?? 3);
    if (!Number.isInteger(depth) || depth < 0 || depth > 100) {
      throw new HttpError('bad_request', 'Query: `depth` must be a whole number from 0 to 100', 'depth');
    }
    // The language the site names (natter render --locale), never the visitor's: the page is made for all of them.
    const requested = query.get('lang');
    const locale = pageLocale(requested);
    const answer = await callApi(
      c,
      `/api/v1/comments?${new URLSearchParams({ thread, limit: String(limit), sort })}`,
    );
    const body = (await answer.json()) as ListCommentsResponse | ErrorResponse;
    if ('error' in body) return c.json(body, answer.status as ContentfulStatusCode);
    const own = {
      url: page?.href,
      thread: page && threadKeyOf(page) === thread ? undefined : thread,
      lang: requested === null ? undefined : locale,
    };
    const links: ThreadLinks = {
      ...(body.next && { more: threadPageUrl(c, { ...own, cursor: body.next }) }),
      thread: threadPageUrl(c, own),
      write: threadPageUrl(c, own, '#write'),
    };
    const html = await htmlWriters();
    const markup = html.embeddedThread({
      page: body,
      localizer: await pageLocalizer(locale),
      findLinks: options.findLinks,
      maxDepth: depth,
      links,
      query: { thread, sort, limit },
      stylesheet: new URL('thread/thread.css', options.baseUrl(c.req.raw)).href,
      renderedAt: new Date(options.now()).toISOString(),
    });
    return c.body(html.toHtml(markup), 200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
    });
  });

  app.post('/', async (c) => {
    const values: FormValues = { ...(await htmlWriters()).emptyForm };
    const acceptLanguage = c.req.header('accept-language');
    // The browser's language until the form names the page's.
    let locale = pageLocale(undefined, acceptLanguage);
    try {
      const origin = c.req.header('origin');
      if (origin !== undefined && !options.pageOrigins(c.req.raw).has(origin)) {
        throw new HttpError('forbidden', `Pages on ${origin} may not post here`);
      }
      const form = await readForm(c.req.raw, options.maxBodyBytes);
      locale = pageLocale(form.get('lang'), acceptLanguage);
      for (const name of ['name', 'email', 'url', 'text'] as const) values[name] = form.get(name) ?? '';
      values.notify = form.get('notify') === '1';
      const returnTo = form.get('return');
      // Checked before anything is posted: a form that would lead elsewhere posts nothing.
      const destination = returnTo ? pageUrl(c, returnTo) : undefined;
      const thread = form.get('thread') ?? '';
      const input = {
        thread,
        parent: form.get('parent') || null,
        name: values.name,
        email: values.email || null,
        url: values.url || null,
        text: values.text,
        formToken: form.get('formToken') || null,
        honeypot: form.get('homepage'),
        ...(values.notify && { notify: true }),
      };
      const answer = await callApi(c, '/api/v1/comments', input);
      const body = (await answer.json()) as PostCommentResponse | ErrorResponse;
      if ('error' in body) {
        return await refusedPage(c, answer, body, form, values, await pageLocalizer(locale));
      }
      const { comment } = body;
      const isPublished = comment.status === 'published';
      const target = destination ?? new URL(threadPageUrl(c, { thread }));
      if (isThreadPage(c, target)) {
        if (!target.searchParams.has('lang')) target.searchParams.set('lang', locale);
        target.searchParams.set('posted', comment.status);
        if (values.notify && values.email) target.searchParams.set('notify', 'check');
      }
      if (isPublished) target.hash = `comment-${comment.id}`;
      return c.redirect(target.href, 303);
    } catch (error) {
      return failurePage(c, error, await pageLocalizer(locale), 'notPostedTitle');
    }
  });

  /** Whether the server offers reply notifications on `thread` (as its listing says); no when it cannot be listed. */
  async function offersNotifications(c: Context, thread: string): Promise<boolean> {
    try {
      return (await listed(c, { thread, limit: '1' })).thread.replyNotifications === true;
    } catch {
      return false;
    }
  }

  /** Whether `url` is this server's thread page, whose `posted` parameter says how a post went. */
  function isThreadPage(c: Context, url: URL): boolean {
    return url.href.split(/[?#]/)[0] === new URL('thread', options.baseUrl(c.req.raw)).href;
  }

  /** The form again, with what the reader typed and why the server refused it. */
  async function refusedPage(
    c: Context,
    answer: Response,
    { error }: ErrorResponse,
    form: URLSearchParams,
    values: FormValues,
    localizer: PageLocalizer,
  ): Promise<Response> {
    const thread = form.get('thread') ?? '';
    const returnTo = form.get('return') ?? threadPageUrl(c, { thread });
    const retryAfter = answer.headers.get('retry-after');
    const field = error.field !== undefined && nameOf(error.field) ? error.field : undefined;
    const fieldError =
      field &&
      validateNewComment({
        thread,
        name: values.name,
        text: values.text,
        email: values.email,
        url: values.url,
      }).find((broken) => broken.field === field);
    const lines =
      error.code === 'rate_limited' && retryAfter
        ? [localizer.plural('rateLimited', Number(retryAfter))]
        : field
          ? [localizer.t('postErrorField')]
          : [localizer.t('postError', { message: error.message })];
    // The token the reader posted stays theirs while it is good: a new one would be too young to post again at once.
    const posted = form.get('formToken') ?? '';
    const check = posted && (await options.tokens.check(posted, thread, options.now()));
    const formToken =
      check === 'valid' || check === 'too_fast' ? posted : await options.tokens.issue(thread, options.now());
    const parentId = form.get('parent');
    const parent = parentId ? await listedComment(c, thread, parentId) : undefined;
    return htmlPage(
      c,
      answer.status as ContentfulStatusCode,
      {
        localizer,
        title: localizer.t('notPostedTitle'),
        notice: { kind: 'alert', lines: [...lines, localizer.t('formKept')] },
        form: {
          thread,
          lang: localizer.locale,
          returnTo,
          formToken,
          ...(parent && { parent: { comment: parent, cancel: returnTo } }),
          values,
          ...(field && { fieldError: { field, message: fieldMessage(fieldError || undefined, localizer) } }),
          textLength: options.maxTextLength,
          offersNotifications: values.notify || (await offersNotifications(c, thread)),
        },
      },
      retryAfter ? { 'Retry-After': retryAfter } : {},
    );
  }

  return app;
}

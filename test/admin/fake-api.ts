import type {
  AdminAction,
  AdminComment,
  AdminCounts,
  AdminReference,
  AdminReport,
  AdminRule,
  AdminStatus,
  AdminThread,
  SiteResponse,
} from '../../src/protocol/admin.js';

/** A request the fake admin API saw. */
export interface SeenAdminRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });

const error = (status: number, code: string, field?: string, headers: Record<string, string> = {}) =>
  json(status, { error: { code, message: `server says ${code}`, ...(field && { field }) } }, headers);

let serial = 0;

/** A comment as the admin API sends it; held, from a first-time author, unless `fields` say otherwise. */
export function anAdminComment(fields: Partial<AdminComment> = {}): AdminComment {
  serial += 1;
  const thread = fields.thread ?? '/2026/11/a-post';
  return {
    id: `c${serial}`,
    thread,
    pageUrl: `https://blog.example.com${thread}`,
    parent: null,
    author: { name: `Reader ${serial}`, url: null, email: `reader${serial}@example.com`, ip: '203.0.113.7' },
    text: `Comment number ${serial}.`,
    status: 'pending',
    reason: 'held: first-time author',
    reportCount: 0,
    createdAt: new Date(Date.UTC(2026, 10, 1, 10) + serial * 60_000).toISOString(),
    editedAt: null,
    moderatedAt: null,
    ...fields,
  };
}

/** A verified reference as the admin API sends it; a held reply from other.example unless `fields` say otherwise. */
export function anAdminReference(fields: Partial<AdminReference> = {}): AdminReference {
  serial += 1;
  const thread = fields.thread ?? '/2026/11/a-post';
  const createdAt = new Date(Date.UTC(2026, 10, 1, 10) + serial * 60_000).toISOString();
  return {
    id: `m${serial}`,
    thread,
    target: `https://blog.example.com${thread}`,
    source: `https://other.example/responses/${serial}`,
    via: 'webmention',
    state: 'verified',
    status: 'pending',
    reason: 'held: first reference from other.example',
    detail: null,
    sourceHost: 'other.example',
    senderIp: '198.51.100.4',
    kind: 'reply',
    url: `https://other.example/2026/11/response-${serial}`,
    title: `Response number ${serial}`,
    author: { name: `Writer ${serial}`, url: 'https://other.example/', photo: null },
    excerpt: `What response ${serial} says.`,
    publishedAt: createdAt,
    attempts: 0,
    createdAt,
    updatedAt: createdAt,
    verifiedAt: createdAt,
    moderatedAt: null,
    ...fields,
  };
}

/** The page of `items` a list's query asks for (`before`, `limit`), newest first, as the admin API pages. */
function pageOf<Item extends { createdAt: string; id: string }>(
  items: Item[],
  query: URLSearchParams,
): { page: Item[]; next: string | null } {
  const sorted = [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const before = query.get('before');
  const start = before ? sorted.findIndex((item) => `${item.createdAt}|${item.id}` === before) + 1 : 0;
  const limit = Number(query.get('limit') ?? 50);
  const page = sorted.slice(start, start + limit);
  const last = page.at(-1);
  return { page, next: sorted.length > start + limit && last ? `${last.createdAt}|${last.id}` : null };
}

const after: Record<AdminAction, (status: AdminStatus) => AdminStatus> = {
  approve: () => 'published',
  spam: () => 'spam',
  delete: () => 'deleted',
  restore: (status) => (status === 'spam' || status === 'deleted' ? 'pending' : status),
};

/**
 * A stand-in for the admin API in the page's `fetch`: comments, rules, threads and the site in memory, a session
 * (password `correct horse`, CSRF token checked on every change), and a record of every request. `override` may
 * answer any request first.
 */
export class FakeAdminApi {
  comments: AdminComment[] = [];
  references: AdminReference[] = [];
  rules: AdminRule[] = [];
  reports = new Map<string, AdminReport[]>();
  threads = new Map<string, AdminThread>();
  site: SiteResponse = { readOnly: false, moderation: 'first-time', siteUrl: 'https://blog.example.com' };
  isSignedIn = false;
  readonly csrfToken = 'csrf-token-1';
  readonly requests: SeenAdminRequest[] = [];
  override: ((request: SeenAdminRequest) => Response | undefined | Promise<Response | undefined>) | undefined;
  /** How long each answer takes, in milliseconds. */
  delayMs = 0;

  constructor(
    options: { comments?: AdminComment[]; references?: AdminReference[]; isSignedIn?: boolean } = {},
  ) {
    this.comments = options.comments ?? [];
    this.references = options.references ?? [];
    this.isSignedIn = options.isSignedIn ?? false;
  }

  /** The requests that changed something. */
  get changes(): SeenAdminRequest[] {
    return this.requests.filter((request) => request.method !== 'GET');
  }

  counts(): AdminCounts {
    const references = this.references.filter(
      (reference) => reference.state === 'verified' && reference.status === 'pending',
    ).length;
    const counts: AdminCounts = { published: 0, pending: 0, spam: 0, deleted: 0, reported: 0, references };
    for (const comment of this.comments) {
      counts[comment.status] += 1;
      if (comment.reportCount > 0 && (comment.status === 'published' || comment.status === 'pending')) {
        counts.reported += 1;
      }
    }
    return counts;
  }

  readonly fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input));
    const request: SeenAdminRequest = {
      method: init.method ?? 'GET',
      path: url.pathname.replace(/^.*\/api\//, ''),
      query: url.searchParams,
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    this.requests.push(request);
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    return (await this.override?.(request)) ?? this.#answer(request);
  };

  #answer({ method, path, query, headers, body }: SeenAdminRequest): Response {
    if (method === 'POST' && path === 'login') {
      if ((body as { password: string }).password !== 'correct horse') return error(401, 'unauthorized');
      this.isSignedIn = true;
      return json(200, { csrfToken: this.csrfToken, expiresAt: '2026-11-02T10:00:00.000Z' });
    }
    if (!this.isSignedIn) return error(401, 'unauthorized');
    if (method !== 'GET' && headers.get('x-natter-csrf') !== this.csrfToken) return error(403, 'forbidden');
    if (path === 'session')
      return json(200, { csrfToken: this.csrfToken, expiresAt: '2026-11-02T10:00:00.000Z' });
    if (path === 'logout') {
      this.isSignedIn = false;
      return new Response(null, { status: 204 });
    }
    if (path === 'comments' && method === 'GET') return this.#list(query);
    if (path === 'comments/bulk') {
      const { action, ids } = body as { action: AdminAction; ids: string[] };
      const done = ids.filter((id) => this.#act(id, action));
      return json(200, { done, notFound: ids.filter((id) => !done.includes(id)), counts: this.counts() });
    }
    const one = /^comments\/([^/]+)(?:\/(\w+))?$/.exec(path);
    if (one) {
      const comment = this.comments.find((candidate) => candidate.id === decodeURIComponent(one[1] ?? ''));
      if (!comment) return error(404, 'not_found');
      if (method === 'GET') {
        const earlier = this.comments.filter(
          (other) => other.author.email === comment.author.email && other.createdAt < comment.createdAt,
        );
        return json(200, {
          comment,
          thread: this.#thread(comment.thread),
          earlier,
          reports: this.reports.get(comment.id) ?? [],
        });
      }
      if (method === 'PATCH') {
        comment.text = (body as { text: string }).text;
        comment.editedAt = '2026-11-01T12:00:00.000Z';
        return json(200, { comment, counts: this.counts() });
      }
      this.#act(comment.id, one[2] as AdminAction);
      return json(200, { comment, counts: this.counts() });
    }
    if (path === 'references' && method === 'GET') return this.#listReferences(query);
    const reference = /^references\/([^/]+)$/.exec(path);
    if (reference && method === 'PATCH') {
      const found = this.references.find(
        (candidate) => candidate.id === decodeURIComponent(reference[1] ?? ''),
      );
      if (!found) return error(404, 'not_found');
      if (found.state !== 'verified') return error(409, 'conflict');
      const { status } = body as { status: AdminStatus };
      if (found.status !== status) {
        found.status = status;
        found.moderatedAt = '2026-11-01T12:00:00.000Z';
      }
      return json(200, { reference: found, counts: this.counts() });
    }
    if (path === 'threads') {
      const key = method === 'GET' ? (query.get('key') ?? '') : (body as { key: string }).key;
      const thread = this.#thread(key);
      if (method === 'PATCH') Object.assign(thread, body);
      return json(200, { thread });
    }
    if (path === 'site') {
      if (method === 'PATCH') this.site = { ...this.site, ...(body as object) };
      return json(200, this.site);
    }
    if (path === 'rules' && method === 'GET') return json(200, { rules: this.rules });
    if (path === 'rules') {
      const input = body as Omit<AdminRule, 'id' | 'createdAt'>;
      if (input.kind === 'ip' && !/^[\d.:/a-f]+$/.test(input.pattern))
        return error(422, 'validation_failed', 'pattern');
      if (input.action === 'publish' && (input.kind === 'word' || input.kind === 'domain'))
        return error(422, 'validation_failed', 'action');
      const rule: AdminRule = {
        ...input,
        note: input.note ?? null,
        id: `r${++serial}`,
        createdAt: '2026-11-01T09:00:00.000Z',
      };
      this.rules.push(rule);
      return json(201, { rule });
    }
    const rule = /^rules\/(.+)$/.exec(path);
    if (rule && method === 'DELETE') {
      this.rules = this.rules.filter((candidate) => candidate.id !== rule[1]);
      return new Response(null, { status: 204 });
    }
    return error(404, 'not_found');
  }

  #act(id: string, action: AdminAction): boolean {
    const comment = this.comments.find((candidate) => candidate.id === id);
    if (!comment) return false;
    comment.status = after[action](comment.status);
    // As the server does: approving answers the reports so far.
    if (action === 'approve') comment.reportCount = 0;
    return true;
  }

  #thread(key: string): AdminThread {
    let thread = this.threads.get(key);
    if (!thread) {
      thread = { key, url: `https://blog.example.com${key}`, count: 0, locked: false, moderation: null };
      this.threads.set(key, thread);
    }
    return thread;
  }

  #listReferences(query: URLSearchParams): Response {
    const status = query.get('status');
    const state = query.get('state');
    const { page, next } = pageOf(
      this.references.filter(
        (reference) => (!status || reference.status === status) && (!state || reference.state === state),
      ),
      query,
    );
    return json(200, { references: page, next, counts: this.counts() });
  }

  #list(query: URLSearchParams): Response {
    const queue = query.get('queue') ?? 'recent';
    const text = query.get('q')?.toLowerCase();
    const matches = (comment: AdminComment) => {
      if (queue === 'pending' && comment.status !== 'pending') return false;
      if (queue === 'spam' && comment.status !== 'spam') return false;
      if (queue === 'deleted' && comment.status !== 'deleted') return false;
      if (
        queue === 'reported' &&
        !(comment.reportCount > 0 && ['published', 'pending'].includes(comment.status))
      ) {
        return false;
      }
      if (
        text &&
        ![comment.text, comment.author.name, comment.author.email ?? '', comment.thread].some((field) =>
          field.toLowerCase().includes(text),
        )
      ) {
        return false;
      }
      const email = query.get('email');
      if (email && comment.author.email?.toLowerCase() !== email.toLowerCase()) return false;
      const thread = query.get('thread');
      return !thread || comment.thread === thread;
    };
    const { page, next } = pageOf(this.comments.filter(matches), query);
    return json(200, { comments: page, next, counts: this.counts() });
  }
}

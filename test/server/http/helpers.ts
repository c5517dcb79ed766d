import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type {
  ErrorCode,
  ListCommentsResponse,
  NewComment,
  PostCommentResponse,
  SortOrder,
} from '../../../src/protocol/types.js';
import { createApp, type AppOptions } from '../../../src/server/app.js';
import { isPostgresUrl } from '../../../src/server/storage/open-store.js';
import type { CommentStore, StoredComment } from '../../../src/server/storage/store.js';
import { backends, type Backend } from '../storage/backends.js';

export { backends };

/** The origin the test apps are reached at; `app.fetch` needs a URL, never a port. */
export const baseUrl = 'http://natter.test';
/** An origin on the allow-list of apps built with `allowedOrigins`. */
export const allowedOrigin = 'https://blog.example.com';
export const allowedOrigins = [allowedOrigin];
/** Where every test clock starts, so that timestamps in answers are predictable. */
export const startTime = Date.parse('2025-06-01T10:00:00.000Z');

/** A clock for the app's `now` option that moves only when told. */
export class TestClock {
  #time = startTime;
  readonly now = (): number => this.#time;
  advance(milliseconds: number): void {
    this.#time += milliseconds;
  }
  iso(): string {
    return new Date(this.#time).toISOString();
  }
}

/** A response, read once: its body as text and, when it says it is JSON, parsed. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: unknown;
}

export interface TestRequestInit extends RequestInit {
  /** Sent as the JSON body with `Content-Type: application/json`. */
  json?: unknown;
  /** The peer address the Node adapter would report for the socket. */
  clientAddress?: string;
}

/** An app on a suite's database, with its own clock. */
export interface TestApp {
  clock: TestClock;
  store: CommentStore;
  request(path: string, init?: TestRequestInit): Promise<Answer>;
}

/** One backend's fresh database for one suite: build apps on it, look at its rows. */
export interface SuiteDatabase {
  store: CommentStore;
  /**
   * A new app on this database (or on `options.store`, which may wrap it); unlike in production the rate limits,
   * the form token's requirement and the link limit are off unless `options` set them.
   */
  app(options?: Partial<AppOptions>): TestApp;
  /** The comment's row as the database holds it, every column, read past the store. */
  rawComment(id: string): Promise<Record<string, unknown> | undefined>;
  /** How many rows a table holds, counted past the store. */
  rawCount(table: RawTable): Promise<number>;
  /** Every row of a table, every column, read past the store. */
  rawRows(table: RawTable): Promise<Record<string, unknown>[]>;
}

/** The tables the tests look into past the store. */
type RawTable = 'rate_counts' | 'reports' | 'comments' | 'post_keys';

/** Gives the suite it is called in a fresh database of `backend`, opened before its tests, dropped after. */
export function useFreshDatabase(backend: Backend): () => SuiteDatabase {
  let database: SuiteDatabase | undefined;
  let cleanup: (() => Promise<void>) | undefined;
  before(async () => {
    const fresh = await backend.makeDatabase();
    let store: CommentStore;
    try {
      store = await fresh.open();
    } catch (error) {
      await fresh.cleanup();
      throw error;
    }
    cleanup = async () => {
      await store.close();
      await fresh.cleanup();
    };
    database = {
      store,
      app: (options = {}) => buildApp(store, options),
      rawComment: (id) => readRawComment(fresh.location, id),
      rawCount: async (table) => (await readRawRows(fresh.location, table)).length,
      rawRows: (table) => readRawRows(fresh.location, table),
    };
  });
  after(() => cleanup?.());
  return () => {
    assert.ok(database, 'the database opens in before()');
    return database;
  };
}

function buildApp(databaseStore: CommentStore, options: Partial<AppOptions>): TestApp {
  const clock = new TestClock();
  const store = options.store ?? databaseStore;
  // The peer address as the Node adapter reads it from the socket (here, the bindings `request` passes).
  const peerAddress = (c: Context) =>
    (c.env as Partial<HttpBindings> | undefined)?.incoming?.socket.remoteAddress;
  // Open moderation and no spam defence unless a test asks for them: most tests are about what happens to a
  // published comment, posted the way curl would post it.
  const app = createApp({
    rateLimit: false,
    threadRateLimit: false,
    formToken: { isRequired: false },
    maxLinks: false,
    moderation: 'open',
    now: clock.now,
    peerAddress,
    ...options,
    store,
  });
  return {
    clock,
    store,
    async request(path, { json, clientAddress, ...init } = {}) {
      const headers = new Headers(init.headers);
      if (json !== undefined) {
        if (!headers.has('content-type')) headers.set('content-type', 'application/json; charset=utf-8');
        init.body = JSON.stringify(json);
      }
      const request = new Request(new URL(path, baseUrl), { ...init, headers });
      const bindings = clientAddress ? { incoming: { socket: { remoteAddress: clientAddress } } } : undefined;
      const response = await app.fetch(request, bindings as HttpBindings | undefined);
      const text = await response.text();
      const isJson = /^application\/json\b/.test(response.headers.get('content-type') ?? '');
      return {
        status: response.status,
        headers: response.headers,
        text,
        body: isJson ? JSON.parse(text) : undefined,
      };
    },
  };
}

async function readRawComment(location: string, id: string): Promise<Record<string, unknown> | undefined> {
  if (isPostgresUrl(location)) {
    const client = new pg.Client({ connectionString: location });
    await client.connect();
    try {
      const { rows } = await client.query<Record<string, unknown>>('select * from comments where id = $1', [
        id,
      ]);
      return rows[0];
    } finally {
      await client.end();
    }
  }
  const database = new BetterSqlite3(location, { readonly: true, fileMustExist: true });
  try {
    return database.prepare('select * from comments where id = ?').get(id) as
      Record<string, unknown> | undefined;
  } finally {
    database.close();
  }
}

async function readRawRows(location: string, table: RawTable): Promise<Record<string, unknown>[]> {
  if (isPostgresUrl(location)) {
    const client = new pg.Client({ connectionString: location });
    await client.connect();
    try {
      return (await client.query<Record<string, unknown>>(`select * from ${table}`)).rows;
    } finally {
      await client.end();
    }
  }
  const database = new BetterSqlite3(location, { readonly: true, fileMustExist: true });
  try {
    return database.prepare(`select * from ${table}`).all() as Record<string, unknown>[];
  } finally {
    database.close();
  }
}

let threadCount = 0;

/** A thread key no other test uses. */
export function uniqueThread(): string {
  threadCount += 1;
  return `/posts/${threadCount}-${randomBytes(4).toString('hex')}`;
}

/** The body of a valid new comment, on a thread of its own unless `fields` names one. */
export function newComment(fields: Partial<NewComment> = {}): NewComment {
  return { thread: uniqueThread(), name: 'Ada', text: 'Lovely post.', ...fields };
}

/** A comment as a moderator's tool would put it straight into the store. */
export function storedComment(fields: Partial<StoredComment> = {}): StoredComment {
  return {
    id: `c_${randomBytes(8).toString('hex')}`,
    thread: uniqueThread(),
    parent: null,
    authorName: 'Grace',
    authorEmail: null,
    authorUrl: null,
    text: 'Stored directly.',
    status: 'published',
    createdAt: new Date(startTime).toISOString(),
    editedAt: null,
    secretHash: 'not-a-real-hash',
    editableUntil: new Date(startTime).toISOString(),
    reason: null,
    authorIp: null,
    reportCount: 0,
    moderatedAt: null,
    isDeleted: false,
    likes: 0,
    replyCount: 0,
    ...fields,
  };
}

/** `POST /api/v1/comments` with `body` as JSON. */
export function post(app: TestApp, body: unknown, init: TestRequestInit = {}): Promise<Answer> {
  return app.request('/api/v1/comments', { method: 'POST', json: body, ...init });
}

/** `PATCH /api/v1/comments/{id}` with `body` as JSON and, when given, the secret. */
export function patch(app: TestApp, id: string, body: unknown, secret?: string): Promise<Answer> {
  const headers: Record<string, string> = secret === undefined ? {} : { authorization: `Bearer ${secret}` };
  return app.request(`/api/v1/comments/${encodeURIComponent(id)}`, { method: 'PATCH', json: body, headers });
}

/** `DELETE /api/v1/comments/{id}` with, when given, the secret. */
export function remove(app: TestApp, id: string, secret?: string): Promise<Answer> {
  const headers: Record<string, string> = secret === undefined ? {} : { authorization: `Bearer ${secret}` };
  return app.request(`/api/v1/comments/${encodeURIComponent(id)}`, { method: 'DELETE', headers });
}

/** Posts a comment that must be accepted (201 or 202) and returns the answer's body. */
export async function postComment(
  app: TestApp,
  fields: Partial<NewComment> = {},
): Promise<PostCommentResponse> {
  const answer = await post(app, newComment(fields));
  assert.ok(answer.status === 201 || answer.status === 202, `post answered ${answer.status}: ${answer.text}`);
  return answer.body as PostCommentResponse;
}

/** A `GET /api/v1/comments` path for these query parameters, each percent-encoded. */
export function listPath(query: Record<string, string | number>): string {
  const pairs = Object.entries(query).map(([name, value]) => `${name}=${encodeURIComponent(value)}`);
  return `/api/v1/comments?${pairs.join('&')}`;
}

/** A page of a thread that must be answered 200. */
export async function listPage(
  app: TestApp,
  query: { thread: string; limit?: number; sort?: SortOrder; cursor?: string },
): Promise<ListCommentsResponse> {
  const answer = await app.request(listPath(query));
  assert.equal(answer.status, 200, answer.text);
  return answer.body as ListCommentsResponse;
}

/** Every listed comment of a thread, page by page, with the pages' sizes. */
export async function listAll(
  app: TestApp,
  thread: string,
  { sort = 'oldest', limit }: { sort?: SortOrder; limit?: number } = {},
): Promise<{ ids: string[]; pageSizes: number[] }> {
  const ids: string[] = [];
  const pageSizes: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await listPage(app, { thread, sort, ...(limit && { limit }), ...(cursor && { cursor }) });
    ids.push(...page.comments.map((comment) => comment.id));
    pageSizes.push(page.comments.length);
    cursor = page.next ?? undefined;
  } while (cursor && pageSizes.length < 1000);
  return { ids, pageSizes };
}

/** `GET /api/v1/counts` for these keys, repeated `thread` parameters. */
export function countsPath(threads: readonly string[]): string {
  return `/api/v1/counts?${threads.map((thread) => `thread=${encodeURIComponent(thread)}`).join('&')}`;
}

/**
 * Asserts that `answer` is the protocol's error: this status and code, and `field` when given (`null`: no
 * field at all). Every error is JSON. `label` names the case in a failure message.
 */
export function assertError(
  answer: Answer,
  status: number,
  code: ErrorCode,
  field?: string | null,
  label?: string,
): void {
  const context = `${label ? `${label}: ` : ''}answered ${answer.status} ${answer.text.slice(0, 500)}`;
  assert.equal(answer.status, status, context);
  assert.match(answer.headers.get('content-type') ?? '', /^application\/json/, context);
  const { error } = answer.body as { error: { code: string; message: unknown; field?: unknown } };
  assert.equal(error.code, code, context);
  assert.equal(typeof error.message, 'string', context);
  if (field === null) assert.equal('field' in error, false, context);
  else if (field !== undefined) assert.equal(error.field, field, context);
}

/** The hostile strings of a list in test/fixtures/security/, one a line, with `\n` standing for a newline. */
export function hostileStrings(file: 'markup.txt' | 'unicode.txt' | 'urls.txt'): string[] {
  const text = readFileSync(new URL(`../../fixtures/security/${file}`, import.meta.url), 'utf8');
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line) => line.replaceAll('\\n', '\n'));
}

/** A folder holding a stand-in widget, so that tests of serving it need no build. */
export async function makeWidgetDirectory(): Promise<{ directory: string; cleanup: () => Promise<void> }> {
  const directory = await mkdtemp(join(tmpdir(), 'natter-widget-'));
  await writeFile(join(directory, 'natter.js'), 'import "./natter-x-abc.js";\n');
  await writeFile(join(directory, 'natter-x-abc.js'), 'export const chunk = 1;\n');
  await writeFile(join(directory, 'other.js'), 'export const notTheWidget = 1;\n');
  await writeFile(join(directory, 'natter-notes.txt'), 'not a script\n');
  return { directory, cleanup: () => rm(directory, { recursive: true, force: true }) };
}

import assert from 'node:assert/strict';
import { randomBytes, scryptSync } from 'node:crypto';
import type { AdminCounts, AdminErrorCode, SessionResponse } from '../../../src/protocol/admin.js';
import type { ErrorCode } from '../../../src/protocol/types.js';
import type { AppOptions } from '../../../src/server/app.js';
import { scryptPasswords } from '../../../src/server/node/scrypt-passwords.js';
import type { CommentStore } from '../../../src/server/storage/store.js';
import {
  assertError,
  type Answer,
  type SuiteDatabase,
  type TestApp,
  type TestRequestInit,
} from '../http/helpers.js';

export const adminPassword = 'correct horse battery staple';

/**
 * A hash of `password` in the format the server checks, at a cost far below the real one (N = 2^10): the tests
 * sign in hundreds of times. The real cost is tested once, on its own.
 */
export function cheapHash(password = adminPassword): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFC'), salt, 32, { N: 1024, r: 8, p: 1 });
  return `scrypt$1024$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Stores `password` as the admin password, as `natter admin set-password` does. */
export async function setPassword(store: CommentStore, password = adminPassword): Promise<void> {
  await store.settings.set('admin_password_hash', cheapHash(password));
}

let appCount = 0;

/**
 * An app with the admin API (Node's scrypt hasher, as `natter serve` has), on the suite's database. Its clock starts
 * an hour after the previous app's: sign-in attempts are counted in the database, by minute, and each test's must
 * not count against the next one's.
 */
export function adminApp(database: SuiteDatabase, options: Partial<AppOptions> = {}): TestApp {
  const app = database.app({ passwords: scryptPasswords, ...options });
  appCount += 1;
  app.clock.advance(appCount * 3_600_000);
  return app;
}

/** `assertError` for the admin API's codes, `unauthorized` among them. */
export function assertAdminError(
  answer: Answer,
  status: number,
  code: AdminErrorCode,
  field?: string | null,
  label?: string,
): void {
  assertError(answer, status, code as ErrorCode, field, label);
}

/** A signed-in moderator: requests with the session's cookie and, for changes, its CSRF token. */
export interface Moderator {
  cookie: string;
  csrfToken: string;
  /** A request with the cookie, and the CSRF token unless `csrf: false`. */
  request(path: string, init?: TestRequestInit & { csrf?: boolean }): Promise<Answer>;
  get(path: string): Promise<Answer>;
  /** A state-changing request with a JSON body (or none). */
  send(method: string, path: string, json?: unknown): Promise<Answer>;
  counts(): Promise<AdminCounts>;
}

/** The `name=value` part of the session cookie a login answer sets. */
export function sessionCookieOf(answer: Answer): string {
  const header = answer.headers.get('set-cookie') ?? '';
  const pair = /^(natter_admin=[^;]*)/.exec(header)?.[1];
  assert.ok(pair, `a session cookie: ${header}`);
  return pair;
}

let clientCount = 0;

/**
 * `POST /admin/api/login` with `password`, from a client address of its own unless `init` names one: each client
 * may try only five times a minute.
 */
export function logIn(app: TestApp, password: string, init: TestRequestInit = {}): Promise<Answer> {
  clientCount += 1;
  const clientAddress = `10.0.${Math.floor(clientCount / 250) % 250}.${(clientCount % 250) + 1}`;
  return app.request('/admin/api/login', { method: 'POST', json: { password }, clientAddress, ...init });
}

/** Signs in with the admin password (it must be set) and returns the moderator's session. */
export async function signIn(
  app: TestApp,
  password = adminPassword,
  init: TestRequestInit = {},
): Promise<Moderator> {
  const answer = await logIn(app, password, init);
  assert.equal(answer.status, 200, answer.text);
  return moderatorOf(app, sessionCookieOf(answer), (answer.body as SessionResponse).csrfToken);
}

/** A moderator with this cookie and token. */
export function moderatorOf(app: TestApp, cookie: string, csrfToken: string): Moderator {
  const moderator: Moderator = {
    cookie,
    csrfToken,
    request(path, { csrf = true, ...init } = {}) {
      const headers = new Headers(init.headers);
      headers.set('cookie', cookie);
      if (csrf) headers.set('x-natter-csrf', csrfToken);
      return app.request(path, { ...init, headers });
    },
    get: (path) => moderator.request(path, { csrf: false }),
    send: (method, path, json) => moderator.request(path, { method, ...(json !== undefined && { json }) }),
    async counts() {
      const answer = await moderator.get('/admin/api/comments?queue=pending&limit=1');
      assert.equal(answer.status, 200, answer.text);
      return (answer.body as { counts: AdminCounts }).counts;
    },
  };
  return moderator;
}

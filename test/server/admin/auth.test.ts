// Signing in to the admin API: no session, no data (401); no CSRF token, no change (403); sessions that end when
// they should; a password that is hard to guess by trying.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SessionResponse } from '../../../src/protocol/admin.js';
import { scryptPasswords } from '../../../src/server/node/scrypt-passwords.js';
import { backends, postComment, useFreshDatabase } from '../http/helpers.js';
import {
  adminApp,
  adminPassword,
  assertAdminError,
  cheapHash,
  logIn,
  moderatorOf,
  sessionCookieOf,
  setPassword,
  signIn,
} from './helpers.js';

const hour = 3_600_000;
const day = 24 * hour;

/** Every route of the admin API but sign-in, with a body a change would need. */
const readRoutes: [string, string][] = [
  ['GET', '/admin/api/session'],
  ['GET', '/admin/api/comments?queue=pending'],
  ['GET', '/admin/api/comments/c_whatever'],
  ['GET', '/admin/api/references?status=pending'],
  ['GET', '/admin/api/threads?key=%2Fa'],
  ['GET', '/admin/api/site'],
  ['GET', '/admin/api/rules'],
  ['GET', '/admin/api/no-such-route'],
];
const changeRoutes: [string, string, unknown?][] = [
  ['POST', '/admin/api/logout'],
  ['POST', '/admin/api/comments/c_whatever/approve'],
  ['POST', '/admin/api/comments/c_whatever/spam'],
  ['POST', '/admin/api/comments/c_whatever/delete'],
  ['POST', '/admin/api/comments/c_whatever/restore'],
  ['PATCH', '/admin/api/comments/c_whatever', { text: 'Changed' }],
  ['POST', '/admin/api/comments/bulk', { action: 'approve', ids: ['c_whatever'] }],
  ['PATCH', '/admin/api/references/m_whatever', { status: 'published' }],
  ['PATCH', '/admin/api/threads', { key: '/a', locked: true }],
  ['PATCH', '/admin/api/site', { readOnly: true }],
  ['POST', '/admin/api/rules', { kind: 'word', pattern: 'casino', action: 'spam' }],
  ['DELETE', '/admin/api/rules/r_whatever'],
];

describe('admin sign-in', () => {
  for (const backend of backends()) {
    describe(backend.name, () => {
      const database = useFreshDatabase(backend);

      it('answers 401 to every route without a session, with a cookie it does not know, and says nothing more', async () => {
        await setPassword(database().store);
        const app = adminApp(database());
        const { comment } = await postComment(app, { email: 'ada@example.com' });
        const stranger = moderatorOf(app, 'natter_admin=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'x');
        for (const [method, path, json] of [
          ...readRoutes,
          ...changeRoutes,
          ['GET', `/admin/api/comments/${comment.id}`] as [string, string],
        ]) {
          for (const answer of [
            await app.request(path, { method, ...(json !== undefined && { json }) }),
            await stranger.request(path, { method, ...(json !== undefined && { json }) }),
          ]) {
            assertAdminError(answer, 401, 'unauthorized', null, `${method} ${path}`);
            assert.equal(answer.headers.get('cache-control'), 'no-store');
            assert.doesNotMatch(answer.text, /ada@example|Lovely/);
          }
        }
      });

      it('answers 403 to every change without the session’s CSRF token, or with another one, and changes nothing', async () => {
        await setPassword(database().store);
        const app = adminApp(database(), { moderation: 'all' });
        const { comment } = await postComment(app);
        const moderator = await signIn(app);
        const { csrfToken } = moderator;
        const wrongToken = `${csrfToken.slice(0, -1)}${csrfToken.endsWith('A') ? 'B' : 'A'}`;
        const wrong = moderatorOf(app, moderator.cookie, wrongToken);
        for (const [method, rawPath, json] of changeRoutes) {
          const path = rawPath.replace('c_whatever', comment.id);
          const withoutToken = await moderator.request(path, {
            method,
            csrf: false,
            ...(json !== undefined && { json }),
          });
          assertAdminError(withoutToken, 403, 'forbidden', null, `${method} ${path} without a token`);
          const withWrongToken = await wrong.request(path, { method, ...(json !== undefined && { json }) });
          assertAdminError(withWrongToken, 403, 'forbidden', null, `${method} ${path} with a wrong token`);
        }
        assert.equal((await database().store.getComment(comment.id))?.status, 'pending');
        assert.equal((await moderator.get('/admin/api/site')).status, 200, 'still signed in');
      });

      it('signs in with the password: an HttpOnly, SameSite=Strict cookie for /admin and the CSRF token', async () => {
        await setPassword(database().store);
        const app = adminApp(database());
        const answer = await logIn(app, adminPassword);
        assert.equal(answer.status, 200, answer.text);
        assert.equal(answer.headers.get('cache-control'), 'no-store');
        const cookie = answer.headers.get('set-cookie') ?? '';
        assert.match(cookie, /^natter_admin=[A-Za-z0-9_-]{43};/);
        assert.match(cookie, /; HttpOnly/);
        assert.match(cookie, /; SameSite=Strict/);
        assert.match(cookie, /; Path=\/admin(;|$)/);
        assert.match(cookie, /; Max-Age=604800/);
        assert.doesNotMatch(cookie, /Secure/, 'plain http: a Secure cookie would never come back');
        const { csrfToken, expiresAt } = answer.body as SessionResponse;
        assert.match(csrfToken, /^[A-Za-z0-9_-]{43}$/);
        assert.equal(Date.parse(expiresAt), app.clock.now() + 12 * hour);

        const session = await moderatorOf(app, sessionCookieOf(answer), csrfToken).get('/admin/api/session');
        assert.equal(session.status, 200);
        assert.equal(
          (session.body as SessionResponse).csrfToken,
          csrfToken,
          'the token again after a reload',
        );
      });

      it('keeps only a hash of the session id in the database', async () => {
        await setPassword(database().store);
        const app = adminApp(database());
        const moderator = await signIn(app);
        const id = moderator.cookie.split('=')[1] ?? '';
        assert.equal(await database().store.sessions.find(id, new Date(0).toISOString()), undefined);
      });

      it('makes the cookie Secure over HTTPS, directly or through a trusted proxy, and only then', async () => {
        await setPassword(database().store);
        const direct = await adminApp(database()).request('https://natter.test/admin/api/login', {
          method: 'POST',
          json: { password: adminPassword },
        });
        assert.match(direct.headers.get('set-cookie') ?? '', /; Secure/);
        const proxied = adminApp(database(), { trustProxy: true });
        const viaProxy = await logIn(proxied, adminPassword, {
          headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.1' },
        });
        assert.match(viaProxy.headers.get('set-cookie') ?? '', /; Secure/);
        const untrusted = await logIn(adminApp(database()), adminPassword, {
          headers: { 'x-forwarded-proto': 'https' },
        });
        assert.doesNotMatch(untrusted.headers.get('set-cookie') ?? '', /Secure/);
      });

      it('refuses a wrong password with 401 and no cookie, and sign-in with 403 while no password is set', async () => {
        const app = adminApp(database());
        await database().store.settings.delete('admin_password_hash');
        const unset = await logIn(app, adminPassword, { clientAddress: '192.0.2.1' });
        assertAdminError(unset, 403, 'forbidden', null);
        assert.match(
          (unset.body as { error: { message: string } }).error.message,
          /natter admin set-password/,
        );
        await setPassword(database().store);
        const wrong = await logIn(app, 'not the password', { clientAddress: '192.0.2.1' });
        assertAdminError(wrong, 401, 'unauthorized', null);
        assert.equal(wrong.headers.get('set-cookie'), null);
        assertAdminError(
          await logIn(app, '', { clientAddress: '192.0.2.1' }),
          400,
          'bad_request',
          'password',
        );
      });

      it('takes the hash from the configuration over the stored one', async () => {
        await setPassword(database().store, 'the stored password');
        const app = adminApp(database(), { adminPasswordHash: cheapHash('the configured password') });
        assertAdminError(await logIn(app, 'the stored password'), 401, 'unauthorized');
        assert.equal((await logIn(app, 'the configured password')).status, 200);
      });

      it('ends the session on logout: the cookie is cleared and no longer works', async () => {
        await setPassword(database().store);
        const app = adminApp(database());
        const moderator = await signIn(app);
        const logout = await moderator.send('POST', '/admin/api/logout');
        assert.equal(logout.status, 204);
        assert.match(logout.headers.get('set-cookie') ?? '', /^natter_admin=;.*Max-Age=0/);
        assertAdminError(await moderator.get('/admin/api/session'), 401, 'unauthorized');
      });

      it('ends a session after 12 idle hours, keeps a used one going, and ends every one after 7 days', async () => {
        await setPassword(database().store);
        const app = adminApp(database());
        const idle = await signIn(app);
        const busy = await signIn(app);
        for (let elapsed = 0; elapsed < 6 * day; elapsed += 11 * hour) {
          app.clock.advance(11 * hour);
          assert.equal(
            (await busy.get('/admin/api/session')).status,
            200,
            `after ${elapsed / hour + 11} hours`,
          );
        }
        assertAdminError(await idle.get('/admin/api/session'), 401, 'unauthorized');
        app.clock.advance(day);
        assertAdminError(await busy.get('/admin/api/session'), 401, 'unauthorized', null, 'after 7 days');
      });

      it('ends every session when the password changes', async () => {
        await setPassword(database().store);
        const app = adminApp(database());
        const moderator = await signIn(app);
        await setPassword(database().store, 'a brand new password');
        assertAdminError(await moderator.get('/admin/api/session'), 401, 'unauthorized');
        assert.equal((await signIn(app, 'a brand new password')).csrfToken.length, 43);
      });

      it('limits sign-in attempts per client to 5 a minute, answering 429 with Retry-After, right or wrong', async () => {
        await setPassword(database().store);
        const app = adminApp(database());
        const from = { clientAddress: '198.51.100.20' };
        for (let attempt = 1; attempt <= 5; attempt++) {
          assertAdminError(await logIn(app, `guess ${attempt}`, from), 401, 'unauthorized');
        }
        const limited = await logIn(app, adminPassword, from);
        assertAdminError(limited, 429, 'rate_limited', null);
        assert.match(limited.headers.get('retry-after') ?? '', /^[1-9]\d*$/);
        assert.equal(limited.headers.get('set-cookie'), null, 'not even the right password gets in');
        assert.equal((await logIn(app, adminPassword, { clientAddress: '198.51.100.21' })).status, 200);
        app.clock.advance(2 * 60_000);
        assert.equal((await logIn(app, adminPassword, from)).status, 200, 'two minutes later');
      });

      it('limits attempts from all clients together to 15 a minute', async () => {
        await setPassword(database().store);
        const app = adminApp(database());
        app.clock.advance(10 * 60_000);
        for (let client = 1; client <= 15; client++) {
          const answer = await logIn(app, 'a guess', { clientAddress: `203.0.113.${client}` });
          assertAdminError(answer, 401, 'unauthorized', null, `client ${client}`);
        }
        assertAdminError(
          await logIn(app, adminPassword, { clientAddress: '203.0.113.99' }),
          429,
          'rate_limited',
        );
      });

      it('lets a browser that signed in before try while strangers spend every attempt of the account', async () => {
        await setPassword(database().store);
        const app = adminApp(database());
        const first = await logIn(app, adminPassword, { clientAddress: '192.0.2.10' });
        const device = /(natter_admin_device=[^;]+);[^,]*Path=\/admin\/api\/login;[^,]*HttpOnly/.exec(
          first.headers.get('set-cookie') ?? '',
        )?.[1];
        assert.ok(device, first.headers.get('set-cookie') ?? 'no cookie');
        app.clock.advance(10 * 60_000);
        for (let client = 1; client <= 15; client++) {
          await logIn(app, 'a guess', { clientAddress: `203.0.113.${client}` });
        }
        const stranger = await logIn(app, adminPassword, { clientAddress: '192.0.2.10' });
        assertAdminError(stranger, 429, 'rate_limited', null, 'the same address, without the cookie');
        const forged = { cookie: `natter_admin_device=${device.split('=')[1]!.slice(0, -2)}xx` };
        assertAdminError(await logIn(app, adminPassword, { headers: forged }), 429, 'rate_limited', null);

        const known = { cookie: device };
        assert.equal((await logIn(app, adminPassword, { headers: known })).status, 200, 'the known browser');
        // Its own attempts are limited as a client's are: four more this minute, then it waits too.
        for (let attempt = 1; attempt <= 4; attempt++) {
          assertAdminError(await logIn(app, 'mistyped', { headers: known }), 401, 'unauthorized');
        }
        assertAdminError(await logIn(app, adminPassword, { headers: known }), 429, 'rate_limited');
      });

      it('refuses what a page of another site makes the browser send, before any password is tried', async () => {
        await setPassword(database().store);
        const app = adminApp(database());
        for (const site of ['cross-site', 'same-site']) {
          const answer = await logIn(app, adminPassword, { headers: { 'sec-fetch-site': site } });
          assertAdminError(answer, 403, 'forbidden', null, site);
          assert.equal(answer.headers.get('set-cookie'), null);
        }
        const own = await logIn(app, adminPassword, { headers: { 'sec-fetch-site': 'same-origin' } });
        assert.equal(own.status, 200);
      });

      it('sends API answers with a CSP that runs nothing, nosniff and no-store', async () => {
        await setPassword(database().store);
        const app = adminApp(database());
        const moderator = await signIn(app);
        for (const answer of [await moderator.get('/admin/api/site'), await app.request('/admin/api/site')]) {
          assert.equal(
            answer.headers.get('content-security-policy'),
            "default-src 'none'; frame-ancestors 'none'",
          );
          assert.equal(answer.headers.get('x-content-type-options'), 'nosniff');
          assert.equal(answer.headers.get('cache-control'), 'no-store');
          assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
        }
      });

      it('serves no admin API when the runtime gives no password hasher', async () => {
        await setPassword(database().store);
        const app = database().app();
        assertAdminError(await logIn(app, adminPassword), 404, 'not_found');
      });
    });
  }
});

describe('scrypt passwords', () => {
  it('hashes in the self-describing format, salted, and checks only the right password', async () => {
    const hash = await scryptPasswords.hash(adminPassword);
    assert.match(hash, /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    assert.notEqual(await scryptPasswords.hash(adminPassword), hash);
    assert.equal(await scryptPasswords.verify(adminPassword, hash), true);
    assert.equal(await scryptPasswords.verify(`${adminPassword} `, hash), false);
    // The same letters composed differently are the same password.
    const composed = await scryptPasswords.hash('café password');
    assert.equal(await scryptPasswords.verify('cafe\u0301 password', composed), true);
  });

  it('refuses hashes it cannot check, or that would cost too much', async () => {
    for (const hash of [
      '',
      'plain text',
      'scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'scrypt$4194304$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'bcrypt$10$whatever',
    ]) {
      assert.equal(await scryptPasswords.verify(adminPassword, hash), false, hash);
    }
  });
});

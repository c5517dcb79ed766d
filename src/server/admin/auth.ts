import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { adminLimits, csrfHeader, type SessionResponse } from '../../protocol/admin.js';
import { HttpError } from '../http-error.js';
import { readJson } from '../read-json.js';
import { parseShape } from '../schemas.js';
import {
  deviceCookie,
  deviceCookieMaxAgeSeconds,
  deviceCookiePath,
  type KnownDevices,
} from './known-devices.js';
import type { LoginLimiter } from './login-limit.js';
import type { PasswordHasher, PasswordHashSource } from './password.js';
import { isSameToken, type ActiveSession, type AdminSessions } from './sessions.js';
import { loginBody } from './admin-schemas.js';

/** What the admin API's handlers know of the request: the moderator's session, once checked. */
export interface AdminEnv {
  Variables: { session: ActiveSession };
}

/** The session cookie: sent only to `/admin` (the page and its API), never readable by scripts. */
export const sessionCookie = 'natter_admin';
const cookiePath = '/admin';

export interface AuthOptions {
  sessions: AdminSessions;
  passwords: PasswordHasher;
  passwordHash: PasswordHashSource;
  limitLogins: LoginLimiter;
  /** The browsers moderators signed in from: their attempts count apart from strangers'. */
  devices: KnownDevices;
  /** The bucket the client's attempts count in (its address, or its IPv6 /64). */
  clientKey: (c: Context) => string;
  /** Whether the request reached the server over HTTPS, directly or through a trusted proxy: the cookie is `Secure`. */
  isHttps: (request: Request) => boolean;
  /** The longest a session lives, for the cookie's `Max-Age`; the server ends idle ones sooner. */
  maxAgeMs: number;
  now: () => number;
}

const notSignedIn = () => new HttpError('unauthorized', 'Sign in first');

/**
 * Refuses what a page of another origin makes a browser send (`Sec-Fetch-Site` other than `same-origin`, or `none`
 * for an address typed in): the admin API answers its own page and tools like curl, which send no such header.
 * SameSite=Strict keeps the cookie from such requests already; this keeps them from even trying a password.
 */
export function sameOriginOnly(): MiddlewareHandler {
  return async (c, next) => {
    const site = c.req.header('sec-fetch-site');
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      throw new HttpError('forbidden', 'The admin API answers only its own page');
    }
    await next();
  };
}

/**
 * Lets a request through only with a live session (else 401), and a state-changing one only with that session's
 * CSRF token in `X-Natter-CSRF` (else 403): a page that got a moderator's browser to send the cookie still cannot
 * read the token. The session's idle time restarts with each request.
 */
export function requireSession(options: AuthOptions): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const id = getCookie(c, sessionCookie);
    const passwordHash = id === undefined ? undefined : await options.passwordHash();
    const session =
      id === undefined || passwordHash === undefined
        ? undefined
        : await options.sessions.resume(id, passwordHash, options.now());
    if (!session) throw notSignedIn();
    const isSafe = c.req.method === 'GET' || c.req.method === 'HEAD';
    if (!isSafe && !isSameToken(c.req.header(csrfHeader) ?? '', session.csrfToken)) {
      throw new HttpError('forbidden', `A change needs the session's ${csrfHeader} header`);
    }
    c.set('session', session);
    await next();
  };
}

/** `POST /login`: a password for a session. Every other route of the admin API comes after `requireSession`. */
export function loginRoute(options: AuthOptions): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.post('/login', async (c) => {
    const device = await options.devices.deviceOf(getCookie(c, deviceCookie));
    const retryAfter = await options.limitLogins({ clientKey: options.clientKey(c), device }, options.now());
    if (retryAfter !== undefined) {
      throw new HttpError('rate_limited', 'Too many sign-in attempts; try again later', undefined, {
        'Retry-After': String(retryAfter),
      });
    }
    const { password } = parseShape(
      loginBody,
      await readJson(c.req.raw, 4 * adminLimits.passwordLength),
      'Body',
    );
    const passwordHash = await options.passwordHash();
    if (passwordHash === undefined) {
      throw new HttpError(
        'forbidden',
        'No admin password is set: run natter admin set-password on the server',
      );
    }
    if (!(await options.passwords.verify(password, passwordHash))) {
      throw new HttpError('unauthorized', 'That password is not right');
    }
    const session = await options.sessions.start(passwordHash, options.now());
    setCookie(c, sessionCookie, session.id, {
      path: cookiePath,
      httpOnly: true,
      sameSite: 'Strict',
      secure: options.isHttps(c.req.raw),
      maxAge: Math.floor(options.maxAgeMs / 1000),
    });
    // A new token at each sign-in: the year starts again.
    setCookie(c, deviceCookie, await options.devices.issue(options.now()), {
      path: deviceCookiePath,
      httpOnly: true,
      sameSite: 'Strict',
      secure: options.isHttps(c.req.raw),
      maxAge: deviceCookieMaxAgeSeconds,
    });
    const body: SessionResponse = { csrfToken: session.csrfToken, expiresAt: session.expiresAt };
    return c.json(body);
  });
  return app;
}

/** `GET /session` (the CSRF token again, after a reload) and `POST /logout`; behind `requireSession`. */
export function sessionRoutes(options: AuthOptions): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.get('/session', (c) => {
    const { csrfToken, expiresAt } = c.get('session');
    const body: SessionResponse = { csrfToken, expiresAt };
    return c.json(body);
  });
  app.post('/logout', async (c) => {
    await options.sessions.end(c.get('session').idHash);
    deleteCookie(c, sessionCookie, {
      path: cookiePath,
      httpOnly: true,
      sameSite: 'Strict',
      secure: options.isHttps(c.req.raw),
    });
    return c.body(null, 204);
  });
  return app;
}

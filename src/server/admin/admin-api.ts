import { Hono, type Context } from 'hono';
import type { CommentEvents } from '../events.js';
import type { ResponseCache } from '../response-cache.js';
import type { SiteState } from '../site-state.js';
import type { Signer } from '../signing.js';
import type { CommentStore, ModerationMode } from '../storage/store.js';
import {
  loginRoute,
  requireSession,
  sameOriginOnly,
  sessionRoutes,
  type AdminEnv,
  type AuthOptions,
} from './auth.js';
import { adminCommentRoutes } from './comment-routes.js';
import { adminReferenceRoutes } from './reference-routes.js';
import { knownDevices } from './known-devices.js';
import { defaultLoginLimits, loginLimiter, type LoginLimits } from './login-limit.js';
import type { PasswordHasher } from './password.js';
import { adminRuleRoutes } from './rule-routes.js';
import { adminSessions, defaultSessionLifetime, type SessionLifetime } from './sessions.js';
import { adminThreadRoutes } from './thread-routes.js';

export interface AdminApiOptions {
  store: CommentStore;
  events: CommentEvents;
  /** The app's cache of thread pages: every change drops the thread's. */
  cache: ResponseCache;
  site: SiteState;
  passwords: PasswordHasher;
  /** The server's signer, for the tokens of known devices. */
  signer: Signer;
  /** The operator's password hash (`NATTER_ADMIN_PASSWORD_HASH`): used instead of the stored one when set. */
  passwordHash?: string;
  siteUrl: string | undefined;
  moderation: ModerationMode;
  clientKey: (c: Context) => string;
  isHttps: (request: Request) => boolean;
  maxBodyBytes: number;
  maxTextLength: number;
  loginLimits?: LoginLimits;
  sessionLifetime?: SessionLifetime;
  now: () => number;
}

/**
 * The admin API, mounted at `/admin/api` (docs/moderation.md#the-admin-page): sign-in, the lists and actions,
 * references from other websites, threads, the site's switches and the rules. JSON only; every answer `no-store`; every route but `POST /login`
 * needs a session (401), and every change its CSRF token too (403).
 */
export function adminApi(options: AdminApiOptions): Hono<AdminEnv> {
  const { store, now } = options;
  const lifetime = options.sessionLifetime ?? defaultSessionLifetime;
  const auth: AuthOptions = {
    sessions: adminSessions(store.sessions, lifetime),
    passwords: options.passwords,
    passwordHash: async () => options.passwordHash ?? (await store.settings.get('admin_password_hash')),
    limitLogins: loginLimiter(store.rates, options.loginLimits ?? defaultLoginLimits),
    devices: knownDevices(options.signer),
    clientKey: options.clientKey,
    isHttps: options.isHttps,
    maxAgeMs: lifetime.maxMs,
    now,
  };
  const app = new Hono<AdminEnv>();
  app.use(async (c, next) => {
    await next();
    // Moderators' answers hold addresses and e-mail: no cache anywhere keeps one, errors included.
    c.res.headers.set('Cache-Control', 'no-store');
  });
  app.use(sameOriginOnly());
  app.route('/', loginRoute(auth));
  app.use(requireSession(auth));
  app.route('/', sessionRoutes(auth));
  app.route(
    '/comments',
    adminCommentRoutes({
      store,
      events: options.events,
      cache: options.cache,
      siteUrl: options.siteUrl,
      maxBodyBytes: options.maxBodyBytes,
      maxTextLength: options.maxTextLength,
      now,
    }),
  );
  app.route(
    '/',
    adminThreadRoutes({
      store,
      site: options.site,
      cache: options.cache,
      moderation: options.moderation,
      siteUrl: options.siteUrl,
      now,
    }),
  );
  app.route(
    '/references',
    adminReferenceRoutes({ store, cache: options.cache, maxBodyBytes: options.maxBodyBytes, now }),
  );
  app.route('/rules', adminRuleRoutes({ rules: store.rules, now }));
  return app;
}

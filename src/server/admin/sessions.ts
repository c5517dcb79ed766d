import { sha256, toBase64Url } from '../base64url.js';
import type { SessionStore } from '../storage/sessions.js';

/** How long a moderator stays signed in: `idleMs` after the last request, and never beyond `maxMs` after signing in. */
export interface SessionLifetime {
  idleMs: number;
  maxMs: number;
}

/** Twelve hours without a request end a session, and so do seven days whatever happens. */
export const defaultSessionLifetime: SessionLifetime = { idleMs: 12 * 3_600_000, maxMs: 7 * 24 * 3_600_000 };

/**
 * A session is moved forward at most once a minute: every admin request reads it, and a write per request would
 * cost more than an idle window a minute shorter.
 */
const extendStepMs = 60_000;

/** A signed-in moderator's session: the cookie's value is `id`, which the store never sees. */
export interface ActiveSession {
  /** What the store keys the session by. */
  idHash: string;
  csrfToken: string;
  expiresAt: string;
}

/** A session just started: its id goes into the cookie, once. */
export interface NewSession extends ActiveSession {
  id: string;
}

/** Starts, resumes and ends moderators' sessions. */
export interface AdminSessions {
  start(passwordHash: string, now: number): Promise<NewSession>;
  /** The live session a cookie's `id` names, its idle time restarted; `undefined` when there is none. */
  resume(id: string, passwordHash: string, now: number): Promise<ActiveSession | undefined>;
  end(idHash: string): Promise<void>;
}

/** 256 random bits as base64url: 43 characters. */
const randomToken = () => toBase64Url(crypto.getRandomValues(new Uint8Array(32)));

const isToken = (value: string) => /^[A-Za-z0-9_-]{43}$/.test(value);

/**
 * What the store keeps of a session id: its SHA-256, taken together with the password's hash. A session is thus
 * bound to the password it was opened with: once that changes (`natter admin set-password`, or a new
 * `NATTER_ADMIN_PASSWORD_HASH`), no cookie finds its session any more, on every instance at once.
 */
async function hashOf(id: string, passwordHash: string): Promise<string> {
  return toBase64Url(await sha256(`${passwordHash}\n${id}`));
}

/** Sessions in `store`: random ids and CSRF tokens, only a hash of each id kept, idle and absolute limits. */
export function adminSessions(store: SessionStore, lifetime = defaultSessionLifetime): AdminSessions {
  const iso = (time: number) => new Date(time).toISOString();
  return {
    async start(passwordHash, now) {
      // Expired sessions go whenever someone signs in: the table holds only live ones, and few.
      await store.removeExpired(iso(now));
      const id = randomToken();
      const session = {
        idHash: await hashOf(id, passwordHash),
        csrfToken: randomToken(),
        createdAt: iso(now),
        expiresAt: iso(now + Math.min(lifetime.idleMs, lifetime.maxMs)),
      };
      await store.create(session);
      return { id, idHash: session.idHash, csrfToken: session.csrfToken, expiresAt: session.expiresAt };
    },
    async resume(id, passwordHash, now) {
      if (!isToken(id)) return undefined;
      const idHash = await hashOf(id, passwordHash);
      const stored = await store.find(idHash, iso(now));
      if (!stored) return undefined;
      const latest = Math.min(now + lifetime.idleMs, Date.parse(stored.createdAt) + lifetime.maxMs);
      let expiresAt = stored.expiresAt;
      if (latest - Date.parse(stored.expiresAt) >= extendStepMs) {
        expiresAt = iso(latest);
        await store.extend(idHash, expiresAt);
      }
      return { idHash, csrfToken: stored.csrfToken, expiresAt };
    },
    end: (idHash) => store.remove(idHash),
  };
}

/** Whether `given` is `expected`, compared in time that does not depend on where they differ. */
export function isSameToken(given: string, expected: string): boolean {
  if (given.length !== expected.length) return false;
  let difference = 0;
  for (let index = 0; index < given.length; index += 1) {
    difference |= given.charCodeAt(index) ^ expected.charCodeAt(index);
  }
  return difference === 0;
}

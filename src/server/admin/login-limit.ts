import type { RateCounter } from '../storage/rate-counts.js';

/** Sign-in attempts allowed per minute: from one client, and from all together (there is one account). */
export interface LoginLimits {
  perClient: number;
  perAccount: number;
}

/**
 * Five tries a minute from one address is plenty for a person who mistyped; fifteen from everyone together keeps
 * a botnet of many addresses to fifteen guesses a minute, while a moderator locked out by one waits a minute.
 */
export const defaultLoginLimits: LoginLimits = { perClient: 5, perAccount: 15 };

/** Counts a sign-in attempt; resolves with the seconds to wait when it is one too many, else `undefined`. */
export type LoginLimiter = (clientKey: string, now: number) => Promise<number | undefined>;

const windowMs = 60_000;

/**
 * Sign-in attempts counted in the database's shared rate counts, so several instances limit together: a sliding
 * window (the previous minute weighted by how much of it still overlaps), as the write limit has. Every attempt
 * counts, right or wrong, before the password is checked.
 */
export function loginLimiter(rates: RateCounter, limits: LoginLimits = defaultLoginLimits): LoginLimiter {
  const isOver = async (key: string, limit: number, now: number) => {
    const window = Math.floor(now / windowMs);
    const { current, previous } = await rates.hit(key, window);
    const elapsed = (now % windowMs) / windowMs;
    return previous * (1 - elapsed) + current > limit;
  };
  return async (clientKey, now) => {
    // A client over its own limit is not counted against the account: one noisy address alone cannot lock the
    // moderators out.
    const isRefused =
      (await isOver(`admin-login:${clientKey}`, limits.perClient, now)) ||
      (await isOver('admin-login', limits.perAccount, now));
    if (!isRefused) return undefined;
    return Math.max(1, Math.ceil((windowMs - (now % windowMs)) / 1000));
  };
}

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

/** Who tries to sign in: the client's bucket (its address, or its IPv6 /64), and the known device it is, if any. */
export interface LoginAttempt {
  clientKey: string;
  /** The id of a device a moderator signed in from before (known-devices.ts). */
  device?: string;
}

/** Counts a sign-in attempt; resolves with the seconds to wait when it is one too many, else `undefined`. */
export type LoginLimiter = (attempt: LoginAttempt, now: number) => Promise<number | undefined>;

const windowMs = 60_000;

/**
 * Sign-in attempts counted in the database's shared rate counts, so several instances limit together: a sliding
 * window (the previous minute weighted by how much of it still overlaps), as the write limit has. Every attempt
 * counts, right or wrong, before the password is checked. A known device has a bucket of its own, of `perClient`
 * attempts, outside the account's: strangers who spend the account's attempts do not lock its moderators out.
 */
export function loginLimiter(rates: RateCounter, limits: LoginLimits = defaultLoginLimits): LoginLimiter {
  let lastWindow = Number.NEGATIVE_INFINITY;
  const isOver = async (key: string, limit: number, now: number) => {
    const window = Math.floor(now / windowMs);
    if (window !== lastWindow) {
      lastWindow = window;
      // The counts of many addresses must not pile up while the write limit, which prunes too, is off.
      await rates.prune(window - 1).catch(() => {});
    }
    const { current, previous } = await rates.hit(key, window);
    const elapsed = (now % windowMs) / windowMs;
    return previous * (1 - elapsed) + current > limit;
  };
  return async ({ clientKey, device }, now) => {
    // A client over its own limit is not counted against the account: one noisy address alone cannot lock the
    // moderators out.
    const isRefused =
      device === undefined
        ? (await isOver(`admin-login:${clientKey}`, limits.perClient, now)) ||
          (await isOver('admin-login', limits.perAccount, now))
        : await isOver(`admin-login-device:${device}`, limits.perClient, now);
    if (!isRefused) return undefined;
    return Math.max(1, Math.ceil((windowMs - (now % windowMs)) / 1000));
  };
}

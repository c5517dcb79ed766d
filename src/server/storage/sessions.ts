/** A moderator's session as stored: the cookie's value is never stored, only its hash. */
export interface StoredSession {
  idHash: string;
  /** Sent with every state-changing admin request (a header), compared with this. */
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

/** Moderators' sessions. */
export interface SessionStore {
  create(session: StoredSession): Promise<void>;
  /** The session whose id hashes to `idHash`, if it exists and has not expired at `now`. */
  find(idHash: string, now: string): Promise<StoredSession | undefined>;
  /** Moves a session's end to `expiresAt` (an active session stays open); nothing when it no longer exists. */
  extend(idHash: string, expiresAt: string): Promise<void>;
  /** Ends a session (logout). */
  remove(idHash: string): Promise<void>;
  /** Forgets every session that expired before `now`; resolves with how many. */
  removeExpired(now: string): Promise<number>;
  /** Ends every session (a new password signs everybody out). */
  removeAll(): Promise<void>;
}

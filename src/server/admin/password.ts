/**
 * How the runtime hashes and checks the moderators' password. scrypt is not in Web Crypto, so the app takes it
 * from its adapter (`scryptPasswords` in node/scrypt-passwords.ts on Node); without one, the admin API is not served.
 * A hash names its own algorithm and parameters (`scrypt$N$r$p$salt$hash`), so stronger ones can come later and
 * old hashes still check.
 */
export interface PasswordHasher {
  /** A new self-describing hash of `password`, with a salt of its own. */
  hash(password: string): Promise<string>;
  /**
   * Whether `password` is the one `encoded` was made from, compared in time that does not depend on where they
   * differ; false for anything that is not a hash this hasher knows.
   */
  verify(password: string, encoded: string): Promise<boolean>;
}

/** Where the admin password's hash comes from: the operator's setting, or else what `natter admin set-password` stored. */
export type PasswordHashSource = () => Promise<string | undefined>;

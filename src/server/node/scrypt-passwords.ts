import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PasswordHasher } from '../admin/password.js';

/**
 * scrypt's cost for new hashes: N = 2^15, r = 8, p = 1 (RFC 7914's interactive setting, as OWASP recommends), 32
 * MiB of memory and some 50 ms on a small server: cheap for a sign-in, dear for a guesser.
 */
const cost = { N: 2 ** 15, r: 8, p: 1 };
const saltBytes = 16;
const keyBytes = 32;

/** The most a stored hash may ask for: a hostile or mistyped setting must not make each sign-in take a gigabyte. */
const most = { N: 2 ** 20, r: 32, p: 16 };

/** A hash's parts: `scrypt$N$r$p$salt$hash`, salt and hash base64url. */
const format = /^scrypt\$(\d{1,8})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9_-]{16,128})\$([A-Za-z0-9_-]{16,256})$/;

interface ParsedHash {
  options: Required<Pick<ScryptOptions, 'N' | 'r' | 'p'>>;
  salt: Buffer;
  hash: Buffer;
}

/** The parts of a stored hash, or `undefined` when it is not one natter can check. */
function parse(encoded: string): ParsedHash | undefined {
  const match = format.exec(encoded);
  if (!match) return undefined;
  const [N, r, p] = [match[1], match[2], match[3]].map(Number) as [number, number, number];
  const isPowerOfTwo = N >= 2 && (N & (N - 1)) === 0;
  if (!isPowerOfTwo || N > most.N || r < 1 || r > most.r || p < 1 || p > most.p) return undefined;
  return {
    options: { N, r, p },
    salt: Buffer.from(match[4] ?? '', 'base64url'),
    hash: Buffer.from(match[5] ?? '', 'base64url'),
  };
}

/** Whether `encoded` is a password hash natter can check (`NATTER_ADMIN_PASSWORD_HASH`'s rule). */
export function isPasswordHash(encoded: string): boolean {
  return parse(encoded) !== undefined;
}

/** The same password typed on two keyboards may differ in how accents are composed: both count as the same. */
const normalized = (password: string) => password.normalize('NFC');

function derive(
  password: string,
  salt: Buffer,
  length: number,
  options: ParsedHash['options'],
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Node refuses more than 32 MiB unless told; N = 2^15 with r = 8 needs exactly that and a little more.
    const maxmem = 128 * options.N * options.r * 2 + 1024 * 1024;
    scrypt(normalized(password), salt, length, { ...options, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** The admin password's hasher on Node: scrypt from `node:crypto`, compared with `timingSafeEqual`. */
export const scryptPasswords: PasswordHasher = {
  async hash(password) {
    const salt = randomBytes(saltBytes);
    const key = await derive(password, salt, keyBytes, cost);
    return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
  },
  async verify(password, encoded) {
    const parsed = parse(encoded);
    if (!parsed) return false;
    const key = await derive(password, parsed.salt, parsed.hash.length, parsed.options);
    return timingSafeEqual(key, parsed.hash);
  },
};

import { hmac } from '@noble/hashes/hmac.js';
import { sha256 as sha256Now } from '@noble/hashes/sha2.js';
import type { NewComment } from '../protocol/types.js';
import { fromBase64Url, sha256, toBase64Url } from './base64url.js';
import { randomBase64Url } from './secrets.js';
import type { PostKey, PostKeyStore } from './storage/post-keys.js';
import type { SettingStore } from './storage/settings.js';

/** How long a key names its post at least: a reader may come back to a failed post the next morning. */
const keyLifetimeMs = 24 * 60 * 60 * 1000;
/** How often a process forgets expired keys, at most. */
const forgetEveryMs = 60_000;

/** An idempotency key as a post presented it: the key itself, which derives the post's secret, and what is compared. */
export interface PresentedKey {
  key: string;
  /** SHA-256 of the key, base64url: what the store finds the post by. */
  keyHash: string;
  /** SHA-256 of the post's normalised content, base64url: a repeat must carry the same. */
  fingerprint: string;
}

/** The server's side of the idempotency keys of posts (docs/protocol.md#idempotency-keys). */
export interface IdempotencyKeys {
  /** What the store compares of `key`, presented with the normalised `comment`. */
  present(key: string, comment: NewComment): Promise<PresentedKey>;
  /** What the store keeps of `presented` for a post made at `postedAt` (ms): until the key expires. */
  toKeep(presented: PresentedKey, postedAt: number): PostKey;
  /** The author's secret of comment `id`, posted with `key`: the same every time the post is repeated. */
  secretFor(key: string, id: string): Promise<string>;
  /** Forgets the keys expired by `now`, at most once a minute per process: the table holds a day of posts. */
  tidy(now: number): Promise<void>;
}

export interface IdempotencyKeyOptions {
  settings: SettingStore;
  postKeys: PostKeyStore;
  /** The edit window (ms): a key lives for as long when that is longer than a day. */
  editWindowMs: number;
}

/**
 * Idempotency keys whose posts' secrets come from a key in the settings (`post_secret_key`, made once by whichever
 * instance needs it first, read once per process): the secret of a post sent with a key is HMAC-SHA256 of the
 * comment's id and the key, cut to 192 bits like a random one, so that a repeat answers with the same secret without
 * the store keeping it. The store keeps only hashes: whoever reads the database learns no key, and so no secret.
 */
export function idempotencyKeys({
  settings,
  postKeys,
  editWindowMs,
}: IdempotencyKeyOptions): IdempotencyKeys {
  let secretKey: Promise<Uint8Array> | undefined;
  const loadSecretKey = async () => {
    const bytes = fromBase64Url(await settings.setIfAbsent('post_secret_key', randomBase64Url(32)));
    if (!bytes) throw new Error('The stored post secret key is not base64url');
    return bytes;
  };
  const lifetimeMs = Math.max(keyLifetimeMs, editWindowMs);
  let forgotAt = Number.NEGATIVE_INFINITY;
  const hash = async (text: string) => toBase64Url(await sha256(text));

  return {
    async present(key, { thread, parent, name, email, url, text }) {
      return {
        key,
        keyHash: await hash(key),
        fingerprint: await hash(
          JSON.stringify([thread, parent ?? null, name, email ?? null, url ?? null, text]),
        ),
      };
    },
    toKeep: ({ keyHash, fingerprint }, postedAt) => ({
      keyHash,
      fingerprint,
      expiresAt: new Date(postedAt + lifetimeMs).toISOString(),
    }),
    async secretFor(key, id) {
      // A failure (the store unreachable) is not remembered: the next post reads again.
      secretKey ??= loadSecretKey().catch((error: unknown) => {
        secretKey = undefined;
        throw error;
      });
      const mac = hmac(sha256Now, await secretKey, new TextEncoder().encode(`${id}\n${key}`));
      return toBase64Url(mac.subarray(0, 24));
    },
    async tidy(now) {
      if (now - forgotAt < forgetEveryMs) return;
      forgotAt = now;
      // A failure (the store unreachable) leaves the keys for the next minute; the post is stored all the same.
      await postKeys.forget(new Date(now).toISOString()).catch(() => {});
    },
  };
}

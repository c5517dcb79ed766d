import type { StoredComment } from './store.js';

/** What the store keeps of a post's idempotency key (docs/protocol.md#idempotency-keys): never the key itself. */
export interface PostKey {
  /** SHA-256 of the key, base64url. */
  keyHash: string;
  /** SHA-256 of the post's content as normalised, base64url: a repeat of the post carries the same. */
  fingerprint: string;
  /** When the key stops naming its post. */
  expiresAt: string;
}

/** A post found by its key: the comment it made, as it is now, and the content it carried. */
export interface KeyedPost {
  comment: StoredComment;
  fingerprint: string;
}

/** The idempotency keys of recent posts; `CommentStore.insertComment` stores each with its comment. */
export interface PostKeyStore {
  /** The post whose key hashes to `keyHash`, unless its key expired by `at`, or the comment is gone. */
  find(keyHash: string, at: string): Promise<KeyedPost | undefined>;
  /** Forgets the keys expired by `at`; resolves with how many went. */
  forget(at: string): Promise<number>;
}

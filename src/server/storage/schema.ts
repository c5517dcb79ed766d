import type { Generated } from 'kysely';

/**
 * Tables as both backends store them. Timestamps are ISO 8601 UTC strings of fixed width, so they sort as text;
 * booleans are 0/1 integers, which SQLite and PostgreSQL read alike.
 */
export interface Database {
  threads: ThreadsTable;
  comments: CommentsTable;
}

export interface ThreadsTable {
  key: string;
  /** Listed comments, kept in the same transaction as every change to them: counts cost one row read. */
  published_count: Generated<number>;
  locked: Generated<number>;
  created_at: string;
}

export interface CommentsTable {
  id: string;
  thread_key: string;
  parent_id: string | null;
  /** Order key of the top-level comment this one belongs to: `createdAt|id`. */
  root_key: string;
  /**
   * Order key within its top-level comment: the chain of `createdAt|id` from the top-level comment down, at most
   * `maxStoredDepth` keys long (thread-order.ts).
   */
  path: string;
  author_name: string;
  author_email: string | null;
  author_url: string | null;
  text: string;
  status: 'published' | 'pending';
  /**
   * 1 when the comment is public: it and every comment above it are published (docs/protocol.md#visibility).
   * Kept in the same transaction as every change of status; listings and counts read only this.
   */
  listed: number;
  created_at: string;
  edited_at: string | null;
  /** SHA-256 of the author's secret, base64url; the secret itself is never stored. */
  secret_hash: string;
  editable_until: string;
}

import type { Kysely } from 'kysely';
import { CompiledOnce } from './compiled-once.js';
import { toStoredComment } from './kysely-rows.js';
import type { KeyedPost, PostKeyStore } from './post-keys.js';
import type { Database } from './schema.js';

/** The idempotency keys of recent posts in the `post_keys` table. */
export class KyselyPostKeys implements PostKeyStore {
  // Asked before every post that carries a key: compiled once (compiled-once.ts).
  readonly #find = new CompiledOnce((db, { keyHash, at }: { keyHash: string; at: string }) =>
    db
      .selectFrom('post_keys')
      .innerJoin('comments', 'comments.id', 'post_keys.comment_id')
      .selectAll('comments')
      .select('post_keys.fingerprint')
      .where('post_keys.key_hash', '=', keyHash)
      .where('post_keys.expires_at', '>', at),
  );

  constructor(private readonly db: Kysely<Database>) {}

  async find(keyHash: string, at: string): Promise<KeyedPost | undefined> {
    const [row] = (await this.#find.execute(this.db, { keyHash, at })).rows;
    if (!row) return undefined;
    const { fingerprint, ...comment } = row;
    return { comment: toStoredComment(comment), fingerprint };
  }

  async forget(at: string): Promise<number> {
    const result = await this.db.deleteFrom('post_keys').where('expires_at', '<=', at).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

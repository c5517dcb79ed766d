import type { Kysely, Transaction } from 'kysely';
import { sha256, toBase64Url } from '../base64url.js';
import type {
  ImportCommentOutcome,
  ImportedComment,
  ImportedReference,
  ImportReferenceOutcome,
  ImportStore,
} from './imports.js';
import { commentRow, placeOfRow, placeUnder, type Place } from './kysely-rows.js';
import type { Database } from './schema.js';
import { rootIdOf } from './thread-order.js';

/**
 * The secret hash of an imported comment: no secret hashes to it (a hash is 43 characters), so nobody can edit or
 * delete an imported comment as its author.
 */
const noSecret = '-';

/** What one batch has done so far: the threads it made sure of, and the counts it owes, by thread and by conversation. */
interface Batch {
  threads: Set<string>;
  listed: Map<string, number>;
  replies: Map<string, number>;
}

function add(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** Imported comments and references, in the tables the rest of the store reads, counted as it counts. */
export class KyselyImports implements ImportStore {
  constructor(private readonly db: Kysely<Database>) {}

  addComments(comments: readonly ImportedComment[]): Promise<ImportCommentOutcome[]> {
    return this.db.transaction().execute(async (trx) => {
      const batch: Batch = { threads: new Set(), listed: new Map(), replies: new Map() };
      const outcomes: ImportCommentOutcome[] = [];
      for (const comment of comments) outcomes.push(await this.#addComment(trx, comment, batch));
      // The counts once a batch: a thread's and a conversation's, as the rows now stand.
      for (const [thread, count] of batch.listed) {
        await trx
          .updateTable('threads')
          .set((eb) => ({ published_count: eb('published_count', '+', count) }))
          .where('key', '=', thread)
          .execute();
      }
      for (const [rootId, count] of batch.replies) {
        await trx
          .updateTable('comments')
          .set((eb) => ({ reply_count: eb('reply_count', '+', count) }))
          .where('id', '=', rootId)
          .execute();
      }
      return outcomes;
    });
  }

  async #addComment(
    trx: Transaction<Database>,
    comment: ImportedComment,
    batch: Batch,
  ): Promise<ImportCommentOutcome> {
    let parent: Place | undefined;
    if (comment.parent) {
      const row = await trx
        .selectFrom('comments')
        .select(['root_key', 'path', 'thread_key', 'listed'])
        .where('id', '=', comment.parent)
        .executeTakeFirst();
      if (!row || row.thread_key !== comment.thread) {
        // Stored already, it needs no parent: an earlier import stored it with one, or as an orphan.
        return (await this.#existing(trx, comment)) ?? 'parent_missing';
      }
      parent = placeOfRow(row);
    }
    if (!batch.threads.has(comment.thread)) {
      await trx
        .insertInto('threads')
        .values({ key: comment.thread, created_at: comment.createdAt })
        .onConflict((conflict) => conflict.column('key').doNothing())
        .execute();
      batch.threads.add(comment.thread);
    }
    const place = placeUnder(parent, comment);
    const row = commentRow(
      {
        ...comment,
        editedAt: null,
        secretHash: noSecret,
        editableUntil: comment.createdAt,
        reportCount: 0,
        moderatedAt: null,
        likes: 0,
      },
      place,
    );
    const inserted = await trx
      .insertInto('comments')
      .values(row)
      .onConflict((conflict) => conflict.column('id').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0)
      return (await this.#existing(trx, comment)) ?? 'id_taken';
    // A placeholder is listed with its replies but counts nowhere, as natter's own.
    if (place.isListed && !comment.isDeleted) {
      add(batch.listed, comment.thread);
      if (comment.parent) add(batch.replies, rootIdOf(place.rootKey));
    }
    return 'inserted';
  }

  /** What a stored comment with this comment's id is: this one (`exists`), another (`id_taken`), or none. */
  async #existing(
    trx: Transaction<Database>,
    comment: ImportedComment,
  ): Promise<'exists' | 'id_taken' | undefined> {
    const row = await trx
      .selectFrom('comments')
      .select('created_at')
      .where('id', '=', comment.id)
      .executeTakeFirst();
    if (!row) return undefined;
    return row.created_at === comment.createdAt ? 'exists' : 'id_taken';
  }

  addReferences(references: readonly ImportedReference[]): Promise<ImportReferenceOutcome[]> {
    return this.db.transaction().execute(async (trx) => {
      const outcomes: ImportReferenceOutcome[] = [];
      for (const reference of references) outcomes.push(await this.#addReference(trx, reference));
      return outcomes;
    });
  }

  async #addReference(
    trx: Transaction<Database>,
    { id, source, target, thread, via, sourceHost, entry, status, reason, at }: ImportedReference,
  ): Promise<ImportReferenceOutcome> {
    // The same pair as the mention store's: a Webmention of this source and target later is this reference again.
    const pairHash = toBase64Url(await sha256(`${source}\n${target}`));
    const listed = status === 'published' ? 1 : 0;
    const inserted = await trx
      .insertInto('mentions')
      .values({
        id,
        pair_hash: pairHash,
        source,
        target,
        thread_key: thread,
        via,
        state: 'verified',
        status,
        reason,
        detail: null,
        source_host: sourceHost,
        sender_ip: null,
        listed,
        kind: entry.kind,
        url: entry.url,
        title: entry.title,
        author_name: entry.authorName,
        author_url: entry.authorUrl,
        author_photo: entry.authorPhoto,
        excerpt: entry.excerpt,
        published_at: entry.publishedAt ?? at,
        next_attempt_at: null,
        created_at: at,
        updated_at: at,
        verified_at: at,
        moderated_at: null,
      })
      .onConflict((conflict) => conflict.doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return 'exists';
    await trx
      .insertInto('threads')
      .values({ key: thread, created_at: at, reference_count: listed })
      .onConflict((conflict) =>
        conflict
          .column('key')
          .doUpdateSet((eb) => ({ reference_count: eb('threads.reference_count', '+', listed) })),
      )
      .execute();
    return 'inserted';
  }
}

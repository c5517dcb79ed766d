import { sql, type Kysely, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { MentionReason, MentionState, ReferenceKind } from '../../protocol/types.js';
import { sha256, toBase64Url } from '../base64url.js';
import {
  QueueFullError,
  type MentionQuery,
  type MentionStore,
  type MentionVia,
  type QueueBounds,
  type ReceivedMention,
  type StoredMention,
  type Verification,
} from './mentions.js';
import type { Database, MentionsTable } from './schema.js';
import type { StatusChange, StoredStatus } from './store.js';

/** How far from published each status is: a source verified again may move further away, never closer. */
const distance: Record<StoredStatus, number> = { published: 0, pending: 1, spam: 2, deleted: 3 };

function toMention(row: Selectable<MentionsTable>): StoredMention {
  return {
    id: row.id,
    source: row.source,
    target: row.target,
    thread: row.thread_key,
    via: row.via as MentionVia,
    state: row.state as MentionState,
    status: row.status as StoredStatus | null,
    reason: row.reason,
    detail: row.detail,
    sourceHost: row.source_host,
    senderIp: row.sender_ip,
    entry:
      row.verified_at === null
        ? null
        : {
            kind: (row.kind ?? 'mention') as ReferenceKind,
            url: row.url,
            title: row.title,
            authorName: row.author_name,
            authorUrl: row.author_url,
            authorPhoto: row.author_photo,
            excerpt: row.excerpt,
            publishedAt: row.published_at,
          },
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    verifiedAt: row.verified_at,
    moderatedAt: row.moderated_at,
  };
}

/** The advisory lock that receivers take on PostgreSQL (any number no other lock of the database uses). */
const receiveLockKey = 0x6e61_7474_6572;

/** Queued mentions, of one source host or of all. */
async function countQueued(
  db: Kysely<Database> | Transaction<Database>,
  sourceHost?: string,
): Promise<number> {
  let select = db
    .selectFrom('mentions')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('state', '=', 'queued');
  if (sourceHost !== undefined) select = select.where('source_host', '=', sourceHost);
  const row = await select.executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The mentions in the `mentions` table, each thread's count of published ones in `threads`. */
export class KyselyMentions implements MentionStore {
  constructor(
    private readonly db: Kysely<Database>,
    /** Whether rows must be locked for update (PostgreSQL); SQLite writes one transaction at a time. */
    private readonly locksRows: boolean,
  ) {}

  async receive(mention: ReceivedMention, bounds?: QueueBounds): Promise<StoredMention> {
    const pairHash = toBase64Url(await sha256(`${mention.source}\n${mention.target}`));
    if (!bounds) return this.#queue(this.db, mention, pairHash);
    return this.db.transaction().execute(async (trx) => {
      // One receiver counts and queues at a time: on SQLite a transaction has the only connection; on PostgreSQL,
      // where each would count before the others' rows are committed, every instance waits for this lock.
      if (this.locksRows) await sql`select pg_advisory_xact_lock(${receiveLockKey})`.execute(trx);
      if ((await countQueued(trx, mention.sourceHost)) >= bounds.perHost) throw new QueueFullError('host');
      if ((await countQueued(trx)) >= bounds.total) throw new QueueFullError('all');
      return this.#queue(trx, mention, pairHash);
    });
  }

  /** Inserts `mention`, or queues the mention of the same pair again. */
  async #queue(
    db: Kysely<Database> | Transaction<Database>,
    mention: ReceivedMention,
    pairHash: string,
  ): Promise<StoredMention> {
    const row = await db
      .insertInto('mentions')
      .values({
        id: mention.id,
        pair_hash: pairHash,
        source: mention.source,
        target: mention.target,
        thread_key: mention.thread,
        via: mention.via,
        state: 'queued',
        source_host: mention.sourceHost,
        sender_ip: mention.senderIp,
        next_attempt_at: mention.at,
        created_at: mention.at,
        updated_at: mention.at,
        status: null,
        reason: null,
        detail: null,
        kind: null,
        url: null,
        title: null,
        author_name: null,
        author_url: null,
        author_photo: null,
        excerpt: null,
        published_at: null,
        verified_at: null,
        moderated_at: null,
      })
      // Sent again: verified anew, as it is now. Still shown meanwhile if it was (its status is left alone).
      .onConflict((conflict) =>
        conflict.column('pair_hash').doUpdateSet({
          state: 'queued',
          via: mention.via,
          sender_ip: mention.senderIp,
          next_attempt_at: mention.at,
          updated_at: mention.at,
          attempts: 0,
          detail: null,
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    return toMention(row);
  }

  async get(id: string): Promise<StoredMention | undefined> {
    const row = await this.db.selectFrom('mentions').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toMention(row);
  }

  async claim(now: string, leaseUntil: string, limit: number): Promise<StoredMention[]> {
    return this.db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('mentions')
        .selectAll()
        .where('state', '=', 'queued')
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      const claimed: StoredMention[] = [];
      for (const row of due) {
        // Taken only if nobody took it meanwhile: another instance may have claimed the same row.
        const result = await trx
          .updateTable('mentions')
          .set({ next_attempt_at: leaseUntil })
          .where('id', '=', row.id)
          .where('state', '=', 'queued')
          .where('next_attempt_at', '=', row.next_attempt_at)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 1) claimed.push(toMention(row));
      }
      return claimed;
    });
  }

  async postpone(id: string, retryAt: string, detail: string | null, isAttempt: boolean): Promise<void> {
    await this.db
      .updateTable('mentions')
      .set((eb) => ({
        next_attempt_at: retryAt,
        detail: detail?.slice(0, 1000) ?? null,
        attempts: isAttempt ? eb('attempts', '+', 1) : eb.ref('attempts'),
      }))
      .where('id', '=', id)
      .where('state', '=', 'queued')
      .execute();
  }

  verify(id: string, { entry, status, reason, at }: Verification): Promise<StoredMention | undefined> {
    return this.#change(id, (row) => {
      const previous = row.verified_at === null ? null : (row.status as StoredStatus | null);
      const keepsStatus = previous !== null && distance[previous] >= distance[status];
      return {
        state: 'verified',
        status: keepsStatus ? previous : status,
        reason: keepsStatus ? row.reason : reason,
        detail: null,
        kind: entry.kind,
        url: entry.url,
        title: entry.title,
        author_name: entry.authorName,
        author_url: entry.authorUrl,
        author_photo: entry.authorPhoto,
        excerpt: entry.excerpt,
        published_at: entry.publishedAt ?? row.published_at ?? at,
        verified_at: at,
        next_attempt_at: null,
        updated_at: at,
      };
    });
  }

  refuse(
    id: string,
    reason: MentionReason,
    detail: string | null,
    at: string,
  ): Promise<StoredMention | undefined> {
    return this.#change(id, (row) => ({
      state: row.verified_at === null ? 'refused' : 'removed',
      reason,
      detail: detail?.slice(0, 1000) ?? null,
      next_attempt_at: null,
      updated_at: at,
    }));
  }

  async keepVerified(id: string, detail: string | null, at: string): Promise<void> {
    await this.#change(id, () => ({
      state: 'verified',
      detail: detail?.slice(0, 1000) ?? null,
      next_attempt_at: null,
      updated_at: at,
    }));
  }

  setStatus(id: string, { status, reason, at }: StatusChange): Promise<StoredMention | undefined> {
    return this.#change(id, (row) =>
      row.verified_at === null ? undefined : { status, reason, moderated_at: at, updated_at: at },
    );
  }

  async listPublished(thread: string, limit: number): Promise<StoredMention[]> {
    const rows = await this.db
      .selectFrom('mentions')
      .selectAll()
      .where('thread_key', '=', thread)
      .where('listed', '=', 1)
      .orderBy('published_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toMention);
  }

  async find(query: MentionQuery): Promise<StoredMention[]> {
    let select = this.db.selectFrom('mentions').selectAll();
    if (query.statuses) select = select.where('status', 'in', [...query.statuses]);
    if (query.states) select = select.where('state', 'in', [...query.states]);
    if (query.thread !== undefined) select = select.where('thread_key', '=', query.thread);
    if (query.before) {
      const [createdAt = '', id = ''] = query.before.split('|');
      select = select.where((eb) =>
        eb.or([
          eb('created_at', '<', createdAt),
          eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)]),
        ]),
      );
    }
    const rows = await select
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit)
      .execute();
    return rows.map(toMention);
  }

  async hasPublishedFromHost(host: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('mentions')
      .select('id')
      .where('source_host', '=', host)
      .where('listed', '=', 1)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async countPending(): Promise<number> {
    const row = await this.db
      .selectFrom('mentions')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('status', '=', 'pending')
      .where('state', '=', 'verified')
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  countQueued(sourceHost?: string): Promise<number> {
    return countQueued(this.db, sourceHost);
  }

  async countInThread(thread: string): Promise<number> {
    const row = await this.db
      .selectFrom('mentions')
      .select((eb) => eb.fn.countAll<number | string>().as('count'))
      .where('thread_key', '=', thread)
      .where('state', 'in', ['queued', 'verified'])
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /**
   * Changes one mention as `change` says from its current row (`undefined`: no change), keeping its thread's count
   * of published references in the same transaction.
   */
  async #change(
    id: string,
    change: (row: Selectable<MentionsTable>) => Updateable<MentionsTable> | undefined,
  ): Promise<StoredMention | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const select = trx.selectFrom('mentions').selectAll().where('id', '=', id);
      const row = await (this.locksRows ? select.forUpdate() : select).executeTakeFirst();
      if (!row) return undefined;
      const update = change(row);
      if (!update) return toMention(row);
      const next = { ...row, ...update } as Selectable<MentionsTable>;
      const listed = next.state === 'verified' && next.status === 'published' ? 1 : 0;
      const updated = await trx
        .updateTable('mentions')
        .set({ ...update, listed })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (listed !== row.listed) await this.#count(trx, row.thread_key, listed - row.listed, next.updated_at);
      return toMention(updated);
    });
  }

  async #count(trx: Transaction<Database>, thread: string, change: number, at: string): Promise<void> {
    await trx
      .insertInto('threads')
      .values({ key: thread, created_at: at, reference_count: Math.max(0, change) })
      .onConflict((conflict) =>
        conflict
          .column('key')
          .doUpdateSet((eb) => ({ reference_count: eb('threads.reference_count', '+', change) })),
      )
      .execute();
  }
}

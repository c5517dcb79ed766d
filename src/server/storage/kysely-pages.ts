import type { Kysely, Selectable } from 'kysely';
import type { SortOrder } from '../../protocol/types.js';
import { idsPerStatement, toStoredComment } from './kysely-rows.js';
import type { CommentsTable, Database } from './schema.js';
import type { Page, PagePosition, PageQuery } from './store.js';
import { childPath, orderKey, rootIdOf } from './thread-order.js';

/** The column that ranks top-level comments before their time, for the orders that have one. */
const rankColumns = { liked: 'likes', replied: 'reply_count' } as const;

/** The column that ranks top-level comments in `sort`, or `undefined` when only their time does. */
function rankColumnOf(sort: SortOrder): 'likes' | 'reply_count' | undefined {
  return sort in rankColumns ? rankColumns[sort as keyof typeof rankColumns] : undefined;
}

type Direction = 'forward' | 'backward';

/** Where a walk through a thread's top-level comments resumes: after (or at) this one. */
interface RootCursor {
  rootKey: string;
  /** Its rank (likes or replies) for `liked` and `replied`; 0 otherwise. */
  value: number;
  isInclusive: boolean;
}

/** A listed comment on its way into a page, with the rank its top-level comment had then. */
interface Positioned {
  row: Selectable<CommentsTable>;
  rootValue: number;
}

/** Where a walk starts: the thread's first comment, just after (or before) a position, or at a top-level comment. */
type WalkStart =
  { kind: 'start' } | { kind: 'position'; position: PagePosition } | { kind: 'root'; root: RootCursor };

/**
 * Pages of a thread in each order, forwards, backwards and around a comment, for both dialects: a few queries a page,
 * whatever its size and wherever it is in the thread.
 */
export class KyselyPages {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async listPage({ thread, sort, limit, after, before, around }: PageQuery): Promise<Page> {
    const positionOf = ({ row, rootValue }: Positioned): PagePosition => ({
      rootKey: row.root_key,
      commentKey: orderKey(row.created_at, row.id),
      parentId: row.parent_id,
      ...(sort in rankColumns && { rootValue }),
    });
    if (before) {
      // Walked backwards: the comment just before the page, if there is one, is the extra one.
      const walked = await this.#walk(thread, sort, limit + 1, 'backward', {
        kind: 'position',
        position: before,
      });
      const page = walked.slice(0, limit).reverse();
      const first = page[0];
      const last = page.at(-1);
      return {
        comments: page.map(({ row }) => toStoredComment(row)),
        next: last && positionOf(last),
        previous: walked.length > limit && first ? positionOf(first) : undefined,
      };
    }
    let start: WalkStart = after ? { kind: 'position', position: after } : { kind: 'start' };
    let previous: PagePosition | undefined;
    if (around !== undefined) {
      const root = await this.#rootOf(thread, sort, around);
      if (!root) return { comments: [], isUnknown: true };
      start = { kind: 'root', root: { ...root, isInclusive: true } };
      const earlier = await this.#roots(thread, sort, 'backward', { ...root, isInclusive: false }, 1);
      if (earlier.length > 0) {
        previous = {
          rootKey: root.rootKey,
          commentKey: root.rootKey,
          parentId: null,
          ...(sort in rankColumns && { rootValue: root.value }),
        };
      }
    }
    const walked = await this.#walk(thread, sort, limit + 1, 'forward', start);
    const page = walked.slice(0, limit);
    const last = page.at(-1);
    return {
      comments: page.map(({ row }) => toStoredComment(row)),
      next: walked.length > limit && last ? positionOf(last) : undefined,
      ...(around !== undefined && { previous }),
    };
  }

  /**
   * The top-level comment of listed comment `id` of `thread`, with its rank in `sort`; `undefined` when `id` names
   * no listed comment of the thread.
   */
  async #rootOf(
    thread: string,
    sort: SortOrder,
    id: string,
  ): Promise<Omit<RootCursor, 'isInclusive'> | undefined> {
    const comment = await this.#db
      .selectFrom('comments')
      .select(['root_key', 'thread_key', 'listed'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!comment || comment.listed !== 1 || comment.thread_key !== thread) return undefined;
    const root = await this.#db
      .selectFrom('comments')
      .select(['likes', 'reply_count'])
      .where('id', '=', rootIdOf(comment.root_key))
      .executeTakeFirst();
    if (!root) return undefined;
    const column = rankColumnOf(sort);
    return { rootKey: comment.root_key, value: column ? root[column] : 0 };
  }

  /**
   * Up to `limit` listed top-level comments of `thread` in `sort` order (reversed when walking backwards), after
   * `cursor` (or at it, when inclusive). A scan of one of the partial indexes of top-level comments (0004), bounded
   * by the cursor: a page never reads the comments before it.
   */
  async #roots(
    thread: string,
    sort: SortOrder,
    direction: Direction,
    cursor: RootCursor | undefined,
    limit: number,
  ): Promise<{ root_key: string; value: number; reply_count: number }[]> {
    const isForward = direction === 'forward';
    const column = rankColumnOf(sort);
    // Forward: rank descending, then time (oldest first, except for `newest`).
    const isKeyAscending = (sort !== 'newest') === isForward;
    const isValueDescending = isForward;
    let query = this.#db
      .selectFrom('comments')
      .select(['root_key', 'reply_count', 'likes'])
      .where('thread_key', '=', thread)
      .where('listed', '=', 1)
      .where('parent_id', 'is', null);
    if (cursor) {
      const keyOperator = isKeyAscending
        ? cursor.isInclusive
          ? '>='
          : '>'
        : cursor.isInclusive
          ? '<='
          : '<';
      if (column) {
        const valueOperator = isValueDescending ? '<' : '>';
        // The first condition is implied by the second; it bounds the index scan.
        query = query
          .where(column, isValueDescending ? '<=' : '>=', cursor.value)
          .where((eb) =>
            eb.or([
              eb(column, valueOperator, cursor.value),
              eb.and([eb(column, '=', cursor.value), eb('root_key', keyOperator, cursor.rootKey)]),
            ]),
          );
      } else {
        query = query.where('root_key', keyOperator, cursor.rootKey);
      }
    }
    if (column) query = query.orderBy(column, isValueDescending ? 'desc' : 'asc');
    const rows = await query
      .orderBy('root_key', isKeyAscending ? 'asc' : 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      root_key: row.root_key,
      reply_count: row.reply_count,
      value: column ? row[column] : 0,
    }));
  }

  /**
   * Up to `need` listed comments of `thread` in thread order (reversed when walking backwards) from `start`: the rest
   * of the conversation a position is in, then whole conversations top-level comment by top-level comment. The
   * stored reply counts say how many conversations a page needs, so that a page costs a few queries whatever its
   * size: one for the top-level comments, one for the conversations that fit whole, one for the last, cut short.
   */
  async #walk(
    thread: string,
    sort: SortOrder,
    need: number,
    direction: Direction,
    start: WalkStart,
  ): Promise<Positioned[]> {
    const isForward = direction === 'forward';
    const pathOrder = isForward ? 'asc' : 'desc';
    const conversation = () =>
      this.#db.selectFrom('comments').selectAll().where('thread_key', '=', thread).where('listed', '=', 1);
    const walked: Positioned[] = [];
    let cursor: RootCursor | undefined;
    if (start.kind === 'root') cursor = start.root;
    if (start.kind === 'position') {
      const { position } = start;
      const value = position.rootValue ?? 0;
      const anchorPath = await this.#pathOf(position);
      // Forwards, a position whose comment and parent are both gone resumes at the next top-level comment;
      // backwards, its whole conversation comes again (clients drop what they have twice).
      if (anchorPath || !isForward) {
        let query = conversation().where('root_key', '=', position.rootKey);
        if (anchorPath) query = query.where('path', isForward ? '>' : '<', anchorPath);
        const rows = await query.orderBy('path', pathOrder).limit(need).execute();
        walked.push(...rows.map((row) => ({ row, rootValue: value })));
      }
      cursor = { rootKey: position.rootKey, value, isInclusive: false };
    }
    while (walked.length < need) {
      const wanted = need - walked.length;
      const roots = await this.#roots(thread, sort, direction, cursor, wanted);
      if (roots.length === 0) break;
      // The conversations that fit whole by their reply counts (placeholders, not counted, only add to them), and
      // the one that does not.
      let estimate = walked.length;
      const whole: typeof roots = [];
      let cut: (typeof roots)[number] | undefined;
      for (const root of roots) {
        estimate += 1 + root.reply_count;
        if (estimate >= need) {
          cut = root;
          break;
        }
        whole.push(root);
      }
      if (whole.length > 0) {
        const byRoot = new Map<string, Selectable<CommentsTable>[]>(whole.map((root) => [root.root_key, []]));
        for (let index = 0; index < whole.length; index += idsPerStatement) {
          const keys = whole.slice(index, index + idsPerStatement).map((root) => root.root_key);
          const rows = await conversation()
            .where('root_key', 'in', keys)
            .orderBy('root_key')
            .orderBy('path', pathOrder)
            .execute();
          for (const row of rows) byRoot.get(row.root_key)?.push(row);
        }
        for (const root of whole) {
          for (const row of byRoot.get(root.root_key) ?? []) walked.push({ row, rootValue: root.value });
        }
      }
      if (cut && walked.length < need) {
        const rows = await conversation()
          .where('root_key', '=', cut.root_key)
          .orderBy('path', pathOrder)
          .limit(need - walked.length)
          .execute();
        walked.push(...rows.map((row) => ({ row, rootValue: cut.value })));
      }
      const done = cut ?? whole.at(-1);
      if (!done) break;
      cursor = { rootKey: done.root_key, value: done.value, isInclusive: false };
      if (!cut && roots.length < wanted) break;
    }
    return walked;
  }

  /**
   * The order path of the comment a page position names: its parent's path and its own key (so it holds even
   * if that comment was deleted since), or `undefined` when the parent is gone too; the page then resumes at
   * the next top-level comment.
   */
  async #pathOf({ rootKey, commentKey, parentId }: PagePosition): Promise<string | undefined> {
    if (!parentId) return commentKey === rootKey ? commentKey : undefined;
    const parent = await this.#db
      .selectFrom('comments')
      .select('path')
      .where('id', '=', parentId)
      .where('root_key', '=', rootKey)
      .executeTakeFirst();
    return parent && childPath(parent.path, commentKey);
  }
}

import type { ImportedComment, ImportedReference } from '../storage/imports.js';
import type { CommentStore } from '../storage/store.js';
import { cleanFields } from './comment-fields.js';
import { htmlLine, type HtmlTextOptions } from './html-text.js';
import { importedId } from './import-ids.js';
import type { ImportSummary } from './import-summary.js';
import type { SourceComment, SourceReference, SourceState } from './source-records.js';
import { storedTime } from './source-date.js';
import type { ThreadKeys } from './thread-keys.js';

/** How many comments (or references) go to the store in one transaction. */
const batchSize = 500;
/** The longest excerpt a reference has, as a verified one's. */
const excerptLength = 300;

/** A comment on its way to the store, with the source id it came from (for the summary). */
interface Pending {
  comment: ImportedComment;
  sourceId: string;
}

/** What the writer needs to know of the format it writes. */
export interface WriterOptions {
  /** The format's name as ids carry it: `disqus`. */
  format: string;
  /** The source's name for people: `Disqus`. */
  source: string;
  threads: ThreadKeys;
  summary: ImportSummary;
  /** How the format's HTML reads (Disqus's links go through its redirects). */
  text?: Partial<HtmlTextOptions>;
}

/**
 * Stores a source's comments and references, each once however often the file is imported (its id is derived from
 * the source's), in batches of one transaction each. A reply is stored after its parent: one whose parent has not
 * come yet waits for it (exports list parents first, so few wait), and one whose parent never comes becomes a
 * top-level comment at the end. A comment deleted in the source but shown there for its replies (`placeholder`)
 * is held back until a published reply needs it, and dropped if none does.
 */
export class ImportWriter {
  readonly #store: CommentStore;
  readonly #options: WriterOptions;
  #batch: Pending[] = [];
  #references: { reference: ImportedReference; sourceId: string }[] = [];
  /** Replies whose parent is not stored yet, by the parent's id. */
  readonly #waiting = new Map<string, Pending[]>();
  /** The ids of the replies in `#waiting`. */
  readonly #waitingIds = new Set<string>();
  /** Placeholders no published reply has asked for yet, by id. */
  readonly #held = new Map<string, Pending>();
  /** The natter ids of the source ids seen last: a reply's parent is most often among them. */
  readonly #recentIds = new Map<string, string>();
  /** Ids of comments skipped, for what their replies are told. */
  readonly #skippedIds = new Set<string>();

  constructor(store: CommentStore, options: WriterOptions) {
    this.#store = store;
    this.#options = options;
  }

  /** Takes a comment of the source, storing it now or when its batch is full. */
  async addComment(record: SourceComment): Promise<void> {
    const { summary } = this.#options;
    const id = await this.#idOf(record.scope, record.sourceId);
    const skip = (reason: string) => {
      summary.skip(reason, record.sourceId);
      if (this.#skippedIds.size < 100_000) this.#skippedIds.add(id);
    };
    const thread = this.#options.threads.keyOf(record.page);
    if ('error' in thread) return skip(thread.error);
    const createdAt = storedTime(record.createdAt);
    if (!createdAt) return skip(`no time natter can store ("${record.createdAt.slice(0, 40)}")`);
    const isPlaceholder = record.state === 'placeholder';
    const cleaned = isPlaceholder
      ? {
          fields: { authorName: '', authorEmail: null, authorUrl: null, authorIp: null, text: '' },
          changes: [],
        }
      : cleanFields({ ...record, thread: thread.key }, this.#options.text);
    if ('skip' in cleaned) return skip(cleaned.skip);
    let parent = record.parentId === null ? null : await this.#idOf(record.scope, record.parentId);
    if (parent === id) {
      summary.change('reply to itself: now a top-level comment', record.sourceId);
      parent = null;
    }
    for (const change of [...(record.changes ?? []), ...cleaned.changes])
      summary.change(change, record.sourceId);
    summary.threads.add(thread.key);
    const pending: Pending = {
      sourceId: record.sourceId,
      comment: {
        id,
        thread: thread.key,
        parent,
        ...cleaned.fields,
        status: record.state === 'placeholder' ? 'published' : record.state,
        reason: this.#reasonFor(record.state),
        createdAt,
        isDeleted: isPlaceholder,
      },
    };
    if (isPlaceholder) this.#held.set(id, pending);
    else await this.#queue(pending);
  }

  /** Takes a Pingback or Trackback of the source: a verified reference, with the status it had there. */
  async addReference(record: SourceReference): Promise<void> {
    const { summary, format, source } = this.#options;
    const thread = this.#options.threads.keyOf(record.page);
    const at = storedTime(record.createdAt);
    const sourceUrl = httpUrl(record.sourceUrl);
    if ('error' in thread || !at || !sourceUrl) {
      const why =
        'error' in thread ? thread.error : !at ? 'no time natter can store' : 'no http or https source URL';
      summary.skip(`${record.via}: ${why}`, record.sourceId);
      return;
    }
    const name = record.name.trim().slice(0, 500) || null;
    const excerpt = htmlLine(record.excerpt);
    const target = httpUrl(record.page)?.href ?? record.page;
    summary.threads.add(thread.key);
    this.#references.push({
      sourceId: record.sourceId,
      reference: {
        id: await importedId(format, record.scope, `${record.via}:${record.sourceId}`),
        source: sourceUrl.href,
        target,
        thread: thread.key,
        via: record.via === 'webmention' ? 'webmention' : 'pingback',
        sourceHost: sourceUrl.hostname,
        entry: {
          kind: 'mention',
          url: sourceUrl.href,
          // A Pingback's name is its source's title; a Trackback's, the blog that sent it; a Webmention's, its author.
          title: record.via === 'pingback' ? name : null,
          authorName: record.via === 'pingback' ? null : name,
          authorUrl: null,
          authorPhoto: null,
          excerpt:
            excerpt === ''
              ? null
              : excerpt.length > excerptLength
                ? `${excerpt.slice(0, excerptLength - 1)}…`
                : excerpt,
          publishedAt: at,
        },
        status: record.state,
        reason: this.#reasonFor(record.state) ?? `imported from ${source}: a ${record.via}`,
        at,
      },
    });
    if (this.#references.length >= batchSize) await this.#flushReferences();
  }

  /**
   * Stores what is left: the last batch, replies whose parent never came (as top-level comments), and says what
   * became of placeholders no reply needed.
   */
  async finish(): Promise<void> {
    const { summary } = this.#options;
    await this.#flush();
    await this.#flushReferences();
    while (this.#waiting.size > 0) {
      // The replies whose parent is nowhere become top-level comments, all in one go, and the replies waiting for
      // them are stored with them; in a loop of replies to each other, which has none of those, any one of them.
      const waiting = [...this.#waiting];
      const orphans = waiting.filter(([parentId]) => !this.#waitingIds.has(parentId));
      for (const [parent, replies] of orphans.length > 0 ? orphans : waiting.slice(0, 1)) {
        this.#waiting.delete(parent);
        const why = this.#held.has(parent)
          ? 'reply to a comment deleted in the source: now a top-level comment'
          : this.#skippedIds.has(parent)
            ? 'reply to a skipped comment: now a top-level comment'
            : 'orphaned reply (its parent is not in the export): now a top-level comment';
        for (const reply of replies) {
          this.#waitingIds.delete(reply.comment.id);
          summary.change(why, reply.sourceId);
          this.#batch.push({ ...reply, comment: { ...reply.comment, parent: null } });
        }
      }
      await this.#flush();
    }
    for (const [id, { sourceId }] of this.#held) {
      if (await this.#store.getComment(id)) summary.commentsThere += 1;
      else summary.skip('deleted in the source, and no reply to keep it for', sourceId);
    }
    this.#held.clear();
  }

  /** The natter id of a source id of this format, remembered for a while. */
  async #idOf(scope: string, sourceId: string): Promise<string> {
    const key = `${scope}\n${sourceId}`;
    const known = this.#recentIds.get(key);
    if (known !== undefined) return known;
    if (this.#recentIds.size >= 10_000) this.#recentIds.clear();
    const id = await importedId(this.#options.format, scope, sourceId);
    this.#recentIds.set(key, id);
    return id;
  }

  #reasonFor(state: SourceState): string | null {
    const { source } = this.#options;
    switch (state) {
      case 'published':
        return null;
      case 'pending':
        return `held: pending in ${source}`;
      case 'spam':
        return `spam: marked as spam in ${source}`;
      case 'deleted':
        return `deleted in ${source}`;
      case 'placeholder':
        return `deleted in ${source}: kept for its replies`;
    }
  }

  async #queue(pending: Pending): Promise<void> {
    this.#batch.push(pending);
    if (this.#batch.length >= batchSize) await this.#flush();
  }

  /** Stores the batch, and the replies that waited for what it stored, until nothing more can be stored. */
  async #flush(): Promise<void> {
    const { summary } = this.#options;
    while (this.#batch.length > 0) {
      const batch = this.#batch.splice(0, batchSize);
      const outcomes = await this.#store.imports.addComments(batch.map(({ comment }) => comment));
      batch.forEach((pending, index) => {
        const { comment, sourceId } = pending;
        switch (outcomes[index]) {
          case 'inserted':
            summary.comments[comment.isDeleted ? 'placeholder' : comment.status] += 1;
            this.#release(comment.id);
            break;
          case 'exists':
            summary.commentsThere += 1;
            this.#release(comment.id);
            break;
          case 'id_taken':
            summary.skip('duplicate id: another comment of the source has it', sourceId);
            break;
          case 'parent_missing':
            this.#wait(pending);
            break;
        }
      });
    }
  }

  /** Puts a reply aside until its parent is stored, asking for the parent if it is a placeholder held back. */
  #wait(pending: Pending): void {
    const parent = pending.comment.parent ?? '';
    const held = this.#held.get(parent);
    if (held && pending.comment.status === 'published') {
      this.#held.delete(parent);
      this.#batch.push(held);
    }
    const replies = this.#waiting.get(parent) ?? [];
    replies.push(pending);
    this.#waiting.set(parent, replies);
    this.#waitingIds.add(pending.comment.id);
  }

  /** Queues the replies that waited for `id`. */
  #release(id: string): void {
    const replies = this.#waiting.get(id);
    if (!replies) return;
    this.#waiting.delete(id);
    for (const reply of replies) this.#waitingIds.delete(reply.comment.id);
    this.#batch.push(...replies);
  }

  async #flushReferences(): Promise<void> {
    const { summary } = this.#options;
    const batch = this.#references.splice(0);
    if (batch.length === 0) return;
    const outcomes = await this.#store.imports.addReferences(batch.map(({ reference }) => reference));
    outcomes.forEach((outcome) => {
      if (outcome === 'inserted') summary.references += 1;
      else summary.referencesThere += 1;
    });
  }
}

/** `value` as an http or https URL, or `undefined`. */
function httpUrl(value: string): URL | undefined {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

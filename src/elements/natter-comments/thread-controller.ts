import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { listComments, type Connection } from '../../client/index.js';
import type { Comment, ListCommentsResponse, SortOrder, ThreadInfo } from '../../protocol/types.js';

/** Which thread to show, and how. */
export interface ThreadQuery {
  connection: Connection;
  thread: string;
  sort: SortOrder;
  limit: number;
}

export interface ThreadControllerOptions {
  /** Called for every page that arrives and is shown. */
  onPage(thread: ThreadInfo, comments: Comment[]): void;
  /** Called when a load fails (never for a load that was superseded or aborted). */
  onError(error: Error): void;
}

/**
 * Loads a thread page by page. A new query aborts whatever is in flight, and an answer that arrives for an
 * old query is dropped, so a thread switched mid-load never paints the old thread.
 */
export class ThreadController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: ThreadControllerOptions;
  #query?: ThreadQuery;
  #key = '';
  #inFlight?: AbortController;

  status: 'idle' | 'loading' | 'loaded' | 'error' = 'idle';
  thread?: ThreadInfo;
  comments: Comment[] = [];
  next: string | null = null;
  /** The site owner's comment policy, sanitized; only threads that have one download the sanitizer. */
  policy?: DocumentFragment;
  isLoadingMore = false;
  hasMoreFailed = false;

  constructor(host: ReactiveControllerHost, options: ThreadControllerOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#inFlight?.abort();
    // A thread left half-loaded loads again when the element comes back.
    if (this.status === 'loading') this.status = 'idle';
  }

  /** Shows the thread `query` names, loading it unless it is already shown or on its way. */
  show(query: ThreadQuery): void {
    const key = [query.connection.api.href, query.thread, query.sort, query.limit].join('\n');
    if (key === this.#key && this.status !== 'idle') return;
    this.#key = key;
    this.#query = query;
    void this.#loadFirst();
  }

  /** Loads the current thread again from its first page, e.g. after a failure. */
  reload(): void {
    if (this.#query) void this.#loadFirst();
  }

  async #loadFirst(): Promise<void> {
    this.status = 'loading';
    this.comments = [];
    this.thread = undefined;
    this.policy = undefined;
    this.hasMoreFailed = false;
    this.#host.requestUpdate();
    await this.#fetch(null, async (page) => {
      // DOMPurify is downloaded only for threads that come with HTML to show (a locked thread shows no policy).
      this.policy =
        page.thread.policy && !page.thread.locked
          ? (await import('../../text/sanitize.js')).sanitizeHtml(page.thread.policy)
          : undefined;
    });
  }

  /** Appends the next page. */
  async loadMore(): Promise<void> {
    if (!this.next || this.isLoadingMore) return;
    this.isLoadingMore = true;
    this.hasMoreFailed = false;
    this.#host.requestUpdate();
    await this.#fetch(this.next);
    this.isLoadingMore = false;
    this.#host.requestUpdate();
  }

  async #fetch(
    cursor: string | null,
    prepare?: (page: ListCommentsResponse) => Promise<void>,
  ): Promise<void> {
    if (!this.#query) return;
    const { connection, ...query } = this.#query;
    this.#inFlight?.abort();
    const inFlight = (this.#inFlight = new AbortController());
    try {
      const page = await listComments(connection, { ...query, cursor }, { signal: inFlight.signal });
      await prepare?.(page);
      if (inFlight.signal.aborted) return;
      // The thread as its first page described it: the heading adds the reader's own new comments to that
      // count, and a later page's count may already include them.
      if (!cursor) this.thread = page.thread;
      this.comments = [...this.comments, ...page.comments];
      this.next = page.next;
      this.status = 'loaded';
      this.#options.onPage(page.thread, page.comments);
    } catch (error) {
      if (inFlight.signal.aborted) return;
      if (cursor) this.hasMoreFailed = true;
      else this.status = 'error';
      this.#options.onError(error as Error);
    } finally {
      if (this.#inFlight === inFlight) this.#inFlight = undefined;
      this.#host.requestUpdate();
    }
  }
}

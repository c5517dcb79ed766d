import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { listComments, type Connection } from '../../client/index.js';
import type { Comment, ListCommentsResponse, SortOrder, ThreadInfo } from '../../protocol/types.js';
import { afterPaint } from '../../text/after-paint.js';

/** Which thread to show, and how. */
export interface ThreadQuery {
  connection: Connection;
  thread: string;
  sort: SortOrder;
  limit: number;
  /** A comment to load the thread around, rather than from its start (a permalink's target). */
  around?: string;
}

/** The next page of a loaded thread: not asked for, on its way, or failed (Show more tries again). */
export type MoreState = { status: 'idle' } | { status: 'loading' } | { status: 'failed'; error: Error };

/**
 * Everything the element knows about its thread, one state at a time, as `@lit/task` models a task: a thread
 * cannot be loading and loaded at once, and only a loaded one has comments.
 */
export type ThreadState =
  | { status: 'idle' }
  | {
      status: 'loading';
      /**
       * What a thread shown before this load described: the thread and its policy, which the element keeps around
       * the placeholder (its form, its policy) until the new thread is there, rather than making them again.
       */
      before?: ShownFrame;
    }
  | { status: 'failed'; error: Error }
  | {
      status: 'loaded';
      /**
       * The thread as its first page described it: the heading adds the reader's own new comments to that
       * count, and a later page's count may already include them.
       */
      thread: ThreadInfo;
      /** Every comment of the pages loaded so far, in thread order, each id once. */
      comments: Comment[];
      /** The cursor of the next page, or `null` after the last. */
      next: string | null;
      /** The cursor of the page before the first loaded (after a load `around` a comment), or `null`. */
      previous: string | null;
      /**
       * The site owner's comment policy, sanitized. Absent when there is none, when the thread is locked, or when
       * the sanitizer could not be loaded: a policy that cannot be shown safely is not shown at all.
       */
      policy?: DocumentFragment;
      more: MoreState;
      earlier: MoreState;
    };

/** What a loaded thread shows around its comments: the thread as its first page described it, and its policy. */
export interface ShownFrame {
  thread: ThreadInfo;
  policy?: DocumentFragment;
}

export interface ThreadControllerOptions {
  /**
   * Asks the host to render the new state: a page arrived or is on its way, the thread (re)loaded or failed. Apart
   * from the host's `requestUpdate`, so that the host can tell such an update from the others (natter-comments.ts:
   * `threadUpdate`).
   */
  requestUpdate(): void;
  /** Called for every page that arrives and is shown; `isFirst` for the first page of a (re)load. */
  onPage(thread: ThreadInfo, comments: Comment[], isFirst: boolean): void;
  /** Called when a load fails (never for a load that was superseded or aborted). */
  onError(error: Error): void;
  /** Called when the thread is shown without its policy because the sanitizer could not be loaded. */
  onPolicyError(error: Error): void;
}

/** `earlier` followed by `later`, where a comment in both keeps only its later copy (protocol: Pages). */
function appendPage(earlier: Comment[], later: Comment[]): Comment[] {
  const ids = new Set(later.map((comment) => comment.id));
  return [...earlier.filter((comment) => !ids.has(comment.id)), ...later];
}

/** The site owner's policy as a sanitized fragment, or why it cannot be shown; never throws. */
async function sanitizedPolicy(html: string): Promise<{ policy?: DocumentFragment; error?: Error }> {
  try {
    const { sanitizeHtml } = await import('../../text/sanitize.js');
    return { policy: sanitizeHtml(html) };
  } catch (error) {
    // Offline, a deploy that replaced the chunk, or a page whose Trusted Types list leaves out natter's policy.
    return { error: error as Error };
  }
}

/**
 * Loads a thread page by page. A new query aborts whatever is in flight, and an answer that arrives for an
 * old query is dropped, so a thread switched mid-load never paints the old thread.
 */
export class ThreadController implements ReactiveController {
  readonly #options: ThreadControllerOptions;
  #query?: ThreadQuery;
  #key = '';
  #inFlight?: AbortController;
  #state: ThreadState = { status: 'idle' };
  /**
   * The policy sanitized last: a thread switched to with the same one (a site's threads share it) shows it with its
   * comments, without DOMPurify and a render more after the paint.
   */
  #sanitized?: { html: string; policy: DocumentFragment };

  constructor(host: ReactiveControllerHost, options: ThreadControllerOptions) {
    this.#options = options;
    host.addController(this);
  }

  /** Where the thread stands. */
  get state(): ThreadState {
    return this.#state;
  }

  #set(state: ThreadState): void {
    this.#state = state;
    this.#options.requestUpdate();
  }

  hostDisconnected(): void {
    this.#inFlight?.abort();
    const state = this.#state;
    // A thread left half-loaded loads again when the element comes back; a page left half-loaded is asked for
    // again with Show more.
    if (state.status === 'loading') this.#set({ status: 'idle' });
    else if (
      state.status === 'loaded' &&
      (state.more.status === 'loading' || state.earlier.status === 'loading')
    )
      this.#set({
        ...state,
        more: state.more.status === 'loading' ? { status: 'idle' } : state.more,
        earlier: state.earlier.status === 'loading' ? { status: 'idle' } : state.earlier,
      });
  }

  /**
   * Shows the thread `query` names, loading it unless it is already shown or on its way; `embedded` may give its
   * first page at once (the one a server wrote into the page), which is then shown without asking for it, or, when
   * it is not `isFresh`, shown while it is asked for again.
   */
  show(
    query: ThreadQuery,
    embedded?: () => { page: ListCommentsResponse; isFresh: boolean } | undefined,
  ): void {
    const key = [query.connection.api.href, query.thread, query.sort, query.limit].join('\n');
    if (key === this.#key && this.#state.status !== 'idle') return;
    // Only the order changed: the thread stays shown (and the reader's place in it) until it comes in the new one.
    const isReordered =
      this.#state.status === 'loaded' &&
      this.#query?.connection === query.connection &&
      this.#query.thread === query.thread;
    this.#key = key;
    this.#query = query;
    const given = query.around === undefined ? embedded?.() : undefined;
    if (!given) {
      void this.#loadFirst(query, isReordered);
      return;
    }
    this.#inFlight?.abort();
    void this.#showFirst(given.page);
    if (!given.isFresh) void this.#loadFirst(query, true);
  }

  /**
   * Loads the current thread again from its first page, e.g. after a failure; or, with `around`, that comment's
   * page. With `keepShown`, what is shown stays until the new page is there.
   */
  reload(around?: string, keepShown = false): void {
    if (this.#query) void this.#loadFirst({ ...this.#query, around }, keepShown);
  }

  /** Aborts the request in flight, if any, and returns the controller of the one that replaces it. */
  #startRequest(): AbortController {
    this.#inFlight?.abort();
    this.#inFlight = new AbortController();
    return this.#inFlight;
  }

  #endRequest(request: AbortController): void {
    if (this.#inFlight === request) this.#inFlight = undefined;
  }

  async #loadFirst({ connection, ...query }: ThreadQuery, keepShown = false): Promise<void> {
    const request = this.#startRequest();
    if (!keepShown) {
      const before = this.#frame;
      this.#set({ status: 'loading', ...(before && { before }) });
    }
    let page: ListCommentsResponse;
    try {
      page = await listComments(connection, query, { signal: request.signal });
    } catch (error) {
      if (request.signal.aborted) return;
      this.#set({ status: 'failed', error: error as Error });
      this.#options.onError(error as Error);
      return;
    } finally {
      this.#endRequest(request);
    }
    if (!request.signal.aborted) await this.#showFirst(page);
  }

  /** The thread and policy shown now, or kept around the placeholder of a load under way. */
  get #frame(): ShownFrame | undefined {
    const state = this.#state;
    if (state.status === 'loading') return state.before;
    return state.status === 'loaded' ? { thread: state.thread, policy: state.policy } : undefined;
  }

  /** Shows the first page of a (re)load, then its policy. */
  async #showFirst(page: ListCommentsResponse): Promise<void> {
    // The same policy as shown already (the thread in another order, or another thread of the site) stays, rather
    // than blinking out and being made again.
    const shown = this.#frame;
    const html = page.thread.policy;
    const policy =
      shown?.policy && shown.thread.policy === html
        ? shown.policy
        : html && html === this.#sanitized?.html
          ? (this.#sanitized.policy.cloneNode(true) as DocumentFragment)
          : undefined;
    this.#set({
      status: 'loaded',
      thread: page.thread,
      comments: appendPage([], page.comments),
      next: page.next,
      previous: page.previous ?? null,
      ...(policy && { policy }),
      more: { status: 'idle' },
      earlier: { status: 'idle' },
    });
    this.#options.onPage(page.thread, page.comments, true);
    await this.#addPolicy();
  }

  /**
   * Adds the thread's policy once the comments are painted: DOMPurify's chunk never delays them. A thread loaded
   * again meanwhile gets its own.
   */
  async #addPolicy(): Promise<void> {
    const loaded = this.#state;
    // DOMPurify is downloaded only for threads that come with HTML to show (a locked thread shows no policy).
    if (loaded.status !== 'loaded' || loaded.policy || !loaded.thread.policy || loaded.thread.locked) return;
    await afterPaint();
    const { policy, error } = await sanitizedPolicy(loaded.thread.policy);
    // A copy kept as it came, for the next thread with the same policy: the one shown is emptied into the page.
    if (policy)
      this.#sanitized = { html: loaded.thread.policy, policy: policy.cloneNode(true) as DocumentFragment };
    const current = this.#state;
    if (current.status !== 'loaded' || current.thread !== loaded.thread) return;
    if (policy) this.#set({ ...current, policy });
    if (error) this.#options.onPolicyError(error);
  }

  /**
   * Appends the next page, or, `isEarlier`, puts the page before the first loaded in front; resolves with the
   * page's comments once it is shown, or with none.
   */
  async loadMore(isEarlier = false): Promise<Comment[]> {
    const state = this.#state;
    const which = isEarlier ? 'earlier' : 'more';
    if (state.status !== 'loaded' || state[which].status === 'loading') return [];
    const cursor = isEarlier ? state.previous : state.next;
    if (!this.#query || !cursor) return [];
    // With a cursor, `around` is ignored.
    const { connection, ...query } = this.#query;
    const request = this.#startRequest();
    this.#set({ ...state, [which]: { status: 'loading' } });
    try {
      const page = await listComments(connection, { ...query, cursor }, { signal: request.signal });
      const current = this.#state;
      if (request.signal.aborted || current.status !== 'loaded') return [];
      this.#set({
        ...current,
        ...(isEarlier
          ? { comments: appendPage(page.comments, current.comments), previous: page.previous ?? null }
          : { comments: appendPage(current.comments, page.comments), next: page.next }),
        [which]: { status: 'idle' },
      });
      this.#options.onPage(page.thread, page.comments, false);
      return page.comments;
    } catch (error) {
      const current = this.#state;
      if (request.signal.aborted || current.status !== 'loaded') return [];
      this.#set({ ...current, [which]: { status: 'failed', error: error as Error } });
      this.#options.onError(error as Error);
      return [];
    } finally {
      this.#endRequest(request);
    }
  }
}

import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import { isComment } from '../../client/shape.js';
import type { Localizer, ThreadLocalizer } from '../../i18n/localizer.js';
import type { Comment } from '../../protocol/types.js';
import { interactiveWords } from './form-behaviour.js';

export interface LiveUpdatesOptions {
  /** The thread's stream (`ThreadInfo.stream`), when the server has one and a thread is shown. */
  stream(): string | undefined;
  /**
   * Whether comment `id` is known here already: shown (the reader's own post, or a page loaded since), or changed by
   * the reader (deleted: its news may come after the deletion).
   */
  isKnown(id: string): boolean;
  /** Shows `comments`, which arrived from others, in their places in the thread. */
  show(comments: Comment[]): void;
  /** Loads the thread again from its first page: the stream said it may have missed comments. */
  reload(): void;
  announce(message: string): void;
}

/** How long new comments gather before they are announced: a burst is told once. */
const announceAfter = 1500;

/**
 * New comments from others while the reader is on the page: an EventSource on the thread's stream, open while the
 * element is in the document and the page is visible (hidden, it closes; visible again, it opens where it left off,
 * with `lastEventId`; between, EventSource reconnects by itself with `Last-Event-ID`). What arrives is gathered,
 * announced politely, and offered as "Show 2 new comments", which puts them in their places without moving what the
 * reader looks at. A comment shown already, such as the reader's own post, is neither offered nor announced. When
 * the stream says `reload` (the server may have missed comments, or more came than it replays), the reader is
 * offered "Show new comments", which loads the thread again: never under the reader's eyes unasked.
 * Part of the interactive chunk: nothing of it is in the first paint.
 */
export class LiveUpdates implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: LiveUpdatesOptions;
  #source?: EventSource;
  /** The stream open (or, while the page is hidden, to open again), and the id of its last event. */
  #stream?: string;
  #lastEventId = '';
  #arrived: Comment[] = [];
  /** Whether the stream said `reload`: what arrived is unknown, and only loading the thread again shows it. */
  #isMissing = false;
  #announcing?: ReturnType<typeof setTimeout>;
  #words?: Localizer;

  constructor(host: ReactiveControllerHost & HTMLElement, options: LiveUpdatesOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.#sync);
    this.#sync();
  }

  hostUpdated(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.#sync);
    clearTimeout(this.#announcing);
    this.#announcing = undefined;
    this.#close();
  }

  /** Opens, closes or switches the stream to suit the element, the page and the thread shown. */
  readonly #sync = (): void => {
    const stream = this.#options.stream();
    if (stream !== this.#stream) {
      // Another thread (or none): what was gathered for the old one goes with it.
      this.#close();
      this.#stream = stream;
      this.#lastEventId = '';
      this.#arrived = [];
      this.#isMissing = false;
    }
    const isWanted = stream && this.#host.isConnected && document.visibilityState !== 'hidden';
    if (!isWanted) return this.#close();
    if (this.#source || typeof EventSource !== 'function') return;
    const url = new URL(stream);
    if (this.#lastEventId) url.searchParams.set('lastEventId', this.#lastEventId);
    const source = (this.#source = new EventSource(url));
    source.addEventListener('comment', (event: MessageEvent<string>) => {
      if (event.lastEventId) this.#lastEventId = event.lastEventId;
      this.#receive(event.data);
    });
    source.addEventListener('reload', () => this.#miss());
  };

  #close(): void {
    this.#source?.close();
    this.#source = undefined;
  }

  #receive(data: string): void {
    let comment: unknown;
    try {
      comment = (JSON.parse(data) as { comment?: unknown }).comment;
    } catch {
      return;
    }
    if (!isComment(comment) || comment.status !== 'published') return;
    this.#arrived = [...this.#arrived.filter((known) => known.id !== comment.id), comment];
    this.#host.requestUpdate();
    clearTimeout(this.#announcing);
    this.#announcing = setTimeout(() => {
      this.#announcing = undefined;
      const count = this.#fresh().length;
      if (count > 0 && this.#words) this.#options.announce(this.#words.plural('newCommentsArrived', count));
    }, announceAfter);
  }

  /** Offers to load the thread again: comments came that this stream will not send. Said once, politely. */
  #miss(): void {
    // The event clears the id: a stream opened again goes on from now, not from before the gap.
    this.#lastEventId = '';
    this.#arrived = [];
    clearTimeout(this.#announcing);
    this.#announcing = undefined;
    if (!this.#isMissing && this.#words) this.#options.announce(this.#words.t('newCommentsMissedArrived'));
    this.#isMissing = true;
    this.#host.requestUpdate();
  }

  /** Loads the thread again, which shows what the stream could not send. */
  #loadAgain(): void {
    this.#isMissing = false;
    this.#options.reload();
  }

  /** What arrived and is not shown yet. */
  #fresh(): Comment[] {
    return this.#arrived.filter((comment) => !this.#options.isKnown(comment.id));
  }

  /**
   * Shows what arrived, keeping the first comment the reader sees below the button where it is on the screen
   * however much goes in above it, and moves focus to the first new comment (without scrolling to it).
   */
  async #show(button: HTMLElement): Promise<void> {
    const fresh = this.#fresh();
    this.#arrived = [];
    const root = this.#host.shadowRoot;
    const below = button.getBoundingClientRect().bottom;
    const anchor = [...(root?.querySelectorAll('article') ?? [])].find(
      (article) => article.getBoundingClientRect().bottom > below,
    );
    const top = anchor?.getBoundingClientRect().top;
    this.#options.show(fresh);
    await this.#host.updateComplete;
    if (anchor?.isConnected && top !== undefined) {
      const moved = anchor.getBoundingClientRect().top - top;
      if (Math.abs(moved) >= 1) window.scrollBy({ top: moved, behavior: 'instant' });
    }
    const first = fresh[0] && root?.getElementById(`comment-${fresh[0].id}`)?.querySelector('article');
    first?.focus({ preventScroll: true });
  }

  /** "Show 2 new comments", while any arrived that are not shown yet; "Show new comments" after a `reload`. */
  render(localizer: ThreadLocalizer): TemplateResult | typeof nothing {
    const words = (this.#words = interactiveWords(localizer));
    const count = this.#fresh().length;
    if (!this.#isMissing && count === 0) return nothing;
    return html`<button
      type="button"
      class="new-comments"
      part="button new-comments"
      @click=${(event: Event) =>
        this.#isMissing ? this.#loadAgain() : void this.#show(event.currentTarget as HTMLElement)}
    >
      ${this.#isMissing ? words.t('newCommentsMissed') : words.plural('newComments', count)}
    </button>`;
  }
}

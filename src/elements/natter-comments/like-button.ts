import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { likeComment, type Connection } from '../../client/index.js';
import type { Localizer, ThreadLocalizer } from '../../i18n/localizer.js';
import type { Comment } from '../../protocol/types.js';
import { likeButton, type LikeView } from './action-buttons.js';
import type { PieceResult } from './comment-item.js';
import { describeFailure, interactiveWords, type FailureWording } from './form-behaviour.js';
import { loadLiked, saveLiked } from './reader-storage.js';

export interface LikeActionOptions {
  connection(): Connection;
  /** The endpoint liked comments are remembered for. */
  endpoint(): string;
  onFailed(error: Error): void;
}

const likeWording: FailureWording = {
  network: 'likeFailedNetwork',
  rateLimited: 'likeRateLimited',
  failed: 'likeFailed',
};

/**
 * Like, with the count of likes, under every published comment: one like per browser (the ids it liked are kept per
 * server, the newest 200), which a second press takes back. The count changes at once; when the server refuses (a
 * network failure, 429), it goes back and the reason shows beside the button. The server's count, once it answers,
 * is the one shown.
 */
export class LikeAction implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #options: LikeActionOptions;
  #endpoint = '';
  #liked = new Set<string>();
  /** Counts since the thread loaded, the reader's own change included: newer than the listing's. */
  #counts = new Map<string, number>();
  /** The comments whose like or unlike is on its way: a second press waits for it. */
  #busy = new Set<string>();
  #errors = new Map<string, string>();

  constructor(host: ReactiveControllerHost, options: LikeActionOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Reads what this browser liked on the server in use, when that server changes. */
  hostUpdate(): void {
    const endpoint = this.#options.endpoint();
    if (endpoint === this.#endpoint) return;
    this.#endpoint = endpoint;
    this.#liked = loadLiked(endpoint);
    this.#counts.clear();
    this.#errors.clear();
  }

  #count(comment: Comment): number {
    return this.#counts.get(comment.id) ?? comment.likes ?? 0;
  }

  async #toggle(comment: Comment, words: Localizer): Promise<void> {
    const { id } = comment;
    if (this.#busy.has(id)) return;
    const endpoint = this.#endpoint;
    const isLiked = !this.#liked.has(id);
    const before = this.#count(comment);
    const set = (liked: boolean, count: number) => {
      if (liked) this.#liked.add(id);
      else this.#liked.delete(id);
      this.#counts.set(id, Math.max(0, count));
    };
    set(isLiked, before + (isLiked ? 1 : -1));
    this.#busy.add(id);
    this.#errors.delete(id);
    this.#host.requestUpdate();
    try {
      const likes = await likeComment(this.#options.connection(), id, isLiked);
      saveLiked(endpoint, id, isLiked);
      if (endpoint === this.#endpoint) this.#counts.set(id, likes);
    } catch (error) {
      this.#options.onFailed(error as Error);
      if (endpoint === this.#endpoint) {
        set(!isLiked, before);
        this.#errors.set(id, describeFailure(error, words, likeWording));
      }
    } finally {
      this.#busy.delete(id);
      this.#host.requestUpdate();
    }
  }

  /** Like for `comment`, pressed when this browser liked it; nothing for a placeholder or a held comment. */
  render(comment: Comment, threadLocalizer: ThreadLocalizer): PieceResult<LikeView> | undefined {
    if (comment.status !== 'published' || comment.deleted) return undefined;
    const { id } = comment;
    const words = interactiveWords(threadLocalizer);
    const count = this.#count(comment);
    return likeButton({
      id,
      label: words.t('like'),
      fullLabel: words.plural('likeLabel', count),
      isLiked: this.#liked.has(id),
      count: count > 0 ? words.number(count) : undefined,
      error: this.#errors.get(id),
      onClick: () => this.#toggle(comment, words),
    });
  }

  /** Everything {@link render} reads for `comment` besides the comment itself. */
  dependencies({ id }: Comment): unknown[] {
    return [this.#liked.has(id), this.#counts.get(id), this.#errors.get(id)];
  }
}
